package dev.mqkit.runtime;

import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * A dialogue that awaits a hook: once the hook's stage completed, the dialogue carries on on its
 * channel's event loop.
 */
public final class Stages {
    private Stages() {}

    /**
     * Calls {@code call} and, once its stage completed, runs {@code then} with the stage's value or failure on
     * {@code loop} (at once when the stage completes there). A call that throws or returns no stage counts as a
     * failed stage.
     *
     * @return the stage awaited
     */
    public static <T> CompletionStage<T> awaitOnLoop(EventLoop loop, Supplier<? extends CompletionStage<T>> call,
                                                     BiConsumer<? super T, Throwable> then) {
        CompletionStage<T> stage;
        try {
            stage = call.get();
            if (stage == null) {
                stage = CompletableFuture.failedFuture(new NullPointerException("hook returned no stage"));
            }
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((value, failure) -> onLoop(loop, () -> then.accept(value, failure)));
        return stage;
    }

    /** Runs {@code task} on {@code loop}: at once when called there, else as its next task. */
    public static void onLoop(EventLoop loop, Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }
}
