package dev.mqkit.harness.sink;

import java.time.Duration;
import java.util.Objects;

/**
 * One scripted behaviour of the {@link SmtpSink} at a {@link Stage}: a reply instead of the default,
 * a delay before the reply, or dropping the connection, for the next {@link #times n} times the
 * stage is reached (every time unless limited). Rules of a stage are used in the order they were
 * made; when none applies any more, the sink behaves normally.
 */
public final class Rule {
    private final Stage stage;
    private int remaining = -1; // -1: no limit
    private Integer code;
    private String text;
    private Duration delay = Duration.ZERO;
    private boolean drop;

    Rule(Stage stage) {
        this.stage = stage;
    }

    /** Applies only the next {@code n} times the stage is reached. */
    public synchronized Rule times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        remaining = n;
        return this;
    }

    /** Answers with {@code code} and {@code text} (lines separated by \n make a multi-line reply). */
    public synchronized Rule reply(int code, String text) {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("not an SMTP reply code: " + code);
        }
        this.code = code;
        this.text = Objects.requireNonNull(text);
        return this;
    }

    /** Waits this long before answering (or dropping). */
    public synchronized Rule delay(Duration delay) {
        this.delay = Objects.requireNonNull(delay);
        return this;
    }

    /** Closes the connection instead of answering. */
    public synchronized Rule drop() {
        this.drop = true;
        return this;
    }

    Stage stage() {
        return stage;
    }

    /** Takes one use of this rule if it has any left. */
    synchronized boolean use() {
        if (remaining == 0) {
            return false;
        }
        if (remaining > 0) {
            remaining--;
        }
        return true;
    }

    synchronized Integer code() {
        return code;
    }

    synchronized String text() {
        return text;
    }

    synchronized Duration delayDuration() {
        return delay;
    }

    synchronized boolean dropping() {
        return drop;
    }
}
