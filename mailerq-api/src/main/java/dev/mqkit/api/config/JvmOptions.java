package dev.mqkit.api.config;

import java.util.List;

/**
 * The JVM options the runtime runs with when the toolkit starts it (the exercise, {@code mailerq:run},
 * {@code @MailerQTest}) and that {@code --jvm-options} prints for the standalone command, chosen from
 * bench/relay.sh (see bench/README.md):
 * <ul>
 * <li>the serial collector: a heap of some hundred MB on a machine with few cores, which the parallel and G1
 * collectors only make bigger (relaying 10 000 messages, G1 with the JVM's own sizing peaked at 300 to 390 MB,
 * serial with this heap at some 200 MB, as fast);</li>
 * <li>the C1 compiler only: with small messages the runtime's hot paths are I/O and hand-offs, not long loops;
 * C2 cost a third more CPU for 10 000 relayed messages and 40 MB more memory and relayed no faster. Large
 * bodies are where C2 pays (bench/memory.sh: 100 messages of 10 MB took three times as long with C1):
 * {@code -XX:TieredStopAtLevel=4} after these options brings it back;</li>
 * <li>a maximum heap from the configuration: what grows the heap is what the in-memory result queues keep
 * ({@code result-queue-limit}, some 4 KB a message for small messages) and, when set, the bodies being
 * received ({@code smtp-max-inflight}); the number of workers and connections did not change it (20 and
 * 200 concurrent connections of small messages needed the same heap). The default smtp-max-inflight, a quarter of
 * the heap, then bounds the large messages taken at once: a burst beyond it is answered 452 4.3.1;</li>
 * <li>a small initial heap, which grows only when the load asks for it (a test's runtime stays at some 75 MB);</li>
 * <li>no JFR events from Netty's allocator, whose registration delayed the first connection.</li>
 * </ul>
 * Options given after these on the java command line win, so any of them can be overridden.
 */
public final class JvmOptions {

    /** What the heap needs besides the result queues: the runtime's own objects and room to allocate. */
    static final long BASE_HEAP = 64L << 20;
    /** What the result queues keep per message of the limit (two queues, JSON of a small message). */
    static final long RESULT_BYTES = 4L << 10;
    static final String INITIAL_HEAP = "-Xms16m";

    private JvmOptions() {}

    /** The options for a runtime with this configuration. */
    public static List<String> forConfig(RuntimeConfig config) {
        return List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", INITIAL_HEAP,
                "-Xmx" + (maxHeap(config) >> 20) + "m", "-Dio.netty.jfr.enabled=false");
    }

    /** The maximum heap in bytes, a whole number of MB. */
    static long maxHeap(RuntimeConfig config) {
        long inflight = config.optional(ConfigKey.SMTP_MAX_INFLIGHT).map(Values::size).orElse(0L);
        long heap = BASE_HEAP + RESULT_BYTES * config.resultQueueLimit() + inflight;
        long megabyte = 1L << 20;
        return (heap + megabyte - 1) / megabyte * megabyte;
    }
}
