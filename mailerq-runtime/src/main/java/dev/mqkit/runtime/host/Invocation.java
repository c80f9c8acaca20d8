package dev.mqkit.runtime.host;

/** One call of one plugin's hook, from the call until control is back with the host. */
final class Invocation {

    final HookRun run;
    final Plugin plugin;
    final long call;
    final long context;
    final long started = System.nanoTime();
    /** Set once the hook returned true and the host waits for a hand-back. */
    boolean suspended;
    /** A hand-back that arrived while the hook was still running. */
    HandBack early;

    Invocation(HookRun run, Plugin plugin, long call, long context) {
        this.run = run;
        this.plugin = plugin;
        this.call = call;
        this.context = context;
    }
}
