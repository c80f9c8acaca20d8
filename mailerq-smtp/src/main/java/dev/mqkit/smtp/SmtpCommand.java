package dev.mqkit.smtp;

import java.util.Locale;

/**
 * A command line split into its verb (upper case) and the rest. {@code MAIL FROM:} and
 * {@code RCPT TO:} keep their {@code FROM:}/{@code TO:} in the argument, where
 * {@link MailArguments} reads it.
 *
 * @param verb     the first word, upper case; empty for an empty line
 * @param argument what follows the verb, without the spaces around it; empty when nothing does
 */
public record SmtpCommand(String verb, String argument) {

    /** Splits a command line (without its line end) at its first space. */
    public static SmtpCommand parse(String line) {
        String trimmed = line.strip();
        int space = trimmed.indexOf(' ');
        if (space < 0) {
            return new SmtpCommand(trimmed.toUpperCase(Locale.ROOT), "");
        }
        return new SmtpCommand(trimmed.substring(0, space).toUpperCase(Locale.ROOT), trimmed.substring(space + 1).strip());
    }

    /** Whether anything follows the verb. */
    public boolean hasArgument() {
        return !argument.isEmpty();
    }
}
