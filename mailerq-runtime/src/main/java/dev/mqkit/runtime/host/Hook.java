package dev.mqkit.runtime.host;

/** The bool hooks a plugin may export, each with the shape of its parameters. */
public enum Hook {
    CONTEXT_INITIALIZE("mq_context_initialize", Shape.CONTEXT),
    CONTEXT_CLEANUP("mq_context_cleanup", Shape.CONTEXT),
    SMTP_IN_CONNECT("mq_smtp_in_connect", Shape.CONNECTION),
    SMTP_IN_SECURE("mq_smtp_in_secure", Shape.CONNECTION),
    SMTP_IN_AUTHENTICATE("mq_smtp_in_authenticate", Shape.CREDENTIALS),
    SMTP_IN_MAILFROM("mq_smtp_in_mailfrom", Shape.TEXT),
    SMTP_IN_RCPTTO("mq_smtp_in_rcptto", Shape.TEXT),
    SMTP_IN_DATA("mq_smtp_in_data", Shape.TEXT),
    SMTP_IN_MESSAGE("mq_smtp_in_message", Shape.MESSAGE),
    SMTP_IN_CLOSE("mq_smtp_in_close", Shape.CONNECTION),
    SMTP_OUT_DATA("mq_smtp_out_data", Shape.MESSAGE);

    /** What a hook receives after its context. */
    public enum Shape {
        /** (context) */
        CONTEXT,
        /** (context, connection) */
        CONNECTION,
        /** (context, connection, text, size) */
        TEXT,
        /** (context, connection, login, loginsize, passwd, passwdsize) */
        CREDENTIALS,
        /** (context, connection, message) */
        MESSAGE
    }

    private final String symbol;
    private final Shape shape;

    Hook(String symbol, Shape shape) {
        this.symbol = symbol;
        this.shape = shape;
    }

    /** The exported name, e.g. mq_smtp_in_connect. */
    public String symbol() {
        return symbol;
    }

    public Shape shape() {
        return shape;
    }

    @Override
    public String toString() {
        return symbol;
    }
}
