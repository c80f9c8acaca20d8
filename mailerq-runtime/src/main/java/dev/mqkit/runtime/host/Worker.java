package dev.mqkit.runtime.host;

import dev.mqkit.api.Hook;
import dev.mqkit.api.MailerqRelease.Generation;
import io.netty.channel.IoEventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One worker thread: a Netty event loop with its MQ_Context per plugin, the
 * hook calls it is waiting on, and the plugins' I/O watchers and timers.
 * Everything here runs on the loop's thread; calls from elsewhere are moved
 * onto it.
 */
public final class Worker {

    private static final int ENDED_RING = 64;

    private final PluginHost host;
    private final int id;
    private final IoEventLoop loop;
    private final ContextPool[] contexts;
    /** The calls waiting for a hand-back, by call id. */
    private final Map<Long, Invocation> suspended = new HashMap<>();
    /**
     * The innermost call whose hook runs on this thread right now, linked to the calls around it: a
     * hand-back inside a hook may resume another call, whose chain then calls hooks of its own.
     */
    private Invocation running;
    /**
     * The hooks of the latest calls that ended, by call id modulo the ring's size, to name them when a
     * plugin hands back too late or twice; arrays, so that ending a call allocates nothing.
     */
    private final long[] endedCalls = new long[ENDED_RING];
    private final Hook[] endedHooks = new Hook[ENDED_RING];
    private final Map<Long, ScheduledFuture<?>> timers = new HashMap<>();
    private final FileWatches watches;
    private long nextCall = 1;

    Worker(PluginHost host, int id, IoEventLoop loop) {
        this.host = host;
        this.id = id;
        this.loop = loop;
        int plugins = host.plugins().size();
        long slots = LibMqHost.mqhost_slots_new(plugins);
        this.contexts = new ContextPool[plugins];
        for (int plugin = 0; plugin < plugins; plugin++) {
            contexts[plugin] = new ContextPool(host.id(), id, plugin, slots + (long) plugin * Long.BYTES);
        }
        this.watches = new FileWatches(this);
    }

    /** The worker's number, from 0. */
    public int id() {
        return id;
    }

    /** The event loop this worker runs on; connections of this worker must be registered with it. */
    public IoEventLoop loop() {
        return loop;
    }

    PluginHost host() {
        return host;
    }

    /**
     * Runs a hook over the plugin chain on this worker and completes, on this
     * worker's thread, once the chain has finished.
     */
    public CompletableFuture<Void> run(Hook hook, HookArguments arguments) {
        Plugin[] chain = host.chain(hook);
        if (chain.length == 0) {
            arguments.close();
            return CompletableFuture.completedFuture(null);
        }
        HookRun run = new HookRun(this, hook, chain, arguments);
        if (loop.inEventLoop()) {
            run.proceed();
            return run.done();
        }
        CompletableFuture<Void> done = run.done(); // before the worker may finish the run
        loop.execute(run::proceed);
        return done;
    }

    /** A plugin's hook is about to be called: the call gets its context and is running until {@link #returned}. */
    Invocation begin(HookRun run, Plugin plugin) {
        long call = nextCall++;
        long context = contexts[plugin.index()].acquire();
        running = new Invocation(run, plugin, call, context, running, host.timesHooks() ? System.nanoTime() : 0);
        return running;
    }

    /** The hook of the innermost running call returned. */
    void returned(Invocation invocation) {
        running = invocation.outer;
        invocation.outer = null; // a suspended call must not keep the calls around it alive
    }

    /** The hook returned true: the call waits for its hand-back. */
    void suspend(Invocation invocation) {
        invocation.suspended = true;
        if (!host.timesHooks()) {
            invocation.started = System.nanoTime();
        }
        suspended.put(invocation.call, invocation);
    }

    /** Control is back with the host: the call is over and its context free. */
    void end(Invocation invocation) {
        if (invocation.suspended) {
            suspended.remove(invocation.call);
        }
        int slot = (int) (invocation.call % ENDED_RING);
        endedCalls[slot] = invocation.call;
        endedHooks[slot] = invocation.run.hook();
        contexts[invocation.plugin.index()].release(invocation.context);
    }

    /** MQ_Continue, MQ_Complete or MQ_Retry (4.0+: MQ_continue, …) from a plugin. */
    void handBack(int plugin, long call, HandBack how) {
        String function = how.function(host.api());
        if (!loop.inEventLoop()) {
            host.violation(host.plugins().get(plugin), host.plugins().get(plugin).name() + " called "
                    + function + " from thread '" + Thread.currentThread().getName()
                    + "', not from its worker thread. MailerQ requires hand-backs on the worker (from an I/O "
                    + "or timer callback of the context); the runtime moved it onto the worker");
            loop.execute(() -> handBack(plugin, call, how));
            return;
        }
        Invocation invocation = waitingFor(call);
        Plugin caller = host.plugins().get(plugin);
        if (invocation == null) {
            int slot = (int) (call % ENDED_RING);
            Hook hook = endedCalls[slot] == call ? endedHooks[slot] : null;
            host.violation(caller, caller.name() + " called " + function + " for a hook call that is not "
                    + "waiting for it (control was already handed back, or the hook returned false)"
                    + (hook == null ? "" : "; the call was of " + hook.symbol()) + "; ignored");
            return;
        }
        if (!invocation.suspended) {
            if (invocation.early != null) {
                host.violation(caller, caller.name() + " handed back twice during one call of "
                        + invocation.run.hook().symbol() + " (" + invocation.early.function(host.api())
                        + ", then " + function + "); the second was ignored");
                return;
            }
            invocation.early = how;
            return;
        }
        invocation.run.resume(invocation, how);
    }

    /** The suspended or running call a hand-back names, or null when it names neither. */
    private Invocation waitingFor(long call) {
        Invocation invocation = suspended.get(call);
        if (invocation != null) {
            return invocation;
        }
        for (Invocation inner = running; inner != null; inner = inner.outer) {
            if (inner.call == call) {
                return inner;
            }
        }
        return null;
    }

    /**
     * The hook of {@code plugin}'s call on {@code connection} that runs on this thread or waits for its
     * hand-back, or null; asked on the worker's thread.
     */
    Hook hookOf(Plugin plugin, NativeConnection connection) {
        for (Invocation inner = running; inner != null; inner = inner.outer) {
            if (inner.plugin == plugin && inner.run.connection() == connection) {
                return inner.run.hook();
            }
        }
        for (Invocation invocation : suspended.values()) {
            if (invocation.plugin == plugin && invocation.run.connection() == connection) {
                return invocation.run.hook();
            }
        }
        return null;
    }

    /** The hook calls on this worker that wait for a hand-back. */
    List<SuspendedCall> suspended() {
        long now = System.nanoTime();
        List<SuspendedCall> calls = new ArrayList<>();
        for (Invocation invocation : suspended.values()) {
            calls.add(new SuspendedCall(invocation.plugin, invocation.run.hook(), id,
                    Duration.ofNanos(now - invocation.started)));
        }
        return calls;
    }

    // --- timers -------------------------------------------------------------------

    void startTimer(int plugin, long timer, float timeout) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> startTimer(plugin, timer, timeout));
            return;
        }
        timers.put(timer, loop.schedule(() -> fireTimer(timer), nanos(plugin, timeout), TimeUnit.NANOSECONDS));
    }

    void stopTimer(long timer) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> stopTimer(timer));
            return;
        }
        ScheduledFuture<?> scheduled = timers.remove(timer);
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    void resetTimer(int plugin, long timer, float timeout) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> resetTimer(plugin, timer, timeout));
            return;
        }
        ScheduledFuture<?> scheduled = timers.remove(timer);
        if (scheduled != null && scheduled.cancel(false)) {
            timers.put(timer, loop.schedule(() -> fireTimer(timer), nanos(plugin, timeout), TimeUnit.NANOSECONDS));
        }
    }

    private void fireTimer(long timer) {
        timers.remove(timer);
        LibMqHost.mqhost_timer_fire(timer);
    }

    private long nanos(int plugin, float seconds) {
        if (!(seconds >= 0) || Float.isInfinite(seconds)) {
            String functions = host.api().name("MQ_TimerStart") + "/" + host.api().name("MQ_TimerReset");
            host.report(plugin, Level.ERROR, functions + " with timeout " + seconds
                    + " seconds; the timer fires at once");
            return 0;
        }
        return (long) (seconds * 1e9);
    }

    // --- I/O watchers -----------------------------------------------------------

    void watch(int plugin, long watcher, int fd, int events) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> watch(plugin, watcher, fd, events));
            return;
        }
        watches.add(plugin, watcher, fd, events);
    }

    void unwatch(long watcher) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> unwatch(watcher));
            return;
        }
        watches.remove(watcher);
    }

    /** Drops the timers and watchers plugins left behind; called when the worker stops. */
    void clear() {
        timers.values().forEach(timer -> timer.cancel(false));
        timers.clear();
        watches.clear();
    }

    /** The calls waiting for a hand-back; asked between tasks, when no hook runs on the worker. */
    int pendingCalls() {
        return suspended.size();
    }
}
