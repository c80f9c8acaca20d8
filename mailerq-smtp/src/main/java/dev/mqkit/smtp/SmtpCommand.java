package dev.mqkit.smtp;

import java.util.Locale;

/**
 * A command line split into its verb (upper case) and the rest. {@code MAIL FROM:} and
 * {@code RCPT TO:} keep their {@code FROM:}/{@code TO:} in the argument, where
 * {@link MailArguments} reads it. A server reads commands with {@link #parse}; a client makes them
 * with {@link #of} and writes them with {@link SmtpCommandEncoder}.
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

    /**
     * A command to send: the verb, then the words that follow it, each after a space.
     *
     * @throws IllegalArgumentException when the verb or a word holds a line break, which would end
     *                                  the command early and start another
     */
    public static SmtpCommand of(String verb, String... words) {
        String argument = String.join(" ", words);
        if (breaksLine(verb) || breaksLine(argument)) {
            throw new IllegalArgumentException("a command holds a line break: "
                    + ClientText.escaped(verb + " " + argument));
        }
        return new SmtpCommand(verb.toUpperCase(Locale.ROOT), argument);
    }

    private static boolean breaksLine(String text) {
        return text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
    }

    /** The command as it goes over the wire, with its CRLF. */
    public String wire() {
        return argument.isEmpty() ? verb + "\r\n" : verb + " " + argument + "\r\n";
    }

    /** Whether anything follows the verb. */
    public boolean hasArgument() {
        return !argument.isEmpty();
    }
}
