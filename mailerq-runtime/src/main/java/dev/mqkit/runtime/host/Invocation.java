package dev.mqkit.runtime.host;

/** One call of one plugin's hook, from the call until control is back with the host. */
final class Invocation {

    final HookRun run;
    final Plugin plugin;
    final long call;
    final long context;
    /** While this hook runs: the call whose hook was running on this worker's thread when it began, or null. */
    Invocation outer;
    /**
     * System.nanoTime() when the hook was called, if an observer times hooks;
     * otherwise when the call was suspended: the clock is read only when someone reads it.
     */
    long started;
    /** Set once the hook returned true and the host waits for a hand-back. */
    boolean suspended;
    /** A hand-back that arrived while the hook was still running. */
    HandBack early;

    Invocation(HookRun run, Plugin plugin, long call, long context, Invocation outer, long started) {
        this.run = run;
        this.plugin = plugin;
        this.call = call;
        this.context = context;
        this.outer = outer;
        this.started = started;
    }
}
