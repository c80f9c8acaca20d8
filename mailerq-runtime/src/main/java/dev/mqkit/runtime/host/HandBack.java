package dev.mqkit.runtime.host;

import dev.mqkit.api.MailerqRelease.Generation;

/** How a plugin that took control gave it back; the order matches libmqhost's codes. */
public enum HandBack {
    /** Go on with the next plugin. */
    CONTINUE("MQ_Continue", "MQ_continue"),
    /** Skip the remaining plugins for this hook. */
    COMPLETE("MQ_Complete", "MQ_complete"),
    /** Run the hook again from the first plugin. */
    RETRY("MQ_Retry", "MQ_retry");

    private final String smtpConnection;
    private final String connection;

    HandBack(String smtpConnection, String connection) {
        this.smtpConnection = smtpConnection;
        this.connection = connection;
    }

    /** The MQ_ function the plugin called, in its generation's spelling. */
    public String function(Generation generation) {
        return generation == Generation.CONNECTION ? connection : smtpConnection;
    }

    /** The three functions of a generation, for messages: "MQ_continue, MQ_complete or MQ_retry". */
    public static String functions(Generation generation) {
        return CONTINUE.function(generation) + ", " + COMPLETE.function(generation) + " or " + RETRY.function(generation);
    }
}
