package dev.mqkit.runtime.host;

import dev.mqkit.api.MailerqRelease.Generation;
import dev.mqkit.api.ReleaseApi;

/** How a plugin that took control gave it back; the order matches libmqhost's codes. */
public enum HandBack {
    /** Go on with the next plugin. */
    CONTINUE("MQ_Continue"),
    /** Skip the remaining plugins for this hook. */
    COMPLETE("MQ_Complete"),
    /** Run the hook again from the first plugin. */
    RETRY("MQ_Retry");

    /** The function by its first name; each release's name for it is the model's. */
    private final String function;

    HandBack(String function) {
        this.function = function;
    }

    /** The MQ_ function the plugin called, in its release's spelling. */
    public String function(ReleaseApi api) {
        return api.name(function);
    }

    /** The three functions of a release, for messages: "MQ_continue, MQ_complete or MQ_retry". */
    public static String functions(ReleaseApi api) {
        return CONTINUE.function(api) + ", " + COMPLETE.function(api) + " or " + RETRY.function(api);
    }
}
