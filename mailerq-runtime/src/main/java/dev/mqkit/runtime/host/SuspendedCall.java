package dev.mqkit.runtime.host;

import dev.mqkit.api.Hook;
import java.time.Duration;

/** A hook call whose plugin took control and has not handed it back yet. */
public record SuspendedCall(Plugin plugin, Hook hook, int worker, Duration waiting) {

    @Override
    public String toString() {
        return plugin.name() + " took control in " + hook.symbol() + " on worker " + worker + " "
                + waiting.toMillis() + " ms ago and never called "
                + HandBack.functions(plugin.api());
    }
}
