package dev.mqkit.harness;

import dev.mqkit.api.ReleaseApi;
import dev.mqkit.api.harness.Suspended;
import dev.mqkit.api.harness.Trace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The verdict on the hook calls that are not over when a runtime is to stop: a call inside its hook, or
 * one waiting for its hand-back, for the timeout is stuck. A call younger than that is given the rest of
 * the timeout to end; the verdict comes as soon as one call reaches it, so that the runtime, which a
 * graceful stop would keep waiting for that call, can be killed at once.
 */
final class StuckCalls {

    private static final long POLL_MILLIS = 100;

    private StuckCalls() {}

    /** The problems, one sentence per stuck call; empty when every call ended in time. */
    static List<String> verdict(MailerQ mailerq, Duration timeout) {
        ReleaseApi api = mailerq.release().api();
        long limit = timeout.toMillis();
        long deadline = System.nanoTime() + timeout.toNanos() + Duration.ofSeconds(1).toNanos();
        while (true) {
            List<Trace.Running> running = mailerq.running();
            // a blocked worker cannot list its suspended calls: asking would only wait for it
            List<Suspended> suspended = running.isEmpty() ? mailerq.suspended() : List.of();
            List<String> stuck = new ArrayList<>();
            long oldest = 0;
            for (Trace.Running call : running) {
                oldest = Math.max(oldest, call.millis());
                if (call.millis() >= limit) {
                    stuck.add(hang(call, api));
                }
            }
            for (Suspended call : suspended) {
                oldest = Math.max(oldest, call.millis());
                if (call.millis() >= limit) {
                    stuck.add("never handed back: " + call.plugin() + " took control in " + call.hook() + " "
                            + call.millis() + " ms before the end and never called " + api.name("MQ_Continue") + ", "
                            + api.name("MQ_Complete") + " or " + api.name("MQ_Retry") + "; the runtime was killed, as "
                            + "its graceful stop would wait for the call");
                }
            }
            if (!stuck.isEmpty() || (running.isEmpty() && suspended.isEmpty()) || System.nanoTime() > deadline) {
                return stuck;
            }
            sleep(Math.max(1, Math.min(POLL_MILLIS, limit - oldest)));
        }
    }

    /** The sentence for a call inside its hook for the timeout, in the words of the played release's API. */
    static String hang(Trace.Running call, ReleaseApi api) {
        return "hangs inside a hook: " + call + " (a hook must not block its worker: take control, wait with "
                + api.name("MQ_IOWatch") + " or " + api.name("MQ_TimerStart") + ", then hand back); the runtime "
                + "was killed, as a blocked worker cannot stop";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the plugins' calls to end");
        }
    }
}
