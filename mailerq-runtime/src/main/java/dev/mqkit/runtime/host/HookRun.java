package dev.mqkit.runtime.host;

import dev.mqkit.api.Hook;
import dev.mqkit.api.HookShape;
import java.util.concurrent.CompletableFuture;

/**
 * One run of a hook over the plugin chain, the mechanism every hook uses:
 * plugins in order, only those exporting the hook; false goes on; true
 * suspends the run until the plugin hands back with MQ_Continue (next
 * plugin), MQ_Complete (skip the rest) or MQ_Retry (from the first again),
 * spelt MQ_continue, MQ_complete and MQ_retry from 4.0.
 * Confined to its worker's thread.
 */
final class HookRun {

    private static final int RETRY_WARNING_EVERY = 1000;

    private final Worker worker;
    private final Hook hook;
    private final Plugin[] chain;
    private final HookArguments arguments;
    private final HookShape shape;
    /**
     * Made when first asked for, or when the run ends: a run that ended before anyone asked gets an
     * already completed one, which spares the completion of a future that nobody waits on.
     */
    private CompletableFuture<Void> done;
    private int position;
    private long retries;

    HookRun(Worker worker, Hook hook, Plugin[] chain, HookArguments arguments) {
        this.worker = worker;
        this.hook = hook;
        this.chain = chain;
        this.arguments = arguments;
        this.shape = worker.host().shape(hook);
    }

    Hook hook() {
        return hook;
    }

    /** The connection the hook is called for, or null (the context hooks). */
    NativeConnection connection() {
        return arguments.connection();
    }

    /** Completes once the chain has finished; ask from the worker's thread, or before the worker runs this. */
    CompletableFuture<Void> done() {
        if (done == null) {
            done = new CompletableFuture<>();
        }
        return done;
    }

    /** Calls plugins until one keeps control or the chain ends. */
    void proceed() {
        while (position < chain.length) {
            Plugin plugin = chain[position];
            Invocation invocation = worker.begin(this, plugin);
            boolean tookControl;
            worker.host().observer().calling(invocation.call, plugin, hook, worker.id(), arguments);
            try {
                tookControl = arguments.invoke(shape, plugin.address(hook), invocation.context, invocation.call,
                        plugin.index());
            } catch (RuntimeException | Error e) {
                worker.returned(invocation);
                worker.end(invocation);
                fail(e);
                return;
            }
            worker.returned(invocation);
            if (worker.host().timesHooks()) {
                worker.host().observer().returned(invocation.call, plugin, hook, worker.id(), tookControl,
                        System.nanoTime() - invocation.started);
            }
            if (!tookControl) {
                worker.end(invocation);
                if (invocation.early != null) {
                    worker.host().violation(plugin, plugin.name() + " called "
                            + invocation.early.function(plugin.api())
                            + " in " + hook.symbol() + " and then returned false; a plugin hands back only "
                            + "after returning true. The host went on with the next plugin");
                }
                position++;
                continue;
            }
            if (invocation.early == null) {
                worker.suspend(invocation);
                return;
            }
            worker.end(invocation);
            worker.host().observer().handedBack(invocation.call, plugin, hook, worker.id(), invocation.early, 0);
            apply(invocation.early);
        }
        finish();
    }

    /** The plugin of a suspended invocation handed back. */
    void resume(Invocation invocation, HandBack how) {
        worker.end(invocation);
        worker.host().observer().handedBack(invocation.call, invocation.plugin, hook, worker.id(), how,
                System.nanoTime() - invocation.started);
        apply(how);
        proceed();
    }

    private void apply(HandBack how) {
        switch (how) {
            case CONTINUE -> position++;
            case COMPLETE -> position = chain.length;
            case RETRY -> {
                position = 0;
                if (++retries % RETRY_WARNING_EVERY == 0) {
                    worker.host().report(chain[0].index(), System.Logger.Level.WARNING,
                            hook.symbol() + " was retried " + retries + " times with "
                                    + HandBack.RETRY.function(chain[0].api()) + "; it may loop forever");
                }
            }
        }
    }

    private void finish() {
        arguments.close();
        if (done == null) {
            done = CompletableFuture.completedFuture(null);
        } else {
            done.complete(null);
        }
    }

    private void fail(Throwable e) {
        arguments.close();
        done().completeExceptionally(e);
    }
}
