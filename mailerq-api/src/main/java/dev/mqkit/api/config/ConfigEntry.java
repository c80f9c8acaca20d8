package dev.mqkit.api.config;

/**
 * One key set by one source, as written: {@code name} not yet looked up, {@code value} not yet checked.
 *
 * @param where  what error messages start with: "config.txt:3", "environment MAILERQ_SMTP_PORT",
 *               "command line --smtp-port"
 * @param line   the line in the file, or 0 for the environment and the command line
 */
public record ConfigEntry(Origin origin, String name, String value, String where, int line) {

    /** The sources of a configuration, in MailerQ's precedence: a later one beats an earlier one. */
    public enum Origin {
        FILE, ENVIRONMENT, COMMAND_LINE
    }
}
