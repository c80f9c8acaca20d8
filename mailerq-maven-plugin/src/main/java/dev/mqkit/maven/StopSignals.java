package dev.mqkit.maven;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM, while {@code mailerq:run} waits for its runtime: the first stops the runtime
 * gracefully (SIGTERM, which it answers with its clean-up hooks), a second kills it. Without this, the
 * signal would end Maven too, racing the goal's own end, so that the build sometimes ended with
 * BUILD SUCCESS and sometimes without a word.
 */
final class StopSignals {

    private static final List<String> NAMES = List.of("INT", "TERM");

    private final Process runtime;
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile String received;

    private StopSignals(Process runtime) {
        this.runtime = runtime;
    }

    static StopSignals install(Process runtime) {
        StopSignals signals = new StopSignals(runtime);
        for (String name : NAMES) {
            signals.previous.add(Signal.handle(new Signal(name), signals::handle));
        }
        return signals;
    }

    private void handle(Signal signal) {
        if (received == null) {
            received = "SIG" + signal.getName();
            runtime.destroy();
        } else {
            runtime.destroyForcibly();
        }
    }

    /** The first signal, e.g. SIGINT, or null. */
    String received() {
        return received;
    }

    /** Puts back the handlers that were there before. */
    void restore() {
        for (int i = 0; i < NAMES.size(); i++) {
            Signal.handle(new Signal(NAMES.get(i)), previous.get(i));
        }
    }
}
