package dev.mqkit.runtime.smtp.server;

/**
 * The user event {@link SmtpServer#close()} fires at every connection: finish what is under way,
 * then say 421 and close instead of waiting for the next command.
 */
enum SmtpShutdown {
    REQUESTED
}
