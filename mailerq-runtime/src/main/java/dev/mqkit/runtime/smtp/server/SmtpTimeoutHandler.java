package dev.mqkit.runtime.smtp.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Watches how long the client keeps the server waiting. The session arms it with the timeout of
 * what it waits for ({@link #expect}: a command, more DATA) and disarms it while the server itself
 * is busy ({@link #suspend}); every read of bytes restarts the count. When the time runs out it
 * fires {@link #EXPIRED} down the pipeline, once. Runs on the channel's event loop, with the
 * loop's own scheduler.
 */
final class SmtpTimeoutHandler extends ChannelDuplexHandler {
    /** The user event fired when the client kept the server waiting too long. */
    static final Object EXPIRED = new Object() {
        @Override
        public String toString() {
            return "SmtpTimeout.EXPIRED";
        }
    };

    private ChannelHandlerContext ctx;
    private long timeoutNanos;
    private long lastReadNanos;
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

    /** Start waiting for the client, for at most {@code timeout} between reads; zero waits forever. */
    void expect(Duration timeout) {
        suspend();
        timeoutNanos = timeout.toNanos();
        lastReadNanos = System.nanoTime();
        if (timeoutNanos > 0 && ctx.channel().isActive()) {
            check = ctx.executor().schedule(this::check, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Stop waiting: the server, not the client, has the next move. */
    void suspend() {
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
        long left = timeoutNanos - (System.nanoTime() - lastReadNanos);
        if (left > 0) {
            check = ctx.executor().schedule(this::check, left, TimeUnit.NANOSECONDS);
            return;
        }
        check = null;
        ctx.fireUserEventTriggered(EXPIRED);
    }
}
