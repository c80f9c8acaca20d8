package dev.mqkit.api;

import dev.mqkit.api.MailerqRelease.Generation;


/**
 * The hooks the host calls per worker or connection. Which release has which, and what each receives,
 * is the plugin API model's ({@link ReleaseApi#shape(String)}).
 */
public enum Hook {
    CONTEXT_INITIALIZE("mq_context_initialize"),
    CONTEXT_CLEANUP("mq_context_cleanup"),
    SMTP_IN_CONNECT("mq_smtp_in_connect"),
    SMTP_IN_SECURE("mq_smtp_in_secure"),
    SMTP_IN_AUTHENTICATE("mq_smtp_in_authenticate"),
    SMTP_IN_MAILFROM("mq_smtp_in_mailfrom"),
    SMTP_IN_RCPTTO("mq_smtp_in_rcptto"),
    SMTP_IN_DATA("mq_smtp_in_data"),
    SMTP_IN_MESSAGE("mq_smtp_in_message"),
    SMTP_IN_CLOSE("mq_smtp_in_close"),
    SMTP_OUT_DATA("mq_smtp_out_data"),
    /** 4.0 and later only: after the MIME went out, before the reply to it is read. */
    SMTP_OUT_SENT("mq_smtp_out_sent");

    private final String symbol;

    Hook(String symbol) {
        this.symbol = symbol;
    }

    /** The exported name, e.g. mq_smtp_in_connect. */
    public String symbol() {
        return symbol;
    }

    /** The parameters in a release's API: 4.0 made the context hooks void and the addresses MQ_Address. */
    public HookShape shape(ReleaseApi api) {
        return api.shape(symbol).orElseThrow(() -> new IllegalStateException(api + " has no " + symbol));
    }

    /** Whether the release's API has the hook: all do but mq_smtp_out_sent, which came in 4.0. */
    public boolean in(ReleaseApi api) {
        return api.has(symbol);
    }

    @Override
    public String toString() {
        return symbol;
    }
}
