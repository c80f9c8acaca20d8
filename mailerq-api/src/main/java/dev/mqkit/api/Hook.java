package dev.mqkit.api;

import dev.mqkit.api.MailerqRelease.Generation;


/** The hooks a plugin may export, each with the shape of its parameters. */
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
    SMTP_OUT_DATA("mq_smtp_out_data", Shape.MESSAGE),
    /** 4.0 and later only: after the MIME went out, before the reply to it is read. */
    SMTP_OUT_SENT("mq_smtp_out_sent", Shape.MESSAGE);

    /** What a hook receives after its context, in the 2.1/3.x API ({@link #shape(Generation)}). */
    public enum Shape {
        /** (context), returning bool */
        CONTEXT,
        /** (context), returning void: the 4.0+ context hooks, which cannot take control */
        VOID_CONTEXT,
        /** (context, connection) */
        CONNECTION,
        /** (context, connection, text, size) */
        TEXT,
        /** (context, connection, address): the 4.0+ MAIL FROM and RCPT TO, an MQ_Address */
        ADDRESS,
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

    /** The parameters in the 2.1/3.x API. */
    public Shape shape() {
        return shape;
    }

    /** The parameters in a generation's API: 4.0 made the context hooks void and the addresses MQ_Address. */
    public Shape shape(Generation generation) {
        if (generation == Generation.SMTP_CONNECTION) {
            return shape;
        }
        return switch (this) {
            case CONTEXT_INITIALIZE, CONTEXT_CLEANUP -> Shape.VOID_CONTEXT;
            case SMTP_IN_MAILFROM, SMTP_IN_RCPTTO -> Shape.ADDRESS;
            default -> shape;
        };
    }

    /** Whether the generation's API has the hook: all do but mq_smtp_out_sent, which came in 4.0. */
    public boolean in(Generation generation) {
        return this != SMTP_OUT_SENT || generation == Generation.CONNECTION;
    }

    @Override
    public String toString() {
        return symbol;
    }
}
