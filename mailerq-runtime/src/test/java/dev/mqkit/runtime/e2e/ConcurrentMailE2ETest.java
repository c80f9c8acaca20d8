package dev.mqkit.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mqkit.api.Hook;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.fixtures.BothGenerations;
import dev.mqkit.harness.sink.ReceivedMessage;
import dev.mqkit.runtime.MailerQRuntime;
import dev.mqkit.runtime.fixtures.Arrivals;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.runtime.fixtures.TestKit;
import dev.mqkit.runtime.fixtures.TestPlugins;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Several clients at once on two workers, with a real C plugin handing back asynchronously in every hook. */
@BothGenerations
class ConcurrentMailE2ETest {

    private static final int CLIENTS = 8;

    private final MailerqRelease release;

    @RegisterExtension
    final E2eFixture fixture;
    private MailerQRuntime runtime;
    private final E2e.Trace trace = new E2e.Trace();

    ConcurrentMailE2ETest(MailerqRelease release) {
        this.release = release;
        this.fixture = new E2eFixture(release);
    }

    @BeforeEach
    void start() {
        for (Hook hook : Hook.values()) {
            TestKit.script("a", hook.symbol(), TestKit.Action.TIMER_CONTINUE, 20);
        }
        runtime = fixture.start(TestPlugins.ordered(release, "a", "b"), "workers", "2");
    }

    @Test
    void everyClientsMailIsDeliveredAndEveryHookRunsOnItsOwnWorker() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                String n = String.valueOf(i);
                sent.add(clients.submit(() -> {
                    E2e.send(E2e.session(E2e.plainPort(runtime)), "sender" + n + "@example.com", "client " + n,
                            "rcpt" + n + "@example.org");
                    return null;
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            clients.shutdown();
        }

        List<ReceivedMessage> delivered = fixture.sink().awaitMessages(CLIENTS, Duration.ofSeconds(20));
        assertEquals(IntStream.range(0, CLIENTS).mapToObj(i -> "sender" + i + "@example.com rcpt" + i + "@example.org")
                        .sorted().toList(),
                delivered.stream().map(m -> m.envelope() + " " + m.recipient()).sorted().toList());
        for (int i = 0; i < CLIENTS; i++) {
            Arrivals.take(runtime.queues(), runtime.queues().names().success(), Duration.ofSeconds(10));
        }
        trace.await(line -> line.startsWith("b mq_smtp_in_close "), CLIENTS, Duration.ofSeconds(10));

        List<String> lines = trace.all();
        assertEquals(List.of(), lines.stream().filter(line -> line.contains("WRONG-THREAD")).toList());
        assertEquals(CLIENTS, trace.calls("a", "mq_smtp_in_connect").size());
        assertEquals(CLIENTS, trace.calls("b", "mq_smtp_in_message").size());
        assertEquals(CLIENTS, trace.calls("b", "mq_smtp_out_data").size());
        assertEquals(List.of(), runtime.host().violations());
        assertEquals(List.of(), runtime.host().suspendedCalls());
    }
}
