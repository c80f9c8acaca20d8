package dev.mqkit.smtp;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Watches how long the peer keeps this side waiting. The dialogue arms it for what it waits for
 * ({@link #expect}: a command line, a DATA body, a reply) with two clocks: the idle timeout, which
 * every read of bytes restarts, and the deadline for the whole input, which reads do not move, so
 * that a peer trickling a byte now and then cannot hold its connection for ever. It is disarmed
 * while this side itself is busy ({@link #suspend}). When either runs out it fires {@link #EXPIRED}
 * down the pipeline, once. Runs on the channel's event loop, with the loop's own scheduler.
 */
public final class SmtpTimeoutHandler extends ChannelDuplexHandler {
    /** The user event fired when the peer kept this side waiting too long. */
    public static final Object EXPIRED = new Object() {
        @Override
        public String toString() {
            return "SmtpTimeout.EXPIRED";
        }
    };

    private ChannelHandlerContext ctx;
    private long timeoutNanos;
    private long lastReadNanos;
    private long deadlineNanos;
    private ScheduledFuture<?> check;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        suspend();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        suspend();
        super.channelInactive(ctx);
    }

    /**
     * Start waiting for the peer: at most {@code timeout} between reads and {@code deadline} for
     * the whole input; zero leaves that clock off.
     */
    public void expect(Duration timeout, Duration deadline) {
        suspend();
        timeoutNanos = timeout.toNanos();
        lastReadNanos = System.nanoTime();
        deadlineNanos = deadline.isZero() ? Long.MAX_VALUE : lastReadNanos + deadline.toNanos();
        long first = left();
        if (first != Long.MAX_VALUE && ctx.channel().isActive()) {
            check = ctx.executor().schedule(this::check, first, TimeUnit.NANOSECONDS);
        }
    }

    /** Nanoseconds until a clock runs out (at most 0 once one has), or MAX_VALUE with both off. */
    private long left() {
        long now = System.nanoTime();
        long idle = timeoutNanos > 0 ? timeoutNanos - (now - lastReadNanos) : Long.MAX_VALUE;
        long whole = deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadlineNanos - now;
        return Math.min(idle, whole);
    }

    /** Stop waiting: this side, not the peer, has the next move. */
    public void suspend() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        lastReadNanos = System.nanoTime();
        super.channelRead(ctx, msg);
    }

    private void check() {
        if (check == null) {
            return;
        }
        long left = left();
        if (left > 0) {
            check = ctx.executor().schedule(this::check, left, TimeUnit.NANOSECONDS);
            return;
        }
        check = null;
        ctx.fireUserEventTriggered(EXPIRED);
    }
}
