package dev.mqkit.runtime.host;

/** How a plugin that took control gave it back; the order matches libmqhost's codes. */
public enum HandBack {
    /** MQ_Continue: go on with the next plugin. */
    CONTINUE("MQ_Continue"),
    /** MQ_Complete: skip the remaining plugins for this hook. */
    COMPLETE("MQ_Complete"),
    /** MQ_Retry: run the hook again from the first plugin. */
    RETRY("MQ_Retry");

    private final String function;

    HandBack(String function) {
        this.function = function;
    }

    /** The MQ_ function the plugin called. */
    public String function() {
        return function;
    }
}
