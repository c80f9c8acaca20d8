package dev.mqkit.runtime.queue;

/**
 * The queues cannot take a message now (the broker is down or unreachable); the backend has said so in
 * the log once and reconnects on its own, so callers answer 4xx or try later without logging each one.
 */
public final class QueuesUnavailableException extends RuntimeException {
    public QueuesUnavailableException(String message) {
        super(message, null, false, false);
    }

    public QueuesUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
