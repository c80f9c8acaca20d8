package dev.mqkit.runtime.smtp.server;

import dev.mqkit.runtime.Failures;
import dev.mqkit.runtime.Stages;
import dev.mqkit.smtp.SmtpReply;
import io.netty.channel.Channel;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The hook stages of one connection, awaited one at a time: once a hook's (or the publisher's)
 * stage completed, the dialogue carries on on the channel's event loop, unless the connection is
 * gone by then. So a closed connection goes no further than the stage that was running, and the
 * close hook comes after it ({@link #connectionClosed}).
 */
final class HookStages {
    private static final System.Logger LOG = System.getLogger(HookStages.class.getName());
    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);
    private static final SmtpReply LOCAL_ERROR = SmtpReply.of(451, "4.3.0", "Local error in processing");

    private final Channel channel;
    private final SmtpSession session;
    private CompletionStage<?> running = DONE;
    private boolean closed;

    HookStages(Channel channel, SmtpSession session) {
        this.channel = channel;
        this.session = session;
    }

    /**
     * Calls a hook and, once its stage completed, carries on with {@code then} on the event loop;
     * a hook that throws or returns no stage counts as a failed stage.
     */
    <T> void await(Supplier<CompletionStage<T>> call, BiConsumer<T, Throwable> then) {
        running = Stages.awaitOnLoop(channel.eventLoop(), call, (value, failure) -> {
            if (closed) {
                return;
            }
            try {
                then.accept(value, failure);
            } catch (RuntimeException e) {
                // never leave a client waiting for a reply that will not come
                LOG.log(Level.ERROR, session + ": closing after an internal error", e);
                channel.close();
            }
        });
    }

    /** Whether the connection is gone: nothing awaited carries on any more. */
    boolean closed() {
        return closed;
    }

    /** The connection is gone: {@code last} runs on the event loop once the running stage completed. */
    void connectionClosed(Runnable last) {
        closed = true;
        running.handle((value, failure) -> null)
                .whenComplete((value, failure) -> Stages.onLoop(channel.eventLoop(), last));
    }

    /**
     * The reply to a failed stage of a command's hook: the reply of an
     * {@link SmtpRejectionException}, else {@code 451 4.3.0} after a warning naming the hook.
     */
    SmtpReply failureReply(Throwable failure, String hook) {
        return failureReply(failure, hook, LOCAL_ERROR);
    }

    /** Like {@link #failureReply(Throwable, String)}, with {@code otherwise} for any other failure. */
    SmtpReply failureReply(Throwable failure, String hook, SmtpReply otherwise) {
        Throwable cause = Failures.unwrap(failure);
        if (cause instanceof SmtpRejectionException rejection) {
            return rejection.reply();
        }
        LOG.log(Level.WARNING, session + ": " + hook + " hook failed", cause);
        return otherwise;
    }
}
