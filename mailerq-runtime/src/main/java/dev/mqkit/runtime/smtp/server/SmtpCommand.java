package dev.mqkit.runtime.smtp.server;

import java.util.Locale;

/**
 * A command line split into its verb (upper case) and the rest. {@code MAIL FROM:} and
 * {@code RCPT TO:} keep their {@code FROM:}/{@code TO:} in the argument, where
 * {@link MailArguments} reads it.
 */
record SmtpCommand(String verb, String argument) {

    static SmtpCommand parse(String line) {
        String trimmed = line.strip();
        int space = trimmed.indexOf(' ');
        if (space < 0) {
            return new SmtpCommand(trimmed.toUpperCase(Locale.ROOT), "");
        }
        return new SmtpCommand(trimmed.substring(0, space).toUpperCase(Locale.ROOT), trimmed.substring(space + 1).strip());
    }

    boolean hasArgument() {
        return !argument.isEmpty();
    }
}
