package dev.mqkit.smtp;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of messages a server is receiving and has not handed on yet, over all its connections,
 * against a limit: what keeps many large messages at once from exhausting memory. Bodies take
 * bytes as they arrive ({@link #tryTake}) and give them back once queued or refused
 * ({@link #giveBack}). Thread-safe.
 */
public final class InflightBudget {
    /** No limit: the budget of a server that keeps whatever it is sent (a test sink). */
    public static final InflightBudget UNLIMITED = new InflightBudget(Long.MAX_VALUE);

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    public InflightBudget(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the in-flight limit must be positive: " + limit);
        }
        this.limit = limit;
    }

    /** Whether a new message of {@code size} bytes (0 when not announced) fits now. */
    public boolean fits(long size) {
        long now = used.get();
        return now < limit && size <= limit - now;
    }

    /** Takes {@code bytes} if they fit under the limit; false (and nothing taken) otherwise. */
    public boolean tryTake(long bytes) {
        while (true) {
            long now = used.get();
            if (bytes > limit - now) {
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /** Gives back bytes taken before. */
    public void giveBack(long bytes) {
        used.addAndGet(-bytes);
    }

    /** The bytes taken right now. */
    public long used() {
        return used.get();
    }

    public long limit() {
        return limit;
    }
}
