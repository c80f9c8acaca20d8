package dev.mqkit.runtime.delivery;

import static dev.mqkit.runtime.delivery.DeliveryFixture.WAIT;
import static dev.mqkit.runtime.delivery.DeliveryFixture.message;
import static dev.mqkit.runtime.delivery.DeliveryFixture.smarthostConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.config.RuntimeConfig;
import dev.mqkit.api.fixtures.BothGenerations;
import dev.mqkit.api.fixtures.TestReleases;
import dev.mqkit.harness.sink.SmtpSink;
import dev.mqkit.harness.sink.Stage;
import dev.mqkit.runtime.fixtures.Arrivals;
import dev.mqkit.runtime.queue.InMemoryQueues;
import java.net.ServerSocket;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The delivery properties of a message and the release's defaults for them, against a real sink on loopback. */
@BothGenerations
class DeliveryPropertiesTest {
    @RegisterExtension
    static final DeliveryFixture delivery = new DeliveryFixture();

    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final MailerqRelease release;
    private final boolean connection;
    private SmtpSink sink;
    private InMemoryQueues queues;

    DeliveryPropertiesTest(MailerqRelease release) {
        this.release = release;
        this.connection = TestReleases.connectionGeneration(release);
    }

    private RuntimeConfig config() {
        if (sink == null) {
            sink = delivery.plainSink();
        }
        return smarthostConfig(sink.port()).with("mailerq-version", release.toString())
                .with("delivery-retry-delay", "10ms").with("delivery-retry-max-delay", "10ms")
                .with("retry-interval", "10ms");
    }

    private void start(RuntimeConfig config) {
        queues = delivery.start(config, DeliveryHooks.NONE).queues();
    }

    @Test
    void maxattemptsDefaultsToTheReleases() throws Exception {
        sink = delivery.plainSink();
        sink.when(Stage.RCPT).reply(451, "4.2.1 later");
        // 5.13's 0 means no limit: the retries end when the next would fall after max-delivertime; eight quick
        // attempts, then a wait of 5 s that would end after the 3 s, so the end does not hang on timing
        start(config().with("max-deliver-time", connection ? "3" : "24h")
                .with("retry-interval", "10ms,10ms,10ms,10ms,10ms,10ms,10ms,5s"));
        queues.publishToOutbox(message("b@example.org"));
        ObjectNode failure = Arrivals.take(queues, "failure", WAIT);
        int attempts = failure.get("results").size();
        if (connection) {
            assertTrue(attempts > 6, "no limit of attempts playing 5.13, " + attempts + " made");
        } else {
            assertEquals(6, attempts, "3.0's default of 6 attempts");
        }
        JsonNode last = failure.get("results").get(attempts - 1);
        assertEquals(451, last.path("code").asInt(), "final with the retryable entry: " + last);
    }

    @Test
    void finalAtOnceWhenTheRetryWouldFallAfterMaxdelivertime() throws Exception {
        sink = delivery.plainSink();
        sink.when(Stage.RCPT).reply(451, "4.2.1 later");
        start(config().with("delivery-retry-delay", "1h").with("delivery-retry-max-delay", "1h")
                .with("retry-interval", "1h").with("max-attempts", "10"));
        ObjectNode message = message("b@example.org");
        message.put("maxdelivertime", UTC.format(Instant.now().plusSeconds(600)));
        queues.publishToOutbox(message);
        ObjectNode failure = Arrivals.take(queues, "failure", WAIT);
        assertEquals(1, failure.get("results").size(), failure.toString());
        assertEquals(451, failure.get("results").get(0).path("code").asInt());
        assertEquals(0, queues.size("retry"), "not rescheduled");
    }

    @Test
    void aBadMaxdelivertimeIsIgnored() throws Exception {
        sink = delivery.plainSink();
        start(config());
        ObjectNode message = message("b@example.org");
        message.put("maxdelivertime", "2020-01-01T00:00:00Z"); // not MailerQ's layout: not taken as a time
        queues.publishToOutbox(message);
        Arrivals.take(queues, "success", WAIT);
    }

    @Test
    void retriesAreTheMessagesOwnScheduleFrom513() throws Exception {
        sink = delivery.plainSink();
        sink.when(Stage.RCPT).times(1).reply(451, "4.2.1 later");
        start(config().with("delivery-retry-delay", "1h").with("delivery-retry-max-delay", "1h")
                .with("retry-interval", "1h"));
        ObjectNode message = message("b@example.org");
        message.putArray("retries").add(0.05);
        queues.publishToOutbox(message);
        Arrivals.take(queues, "retry", WAIT);
        if (connection) {
            assertEquals(2, Arrivals.take(queues, "success", WAIT).get("results").size(), "retried after 50 ms");
        } else {
            Thread.sleep(500);
            assertEquals(0, queues.size("success"), "3.0 has no retries: the configured hour applies");
        }
    }

    @Test
    void nextattemptHoldsTheMessageFrom513() throws Exception {
        start(config());
        ObjectNode message = message("b@example.org");
        Instant notBefore = Instant.now().plusSeconds(2);
        message.putObject("nextattempt").put("time", UTC.format(notBefore));
        queues.publishToOutbox(message);
        if (connection) {
            Thread.sleep(700);
            assertEquals(0, sink.connectionCount(), "not before nextattempt.time");
        }
        ObjectNode success = Arrivals.take(queues, "success", WAIT);
        String time = success.get("results").get(0).path("time").asText();
        if (connection) {
            assertTrue(time.compareTo(UTC.format(notBefore)) >= 0, time + " is not before " + UTC.format(notBefore));
        }
        assertTrue(success.has("nextattempt"), "the property survives");
    }

    @Test
    void queuesFollowTheReleasesRule() throws Exception {
        sink = delivery.plainSink();
        start(config());
        ObjectNode message = message("b@example.org");
        message.putObject("queues").put("success", "mine").putNull("failure");
        queues.publishToOutbox(message);
        ObjectNode mine = Arrivals.take(queues, "mine", WAIT);
        if (connection) {
            assertEquals(mine, Arrivals.take(queues, "results", WAIT), "5.13: a missing member falls back to the config");
        } else {
            Thread.sleep(300);
            assertEquals(0, queues.size("results"), "3.0: queues replaces every configured result queue");
        }
        assertEquals(0, queues.size("success"));
    }

    @Test
    void aNullQueueIsNoQueue() throws Exception {
        sink = delivery.plainSink();
        sink.when(Stage.RCPT).reply(550, "5.1.1 no such user");
        start(config());
        ObjectNode message = message("b@example.org");
        message.putObject("queues").putNull("results").put("failure", "errors");
        queues.publishToOutbox(message);
        Arrivals.take(queues, "errors", WAIT);
        Thread.sleep(300);
        assertEquals(0, queues.size("results"));
        assertEquals(0, queues.size("failure"));
    }

    @Test
    void dsnParametersGoToAPeerOfferingDsn() throws Exception {
        sink = delivery.plainSink();
        sink.when(Stage.EHLO).times(1).reply(250, "localhost\nDSN");
        start(config());
        for (String recipient : List.of("first@example.org", "second@example.org")) {
            ObjectNode message = message(recipient);
            message.putObject("dsn").put("ret", "HDRS").put("envid", "QQ314159").put("notify", "SUCCESS,FAILURE")
                    .put("orcpt", "rfc822;Bob@Example.COM");
            queues.publishToOutbox(message);
            JsonNode entry = Arrivals.take(queues, "success", WAIT).get("results").get(0);
            if (connection) {
                assertEquals(recipient.startsWith("first"), entry.path("dsn").asBoolean(), entry.toString());
            }
        }
        List<String> commands = sink.commands();
        assertTrue(commands.contains("MAIL FROM:<a@example.com> RET=HDRS ENVID=QQ314159"), commands.toString());
        assertTrue(commands.contains("RCPT TO:<first@example.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;Bob@Example.COM"),
                commands.toString());
        assertTrue(commands.contains("MAIL FROM:<a@example.com>"), "no DSN offered the second time: " + commands);
        assertTrue(commands.contains("RCPT TO:<second@example.org>"), commands.toString());
    }

    @Test
    void theMessagesSmarthostIsNamedAsTheReleaseNamesIt() throws Exception {
        sink = delivery.plainSink();
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        start(config().with("smarthost-port", String.valueOf(closed)).with("max-attempts", "1"));
        for (String member : List.of("name", "hostname")) {
            ObjectNode message = message(member + "@example.org");
            message.putObject("smarthost").put(member, "127.0.0.1").put("port", String.valueOf(sink.port()));
            queues.publishToOutbox(message);
            boolean honoured = member.equals(connection ? "hostname" : "name");
            ObjectNode result = Arrivals.take(queues, honoured ? "success" : "failure", WAIT);
            assertEquals(member + "@example.org", result.path("recipient").asText());
        }
    }

    @Test
    void resultsCarryTheReleasesTopLevelMembersAndNoInventedStatus() throws Exception {
        sink = delivery.plainSink();
        sink.when(Stage.MESSAGE).reply(250, "queued as 42");
        start(config());
        ObjectNode message = message("Info@Example.org");
        message.put("envelope", "sender@bounce.example.com");
        message.put("mime", "From: \"Sender\" <sender@example.com>\r\nTo: info@example.org, Other <o@example.org>\r\n"
                + "Subject: Test Subject\r\nX-Example-Property: some\r\n value\r\n\r\nBody\r\n");
        message.put("x-mine", 7);
        queues.publishToOutbox(message);
        ObjectNode success = Arrivals.take(queues, "success", WAIT);
        JsonNode entry = success.get("results").get(0);
        assertEquals(250, entry.path("code").asInt(), entry.toString());
        assertFalse(entry.has("status"), "the reply had no enhanced code: " + entry);
        assertEquals("queued as 42", entry.path("description").asText());
        assertEquals(7, success.path("x-mine").asInt(), "unknown properties survive");
        if (connection) {
            assertFalse(success.has("domain"), success.toString());
            JsonNode extracted = success.get("extracted");
            assertEquals("sender@example.com", extracted.path("from").asText(), extracted.toString());
            assertEquals("[\"info@example.org\",\"o@example.org\"]", extracted.path("to").toString());
            assertEquals("Test Subject", extracted.path("subject").asText());
            assertEquals("some value", extracted.path("headers").path("x-example-property").asText());
            assertEquals("{\"domain\":\"bounce.example.com\",\"local\":\"sender\"}", extracted.path("envelope").toString());
            assertEquals("{\"domain\":\"Example.org\",\"local\":\"Info\"}", extracted.path("recipient").toString());
        } else {
            assertFalse(success.has("extracted"), success.toString());
            assertEquals("Example.org", success.path("domain").asText());
        }
    }
}
