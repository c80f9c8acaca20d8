package dev.mqkit.runtime.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.config.ConfigException;
import dev.mqkit.api.config.RuntimeConfig;
import dev.mqkit.api.fixtures.BothGenerations;
import dev.mqkit.api.json.Json;
import dev.mqkit.runtime.MailerQRuntime;
import dev.mqkit.runtime.fixtures.Arrivals;
import dev.mqkit.runtime.queue.JsonMessages;
import dev.mqkit.runtime.queue.QueueNames;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.runtime.queue.QueuesUnavailableException;
import dev.mqkit.runtime.queue.rabbitmq.BrokerSettings;
import dev.mqkit.runtime.queue.rabbitmq.RabbitQueues;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The RabbitMQ backend against the real broker, for 3.0 (rabbitmq-host, the mailerq exchange) and 5.13
 * (rabbitmq-address, the default exchange): confirms, durability and persistence, manual acks within the
 * prefetch, retries held by the broker, the queue inspection of the JUnit API, and the start-up errors.
 * Each test uses queues of its own (a prefix) in the class's vhost.
 */
@BothGenerations
class RabbitQueuesTest {
    private static final AtomicInteger TESTS = new AtomicInteger();
    @RegisterExtension
    static TestBroker.Vhost vhost = TestBroker.extensionFor(RabbitQueuesTest.class);

    private final MailerqRelease release;
    private final String prefix = "t" + TESTS.incrementAndGet() + "-";
    private RabbitQueues queues;

    RabbitQueuesTest(MailerqRelease release) {
        this.release = release;
    }

    @AfterEach
    void close() {
        if (queues != null) {
            queues.close();
        }
    }

    private RuntimeConfig config() {
        return vhost.broker().config(release, TestBroker.queues(prefix));
    }

    private RabbitQueues start(RuntimeConfig config) {
        return RabbitQueues.start(QueueNames.from(config), BrokerSettings.from(config).orElseThrow());
    }

    private static ObjectNode message(String recipient) {
        return Json.MAPPER.createObjectNode().put("envelope", "a@example.com").put("recipient", recipient)
                .put("mime", "Subject: hi\r\n\r\nhello\r\n");
    }

    private String outbox() {
        return prefix + "outbox";
    }

    @Test
    void aPublicationIsConfirmedDurableAndPersistent() throws Exception {
        queues = start(config());
        queues.publish(outbox(), message("b@example.org")).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertTrue(vhost.broker().queue(outbox()).path("durable").asBoolean(), vhost.broker().queue(outbox()).toString());
        try (Connection connection = vhost.broker().connect(); Channel channel = connection.createChannel()) {
            GetResponse got = channel.basicGet(outbox(), true);
            assertEquals(2, got.getProps().getDeliveryMode(), "persistent");
            assertEquals("b@example.org", Json.MAPPER.readTree(got.getBody()).path("recipient").asText());
            if (release.generation() != MailerqRelease.Generation.CONNECTION) {
                // 3.0: the queues are bound to the mailerq exchange by their names
                channel.basicPublish("mailerq", outbox(), null, "{\"envelope\":\"x@example.com\",\"recipient\":\"y@example.org\"}"
                        .getBytes(StandardCharsets.UTF_8));
                assertEquals("y@example.org", Arrivals.take(queues, outbox(), Duration.ofSeconds(5)).path("recipient").asText());
            }
        }
        for (String queue : List.of("results", "success", "failure", "retry", "refused", "local")) {
            assertTrue(vhost.broker().queue(prefix + queue).path("durable").asBoolean(), "declared at start: " + queue);
        }
    }

    @Test
    void anOutcomeGoesToEachOfItsQueuesConfirmedAndPersistentBesideIncomingMail() throws Exception {
        queues = start(config());
        CompletableFuture<Void> incoming = queues.publish(outbox(), message("in@example.org")).toCompletableFuture();
        queues.publishOutcome(List.of(prefix + "results", prefix + "success"), message("out@example.org"))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        incoming.get(5, TimeUnit.SECONDS);
        try (Connection connection = vhost.broker().connect(); Channel channel = connection.createChannel()) {
            for (String queue : List.of(prefix + "results", prefix + "success")) {
                GetResponse got = channel.basicGet(queue, true);
                assertEquals(2, got.getProps().getDeliveryMode(), "persistent in " + queue);
                assertEquals("out@example.org", Json.MAPPER.readTree(got.getBody()).path("recipient").asText());
                assertEquals(null, channel.basicGet(queue, true), "one copy in " + queue);
            }
            assertEquals("in@example.org", Json.MAPPER.readTree(channel.basicGet(outbox(), true).getBody())
                    .path("recipient").asText());
        }
    }

    @Test
    void durableAndPersistentCanBeTurnedOff() throws Exception {
        RuntimeConfig config = config().with("rabbitmq-durable", "0").with("rabbitmq-persistent", "0");
        if (release.generation() != MailerqRelease.Generation.CONNECTION) {
            config = config.with("rabbitmq-exchange", prefix + "mailerq"); // the mailerq exchange of the others is durable
        }
        queues = start(config);
        queues.publish(outbox(), message("b@example.org")).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertFalse(vhost.broker().queue(outbox()).path("durable").asBoolean());
        try (Connection connection = vhost.broker().connect(); Channel channel = connection.createChannel()) {
            assertEquals(1, channel.basicGet(outbox(), true).getProps().getDeliveryMode(), "transient");
        }
    }

    @Test
    void aConsumedMessageIsAckedOnlyWhenItsStageCompletesAndGoesBackWhenItFails() throws Exception {
        queues = start(config().with("rabbitmq-qos", "2"));
        for (int i = 0; i < 4; i++) {
            queues.publish(outbox(), message(i + "@example.org")).toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        LinkedBlockingQueue<Handed> handed = new LinkedBlockingQueue<>();
        queues.consume(outbox(), 100, message -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            handed.add(new Handed(message.path("recipient").asText(), done));
            return done;
        });
        Handed first = handed.poll(5, TimeUnit.SECONDS);
        Handed second = handed.poll(5, TimeUnit.SECONDS);
        assertEquals(null, handed.poll(500, TimeUnit.MILLISECONDS), "rabbitmq-qos 2 caps the prefetch of 100");
        assertEquals(2, vhost.broker().queue(outbox()).path("messages_unacknowledged").asInt());
        first.done.complete(null);
        Handed third = handed.poll(5, TimeUnit.SECONDS);
        assertEquals("2@example.org", third.recipient);
        second.done.completeExceptionally(new IllegalStateException("result not confirmed"));
        Handed again = handed.poll(5, TimeUnit.SECONDS);
        assertEquals(second.recipient, again.recipient, "a failed stage hands the message out again");
    }

    private record Handed(String recipient, CompletableFuture<Void> done) {
    }

    @Test
    void unfinishedMessagesGoBackToTheQueueWhenTheRuntimeGoes() throws Exception {
        queues = start(config());
        queues.publish(outbox(), message("b@example.org")).toCompletableFuture().get(5, TimeUnit.SECONDS);
        LinkedBlockingQueue<String> handed = new LinkedBlockingQueue<>();
        queues.consume(outbox(), 10, message -> {
            handed.add(message.path("recipient").asText());
            return new CompletableFuture<>(); // never finishes: in flight when the runtime goes
        });
        assertEquals("b@example.org", handed.poll(5, TimeUnit.SECONDS));
        queues.close();
        queues = start(config());
        assertEquals("b@example.org", Arrivals.take(queues, outbox(), Duration.ofSeconds(5)).path("recipient").asText());
    }

    @Test
    void aDelayedMessageWaitsOnTheBrokerNotInTheRuntime() throws Exception {
        queues = start(config());
        queues.publishDelayed(outbox(), message("later@example.org"), Duration.ofMillis(1500))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        queues.close(); // the runtime that published it is gone
        queues = start(config());
        assertTrue(queues.poll(outbox(), Duration.ofMillis(700)).isEmpty(), "not before it is due");
        assertTrue(vhost.broker().queue(RabbitQueues.delayQueue(outbox(), 1500)).path("durable").asBoolean());
        assertEquals("later@example.org", Arrivals.take(queues, outbox(), Duration.ofSeconds(5)).path("recipient").asText());
    }

    @Test
    void snapshotLeavesTheMessagesAndPollTakesThem() throws Exception {
        queues = start(config());
        for (int i = 0; i < 3; i++) {
            queues.publish(prefix + "results", message(i + "@example.org")).toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        List<ObjectNode> seen = queues.snapshot(prefix + "results");
        assertEquals(List.of("0@example.org", "1@example.org", "2@example.org"),
                seen.stream().map(m -> m.path("recipient").asText()).toList());
        assertEquals(3, queues.snapshot(prefix + "results").size(), "a snapshot takes nothing");
        assertEquals("0@example.org", Arrivals.take(queues, prefix + "results", Duration.ofSeconds(5)).path("recipient").asText());
        assertEquals(2, queues.snapshot(prefix + "results").size());
        assertEquals(List.of(), queues.snapshot(prefix + "never-declared"));
    }

    @Test
    void aBrokerThatCannotBeReachedAtStartIsWaitedFor() {
        RuntimeConfig unreachable = release.generation() == MailerqRelease.Generation.CONNECTION
                ? RuntimeConfig.defaults().with("rabbitmq-address", "amqp://guest:guest@127.0.0.1:1/")
                : RuntimeConfig.defaults().with("mailerq-version", "3.0").with("rabbitmq-host", "127.0.0.1:1");
        queues = start(unreachable);
        assertFalse(queues.connected());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> queues.publish("outbox", message("b@example.org")).toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof QueuesUnavailableException, e.toString());
    }

    @Test
    void aMissingVhostStopsTheStartNamingTheFix() {
        RuntimeConfig config = release.generation() == MailerqRelease.Generation.CONNECTION
                ? config().with("rabbitmq-address", "amqp://guest:guest@localhost/no-such-vhost")
                : config().with("rabbitmq-vhost", "no-such-vhost");
        ConfigException e = assertThrows(ConfigException.class, () -> start(config));
        assertTrue(e.getMessage().contains("no virtual host 'no-such-vhost'") && e.getMessage().contains("add_vhost"),
                e.getMessage());
    }

    @Test
    void aQueueOfOtherDurabilityStopsTheStartNamingTheKey() throws Exception {
        try (Connection connection = vhost.broker().connect(); Channel channel = connection.createChannel()) {
            channel.queueDeclare(outbox(), false, false, false, null);
        }
        ConfigException e = assertThrows(ConfigException.class, () -> start(config()));
        assertTrue(e.getMessage().contains("rabbitmq-durable"), e.getMessage());
    }

    @Test
    void withDeclareOffTheOutboxMustExist() {
        org.junit.jupiter.api.Assumptions.assumeTrue(release.generation() == MailerqRelease.Generation.CONNECTION,
                "rabbitmq-declare is a 5.13 key");
        ConfigException e = assertThrows(ConfigException.class, () -> start(config().with("rabbitmq-declare", "false")));
        assertTrue(e.getMessage().contains("rabbitmq-declare is false"), e.getMessage());
        assertTrue(vhost.broker().queues().stream().noneMatch(q -> q.path("name").asText().startsWith(prefix)),
                "nothing declared: " + vhost.broker().queues());
    }

}
