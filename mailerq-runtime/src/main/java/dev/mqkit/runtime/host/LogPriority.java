package dev.mqkit.runtime.host;

import java.lang.System.Logger.Level;

/** The priority of a plugin's MQ_log line (5.6.5+), as MailerQ names it in its application log. */
public enum LogPriority {
    /** MQ_CRIT (1). */
    CRITICAL("Critical", Level.ERROR),
    /** MQ_WARN (2). */
    WARNING("Warning", Level.WARNING),
    /** MQ_INFO (3), and any value MailerQ does not know. */
    INFO("Info", Level.INFO);

    private final String label;
    private final Level level;

    LogPriority(String label, Level level) {
        this.label = label;
        this.level = level;
    }

    /** The priority of an MQ_log value: MailerQ logs an unknown one as Info. */
    public static LogPriority of(int priority) {
        return priority >= 1 && priority <= 3 ? values()[priority - 1] : INFO;
    }

    /** Whether MQ_log knows the value; MailerQ prefixes the message of one it does not with "(invalid priority) ". */
    public static boolean valid(int priority) {
        return priority >= 1 && priority <= 3;
    }

    /** MQ_log's message as MailerQ logs it: an unknown priority's prefixed with "(invalid priority) ". */
    public static String message(int priority, String message) {
        return valid(priority) ? message : "(invalid priority) " + message;
    }

    /** The line MailerQ's application log shows: "[Info] [10-a.so] message". */
    public static String line(String source, int priority, String message) {
        return "[" + of(priority).label() + "] [" + source + "] " + message(priority, message);
    }

    /** As MailerQ's log shows it: Critical, Warning, Info. */
    public String label() {
        return label;
    }

    /** The level of the runtime's log it is written at. */
    public Level level() {
        return level;
    }
}
