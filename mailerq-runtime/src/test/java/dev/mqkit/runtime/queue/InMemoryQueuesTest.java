package dev.mqkit.runtime.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.config.RuntimeConfig;
import dev.mqkit.api.json.Json;
import dev.mqkit.runtime.MailerQRuntime;
import dev.mqkit.runtime.fixtures.Arrivals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InMemoryQueuesTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final InMemoryQueues queues = new InMemoryQueues(QueueNames.from(RuntimeConfig.defaults()));

    @AfterEach
    void close() {
        queues.close();
    }

    private static ObjectNode message(String recipient) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("envelope", "from@example.com").put("recipient", recipient).put("mime", "Subject: x\r\n\r\nhi\r\n");
        return m;
    }

    @Test
    void inboxIsOutboxByDefaultAndNamesFollowConfig() {
        assertEquals(queues.names().inbox(), queues.names().outbox());
        QueueNames names = QueueNames.from(RuntimeConfig.defaults()
                .with("rabbitmq-inbox", "in").with("rabbitmq-results", "res"));
        assertEquals("in", names.inbox());
        assertEquals("outbox", names.outbox());
        assertEquals("res", names.results());
    }

    @Test
    void publishCopiesAndPollTakesInOrder() throws Exception {
        ObjectNode first = message("a@example.com");
        queues.publish("q", first);
        first.put("recipient", "changed@example.com");
        queues.publish("q", message("b@example.com"));
        assertEquals(2, queues.size("q"));
        List<ObjectNode> snapshot = queues.snapshot("q");
        assertEquals("a@example.com", snapshot.get(0).get("recipient").asText());
        assertEquals(2, queues.size("q"), "snapshot leaves the queue alone");
        assertEquals("a@example.com", Arrivals.take(queues, "q", WAIT).get("recipient").asText());
        assertEquals("b@example.com", Arrivals.take(queues, "q", WAIT).get("recipient").asText());
        assertEquals(Optional.empty(), queues.poll("q", Duration.ofMillis(20)));
        AssertionError e = assertThrows(AssertionError.class, () -> Arrivals.take(queues, "q", Duration.ofMillis(10)));
        assertTrue(e.getMessage().contains("queue 'q'"));
    }

    @Test
    void consumerGetsMessagesWithinPrefetch() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Void>> pending = new CopyOnWriteArrayList<>();
        CountDownLatch two = new CountDownLatch(2);
        queues.consume("outbox", 2, m -> {
            seen.add(m.get("recipient").asText());
            CompletableFuture<Void> done = new CompletableFuture<>();
            pending.add(done);
            two.countDown();
            return done;
        });
        for (int i = 0; i < 3; i++) {
            queues.publishToOutbox(message(i + "@example.com"));
        }
        assertTrue(two.await(5, TimeUnit.SECONDS));
        Thread.sleep(50);
        assertEquals(List.of("0@example.com", "1@example.com"), seen, "prefetch 2 holds back the third");
        assertEquals(1, queues.size("outbox"));
        pending.get(0).complete(null);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (seen.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals("2@example.com", seen.get(2));
    }

    @Test
    void closedSubscriptionGetsNoMore() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        MessageQueues.Subscription sub = queues.consume("x", 10, m -> {
            seen.add(m.get("recipient").asText());
            return CompletableFuture.completedFuture(null);
        });
        queues.publish("x", message("1@example.com"));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (seen.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        sub.close();
        queues.publish("x", message("2@example.com"));
        assertEquals("2@example.com", Arrivals.take(queues, "x", WAIT).get("recipient").asText());
        assertEquals(List.of("1@example.com"), seen);
    }

    @Test
    void readsJsonFilesObjectsAndArrays(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.json"),
                "{\"envelope\":\"f@x.org\",\"recipient\":\"one@x.org\",\"mime\":\"m\",\"custom\":{\"k\":1}}");
        Files.writeString(dir.resolve("b.json"),
                "[{\"envelope\":\"f@x.org\",\"recipient\":\"two@x.org\"},"
                        + "{\"envelope\":\"\",\"recipient\":\"three@x.org\"}]");
        Files.writeString(dir.resolve("notes.txt"), "ignored");
        assertEquals(3, JsonMessages.publishToOutbox(queues, List.of(dir)));
        List<ObjectNode> outbox = queues.snapshot("outbox");
        assertEquals(List.of("one@x.org", "two@x.org", "three@x.org"),
                outbox.stream().map(m -> m.get("recipient").asText()).toList());
        assertEquals(1, outbox.get(0).get("custom").get("k").asInt());
    }

    @Test
    void badJsonNamesFileAndElement(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"envelope\": ");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonMessages.read(broken));
        assertTrue(e.getMessage().startsWith(broken + ": not valid JSON"), e.getMessage());

        Path noRecipient = dir.resolve("arr.json");
        Files.writeString(noRecipient, "[{\"envelope\":\"a\",\"recipient\":\"b\"},{\"envelope\":\"a\"}]");
        e = assertThrows(IllegalArgumentException.class,
                () -> JsonMessages.publishToOutbox(queues, List.of(noRecipient)));
        assertEquals(noRecipient + ": element 1: property 'recipient' must be a string", e.getMessage());
        assertEquals(0, queues.size("outbox"), "nothing published when a file is bad");

        Path number = dir.resolve("n.json");
        Files.writeString(number, "42");
        e = assertThrows(IllegalArgumentException.class, () -> JsonMessages.read(number));
        assertTrue(e.getMessage().contains("must be a JSON object"), e.getMessage());
    }

    @Test
    void resultQueuesNobodyConsumesKeepTheLatestMessagesOnly() throws Exception {
        try (InMemoryQueues bounded = new InMemoryQueues(QueueNames.from(RuntimeConfig.defaults()), 3)) {
            for (int i = 0; i < 10; i++) {
                bounded.publish("results", message(i + "@example.com"));
                bounded.publish("success", message(i + "@example.com"));
                bounded.publish("outbox-like", message(i + "@example.com"));
            }
            assertEquals(List.of("7@example.com", "8@example.com", "9@example.com"),
                    bounded.snapshot("results").stream().map(m -> m.get("recipient").asText()).toList());
            assertEquals(3, bounded.size("success"));
            assertEquals(10, bounded.size("outbox-like"), "queues other than the result queues are never cut");
            assertEquals("7@example.com", Arrivals.take(bounded, "results", WAIT).get("recipient").asText());
        }
    }
}
