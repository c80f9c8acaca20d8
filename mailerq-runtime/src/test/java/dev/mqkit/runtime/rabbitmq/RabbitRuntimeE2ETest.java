package dev.mqkit.runtime.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.config.RuntimeConfig;
import dev.mqkit.api.fixtures.BothGenerations;
import dev.mqkit.api.json.Json;
import dev.mqkit.harness.sink.ReceivedMessage;
import dev.mqkit.harness.sink.SmtpSink;
import dev.mqkit.runtime.MailerQRuntime;
import dev.mqkit.runtime.fixtures.Arrivals;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.runtime.queue.JsonMessages;
import dev.mqkit.runtime.queue.QueueNames;
import dev.mqkit.runtime.smtp.server.RawSmtpClient;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The runtime on the real broker, end to end: SMTP in, the broker, delivery to a sink. The 250 waits for
 * the broker's confirm; a broker stopped under load costs 4xx replies and nothing answered 250; two
 * runtimes on one outbox deliver each message once.
 */
@BothGenerations
class RabbitRuntimeE2ETest {
    private static final AtomicInteger TESTS = new AtomicInteger();
    @RegisterExtension
    static TestBroker.Vhost vhost = TestBroker.extensionFor(RabbitRuntimeE2ETest.class);

    private final MailerqRelease release;
    private final String prefix = "e" + TESTS.incrementAndGet() + "-";
    private final List<MailerQRuntime> runtimes = new ArrayList<>();
    private SmtpSink sink;

    RabbitRuntimeE2ETest(MailerqRelease release) {
        this.release = release;
    }

    @AfterEach
    void stop() {
        runtimes.forEach(MailerQRuntime::close);
        if (sink != null) {
            sink.close();
        }
    }

    private MailerQRuntime start(String... keysAndValues) {
        RuntimeConfig config = vhost.broker().config(release, TestBroker.queues(prefix))
                .with("workers", "1").with("smtp-port", "0")
                .with("smarthost", "127.0.0.1").with("smarthost-port", String.valueOf(sink.port()))
                .with("delivery-retry-delay", "200ms").with("retry-interval", "200ms");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config = config.with(keysAndValues[i], keysAndValues[i + 1]);
        }
        MailerQRuntime runtime = MailerQRuntime.start(config);
        runtimes.add(runtime);
        return runtime;
    }

    /** Sends one mail over SMTP and returns the reply to its body (or to whatever refused it first). */
    private static int send(int port, String recipient) throws IOException {
        try (RawSmtpClient client = new RawSmtpClient(port)) {
            client.reply();
            client.command("EHLO client.test");
            int code = client.command("MAIL FROM:<a@example.com>").code();
            if (code != 250) {
                return code;
            }
            code = client.command("RCPT TO:<" + recipient + ">").code();
            if (code != 250) {
                return code;
            }
            code = client.command("DATA").code();
            if (code != 354) {
                return code;
            }
            return client.command("Subject: " + recipient + "\r\n\r\nhello\r\n.").code();
        }
    }

    private static int port(MailerQRuntime runtime) {
        return runtime.ports().plain().get(0);
    }

    @Test
    void mailGoesThroughTheBrokerAndItsResultsAreInspectedAsInMemory() throws Exception {
        sink = SmtpSink.start();
        MailerQRuntime runtime = start();
        assertEquals(250, send(port(runtime), "b@example.org"));
        assertEquals("b@example.org", sink.awaitMessages(1, Duration.ofSeconds(10)).get(0).recipient());
        QueueNames names = runtime.queues().names();
        ObjectNode success = Arrivals.take(runtime.queues(), names.success(), Duration.ofSeconds(10));
        assertEquals("b@example.org", success.path("recipient").asText());
        assertEquals(List.of("b@example.org"), runtime.queues().snapshot(names.results()).stream()
                .map(m -> m.path("recipient").asText()).toList());
        assertEquals(0, vhost.broker().queue(names.outbox()).path("messages").asInt(), "the outbox message was acked");
    }

    @Test
    void the250WaitsForTheBrokersConfirm() throws Exception {
        sink = SmtpSink.start();
        MailerQRuntime runtime = start();
        try (RawSmtpClient client = new RawSmtpClient(port(runtime))) {
            client.reply();
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@example.com>");
            client.command("RCPT TO:<held@example.org>");
            assertEquals(354, client.command("DATA").code());
            // a memory alarm: the broker stops reading from publishers, so nothing it gets is confirmed
            TestBroker.ctl("set_vm_memory_high_watermark", "0").orThrow();
            try {
                Thread.sleep(1000);
                client.timeout(2500);
                client.line("Subject: held\r\n\r\nhello\r\n.");
                assertThrows(SocketTimeoutException.class, client::reply, "no reply while the broker cannot confirm");
            } finally {
                TestBroker.ctl("set_vm_memory_high_watermark", "0.4").orThrow();
            }
            client.timeout(15000);
            assertEquals(250, client.reply().code(), "the 250 once the broker confirmed");
        }
        assertEquals("held@example.org", sink.awaitMessages(1, Duration.ofSeconds(15)).get(0).recipient());
    }

    @Test
    void aBrokerStoppedUnderLoadCosts4xxRepliesAndNothingAnswered250() throws Exception {
        Assumptions.assumeTrue(release.generation() == MailerqRelease.Generation.CONNECTION,
                "one release is enough: the broker's stop and start take a while and do not depend on it");
        sink = SmtpSink.start();
        MailerQRuntime runtime = start();
        List<LogRecord> log = Collections.synchronizedList(new ArrayList<>());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    log.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("dev.mqkit.runtime");
        root.addHandler(capture);
        Map<String, Integer> replies = new ConcurrentHashMap<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread sender = new Thread(() -> {
            for (int i = 0; sending.get(); i++) {
                String recipient = "m" + i + "@example.org";
                try {
                    replies.put(recipient, send(port(runtime), recipient));
                } catch (IOException e) {
                    replies.put(recipient, -1);
                }
            }
        });
        try {
            sender.start();
            awaitCount(() -> count(replies, 250), 20);
            TestBroker.stopApp();
            try {
                awaitCount(() -> count(replies, 451) + count(replies, 421), 5);
            } finally {
                TestBroker.startApp();
            }
            int acceptedBefore = count(replies, 250);
            awaitCount(() -> count(replies, 250), acceptedBefore + 20);
        } finally {
            sending.set(false);
            sender.join(30_000);
            root.removeHandler(capture);
        }
        Set<String> accepted = replies.entrySet().stream().filter(e -> e.getValue() == 250).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        Set<Integer> codes = new HashSet<>(replies.values());
        codes.removeAll(Set.of(250, 451, 421));
        assertEquals(Set.of(), codes, "only 250 and 4xx: " + replies);
        long deadline = System.currentTimeMillis() + 60_000;
        Set<String> delivered = new HashSet<>();
        while (!delivered.containsAll(accepted) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            delivered = sink.messages().stream().map(ReceivedMessage::recipient).collect(Collectors.toSet());
        }
        Set<String> lost = new HashSet<>(accepted);
        lost.removeAll(delivered);
        assertEquals(Set.of(), lost, "every message answered 250 is delivered");
        List<String> warnings = log.stream().map(LogRecord::getMessage).toList();
        assertEquals(1, warnings.stream().filter(w -> w.contains("RabbitMQ")).count(),
                "the outage is logged once, not per message: " + warnings);
        assertTrue(warnings.stream().noneMatch(w -> w.contains("publishing failed")), warnings.toString());
    }

    private static int count(Map<String, Integer> replies, int code) {
        return (int) replies.values().stream().filter(c -> c == code).count();
    }

    private static void awaitCount(java.util.function.IntSupplier count, int wanted) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (count.getAsInt() < wanted) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("only " + count.getAsInt() + " of " + wanted + " within a minute");
            }
            Thread.sleep(20);
        }
    }

    @Test
    void twoRuntimesOnOneOutboxDeliverEachMessageOnce() throws Exception {
        sink = SmtpSink.start();
        MailerQRuntime one = start("delivery-helo-name", "one.test", "delivery-max-concurrent", "2");
        start("delivery-helo-name", "two.test", "delivery-max-concurrent", "2");
        int count = 60;
        for (int i = 0; i < count; i++) {
            one.send(Json.MAPPER.createObjectNode().put("envelope", "a@example.com")
                    .put("recipient", "r" + i + "@example.org").put("mime", "Subject: " + i + "\r\n\r\nhello\r\n"));
        }
        sink.awaitMessages(count, Duration.ofSeconds(30));
        Thread.sleep(1000); // a second delivery would come now
        List<ReceivedMessage> received = sink.messages();
        assertEquals(count, received.size(), "each message once");
        assertEquals(count, received.stream().map(ReceivedMessage::recipient).distinct().count());
        assertEquals(Set.of("one.test", "two.test"), received.stream().map(ReceivedMessage::helo)
                .collect(Collectors.toSet()), "both runtimes took part");
    }
}
