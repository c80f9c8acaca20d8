package dev.mqkit.harness.sink;

/** The points of an SMTP dialogue where the {@link SmtpSink} replies, and so where it can be scripted. */
public enum Stage {
    /** The greeting after the connection was accepted. */
    CONNECT,
    EHLO,
    HELO,
    STARTTLS,
    /** The final reply to AUTH (after the credentials arrived). */
    AUTH,
    MAIL,
    RCPT,
    /** The reply to the DATA command (354 by default). */
    DATA,
    /** The reply after the message's final {@code .} (250 by default). */
    MESSAGE,
    RSET,
    NOOP,
    QUIT
}
