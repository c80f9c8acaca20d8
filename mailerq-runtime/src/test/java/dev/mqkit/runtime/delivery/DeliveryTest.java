package dev.mqkit.runtime.delivery;

import static dev.mqkit.runtime.delivery.DeliveryFixture.MIME;
import static dev.mqkit.runtime.delivery.DeliveryFixture.WAIT;
import static dev.mqkit.runtime.delivery.DeliveryFixture.message;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.config.RuntimeConfig;
import dev.mqkit.api.json.LosslessUtf8;
import dev.mqkit.harness.sink.ReceivedMessage;
import dev.mqkit.harness.sink.SmtpSink;
import dev.mqkit.harness.sink.Stage;
import dev.mqkit.runtime.fixtures.Arrivals;
import dev.mqkit.runtime.queue.InMemoryQueues;
import io.netty.util.AttributeKey;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Delivery to a real {@link SmtpSink} over loopback sockets. */
class DeliveryTest {
    /** A hook's own per-connection state, kept on the channel as the plugin host keeps its own. */
    private static final AttributeKey<String> STATE = AttributeKey.valueOf(DeliveryTest.class, "state");

    @RegisterExtension
    static final DeliveryFixture delivery = new DeliveryFixture();

    private SmtpSink sink;
    private InMemoryQueues queues;

    private RuntimeConfig smarthostConfig() {
        return DeliveryFixture.smarthostConfig(sink.port());
    }

    private void start(RuntimeConfig config, DeliveryHooks hooks) {
        queues = delivery.start(config, hooks).queues();
    }

    private ObjectNode await(String queue) throws InterruptedException {
        return Arrivals.take(queues, queue, WAIT);
    }

    /** A 3.0 entry; code 0 and status null: the entry has none (no reply, or no enhanced code in it). */
    static void assertResult(JsonNode entry, int attempt, String type, int code, String status, String state) {
        assertEquals(attempt, entry.get("attempt").asInt(), entry.toString());
        assertEquals(type, entry.get("type").asText(), entry.toString());
        assertEquals(code, entry.path("code").asInt(0), entry.toString());
        assertEquals(code == 0, !entry.has("code"), entry.toString());
        assertEquals(status, entry.path("status").textValue(), entry.toString());
        assertEquals(state, entry.get("state").asText(), entry.toString());
        assertTrue(entry.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"), entry.toString());
        assertTrue(entry.has("description"), entry.toString());
    }

    @Test
    void deliversToSmarthostAndPublishesResults() throws Exception {
        sink = delivery.plainSink();
        start(smarthostConfig(), DeliveryHooks.NONE);
        queues.publishToOutbox(message("b@example.org"));

        ObjectNode success = await("success");
        ReceivedMessage received = sink.awaitMessages(1, WAIT).get(0);
        assertEquals("client.test", received.helo());
        assertEquals("a@example.com", received.envelope());
        assertEquals("b@example.org", received.recipient());
        assertEquals(MIME, received.mime());
        assertTrue(sink.commands().contains("MAIL FROM:<a@example.com>"), "no BODY parameter for 7-bit mail");
        assertFalse(received.tls());
        assertNull(received.authenticated());

        JsonNode results = success.get("results");
        assertEquals(1, results.size());
        assertResult(results.get(0), 1, "success", 250, "2.0.0", "accept");
        assertEquals("Ok: queued", results.get(0).get("description").asText());
        assertEquals("127.0.0.1", results.get(0).get("from").asText());
        assertEquals("127.0.0.1", results.get(0).get("to").asText());
        assertFalse(success.has("mime"), "mime is dropped from results");
        assertEquals("b@example.org", success.get("recipient").asText());
        assertEquals(success, await("results"));
        assertEquals(0, queues.size("failure"));
        assertEquals(0, queues.size("retry"));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!sink.commands().contains("QUIT") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals("QUIT", sink.commands().get(sink.commands().size() - 1), "the client says goodbye");
    }

    @Test
    void startTlsAndAuthPlain() throws Exception {
        sink = delivery.closeAfterTest(SmtpSink.builder().credentials("relay-user", "relay-pass").start());
        start(smarthostConfig().with("smarthost-username", "relay-user").with("smarthost-password", "relay-pass"),
                DeliveryHooks.NONE);
        queues.publishToOutbox(message("b@example.org"));
        assertResult(await("success").get("results").get(0), 1, "success", 250, "2.0.0", "accept");
        ReceivedMessage received = sink.awaitMessages(1, WAIT).get(0);
        assertTrue(received.tls(), "STARTTLS was used");
        assertEquals("relay-user", received.authenticated());
        assertEquals("PLAIN", received.authMechanism());
        assertEquals(List.of("EHLO client.test", "STARTTLS", "EHLO client.test"), sink.commands().subList(0, 3));
    }

    @Test
    void authLoginWithoutTlsAndHeloFallback() throws Exception {
        sink = delivery.closeAfterTest(SmtpSink.builder().tls(false).credentials("u", "p").start());
        sink.when(Stage.EHLO).times(1).reply(502, "5.5.2 EHLO not here");
        // after HELO there are no extensions, so no AUTH: the second delivery sees EHLO with LOGIN only
        sink.when(Stage.EHLO).reply(250, "localhost\nAUTH LOGIN");
        start(smarthostConfig().with("smarthost-username", "u").with("smarthost-password", "p"), DeliveryHooks.NONE);

        queues.publishToOutbox(message("first@example.org"));
        ObjectNode failed = await("failure");
        assertResult(failed.get("results").get(0), 1, "error", 0, null, "ehlo");
        assertTrue(sink.commands().contains("HELO client.test"), sink.commands().toString());

        queues.publishToOutbox(message("second@example.org"));
        await("success");
        ReceivedMessage received = sink.awaitMessages(1, WAIT).get(0);
        assertEquals("LOGIN", received.authMechanism());
        assertEquals("u", received.authenticated());
    }

    @Test
    void dotStuffingRoundTrip() throws Exception {
        sink = delivery.plainSink();
        start(smarthostConfig(), DeliveryHooks.NONE);
        String body = "Subject: dots\n\n.starts with a dot\n..two dots\n.\nmiddle . dot\r\n. \nno final line end";
        ObjectNode m = message("b@example.org");
        m.put("mime", body);
        queues.publishToOutbox(m);
        await("success");
        String expected = "Subject: dots\r\n\r\n.starts with a dot\r\n..two dots\r\n.\r\nmiddle . dot\r\n. \r\n"
                + "no final line end\r\n";
        assertEquals(expected, sink.awaitMessages(1, WAIT).get(0).mime());
    }

    @Test
    void aLargeBodyGoesOutAPieceAtATimeByteForByte() throws Exception {
        sink = delivery.plainSink();
        start(smarthostConfig(), DeliveryHooks.NONE);
        // dots at line starts, an emoji and escaped ISO-8859-1 bytes around the 64 KB boundaries of the
        // pieces: a surrogate pair across one, a CRLF across the next
        StringBuilder text = new StringBuilder("Subject: big\r\n\r\n");
        for (int block = 0; block < 6; block++) {
            int padTo = block % 2 == 0 ? 65_535 : 65_533;
            text.append("x".repeat(Math.floorMod(padTo - text.length(), 65_536)))
                    .append("\ud83d\ude00\r\n.caf\udce9\r\n");
        }
        ObjectNode m = message("b@example.org");
        m.put("mime", text.toString());
        queues.publishToOutbox(m);
        await("success");
        // the sink keeps what came over the wire after the 354, stuffing undone
        assertArrayEquals(LosslessUtf8.toBytes(text.toString()), sink.awaitMessages(1, WAIT).get(0).data());
    }

    @Test
    void hookOverridesMimeAndEditsJsonButNotTheEnvelope() throws Exception {
        sink = delivery.plainSink();
        List<String> seen = new CopyOnWriteArrayList<>();
        DeliveryHooks hooks = (connection, message) -> {
            seen.add("loop=" + connection.channel().eventLoop().inEventLoop());
            seen.add("fd=" + (connection.fileDescriptor() > 0));
            seen.add("secure=" + connection.secure());
            seen.add("mime=" + (message.mime() == null ? null : new String(message.mime(), StandardCharsets.UTF_8)));
            seen.add("envelope=" + message.envelope());
            connection.channel().attr(STATE).set("mine");
            seen.add("attachment=" + connection.channel().attr(STATE).get());
            // answer later from another thread, as a plugin with its own I/O would
            return CompletableFuture.runAsync(() -> {
                message.setMime("Subject: rewritten\r\n\r\nby the hook\r\n".getBytes(StandardCharsets.UTF_8));
                message.setEnvelope("changed@example.com");
                message.setRecipient("elsewhere@example.com");
                message.json().put("plugin", "was here");
            }, CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
        };
        start(smarthostConfig(), hooks);
        queues.publishToOutbox(message("b@example.org"));

        ObjectNode success = await("success");
        ReceivedMessage received = sink.awaitMessages(1, WAIT).get(0);
        assertEquals("Subject: rewritten\r\n\r\nby the hook\r\n", received.mime());
        assertEquals("a@example.com", received.envelope(), "MAIL FROM was sent before the hook ran");
        assertEquals("b@example.org", received.recipient(), "RCPT TO was sent before the hook ran");
        assertEquals(List.of("loop=true", "fd=true", "secure=false", "mime=null", "envelope=a@example.com",
                "attachment=mine"), seen);
        assertEquals("was here", success.get("plugin").asText(), "JSON edits reach the results");
        assertEquals("a@example.com", success.get("envelope").asText());
        assertEquals("b@example.org", success.get("recipient").asText());
    }

    @Test
    void failingHookIsATemporaryErrorInData() throws Exception {
        sink = delivery.plainSink();
        DeliveryHooks hooks = (connection, message) -> CompletableFuture.failedFuture(new IllegalStateException("boom"));
        start(smarthostConfig(), hooks);
        ObjectNode m = message("b@example.org");
        m.put("maxattempts", 1);
        queues.publishToOutbox(m);
        JsonNode entry = await("failure").get("results").get(0);
        assertResult(entry, 1, "error", 0, null, "data");
        assertTrue(entry.get("description").asText().contains("boom"), entry.toString());
        assertEquals(0, sink.messages().size());
    }

    @Test
    void temporaryFailureIsRetriedThenDelivered() throws Exception {
        sink = delivery.plainSink();
        sink.when(Stage.RCPT).times(1).reply(451, "4.2.1 Mailbox busy, try later");
        start(smarthostConfig(), DeliveryHooks.NONE);
        queues.publishToOutbox(message("b@example.org"));

        ObjectNode retried = await("retry");
        assertEquals(1, retried.get("results").size());
        assertResult(retried.get("results").get(0), 1, "error", 451, "4.2.1", "rcpt to");
        assertEquals("Mailbox busy, try later", retried.get("results").get(0).get("description").asText());
        assertTrue(retried.has("mime"), "a message to retry keeps its mime");

        ObjectNode success = await("success");
        assertEquals(2, success.get("results").size());
        assertResult(success.get("results").get(0), 1, "error", 451, "4.2.1", "rcpt to");
        assertResult(success.get("results").get(1), 2, "success", 250, "2.0.0", "accept");
        assertEquals(1, sink.messages().size());
        assertEquals(1, queues.size("results"), "only the final outcome goes to results");
    }

    @Test
    void permanentFailureGoesToFailure() throws Exception {
        sink = delivery.plainSink();
        sink.when(Stage.MESSAGE).reply(554, "5.7.1 Message rejected as spam");
        start(smarthostConfig(), DeliveryHooks.NONE);
        queues.publishToOutbox(message("b@example.org"));
        ObjectNode failure = await("failure");
        assertEquals(1, failure.get("results").size());
        assertResult(failure.get("results").get(0), 1, "error", 554, "5.7.1", "received");
        assertEquals("Message rejected as spam", failure.get("results").get(0).get("description").asText());
        assertEquals(failure, await("results"));
        assertEquals(0, queues.size("retry"));
        assertEquals(0, sink.messages().size());
    }

    @Test
    void maxAttemptsExhausted() throws Exception {
        sink = delivery.plainSink();
        sink.when(Stage.MAIL).reply(451, "4.3.2 System not accepting network messages");
        start(smarthostConfig(), DeliveryHooks.NONE);
        ObjectNode m = message("b@example.org");
        m.put("maxattempts", 3);
        queues.publishToOutbox(m);
        ObjectNode failure = await("failure");
        JsonNode results = failure.get("results");
        assertEquals(3, results.size());
        for (int i = 0; i < 3; i++) {
            assertResult(results.get(i), i + 1, "error", 451, "4.3.2", "mail from");
        }
        assertEquals(2, queues.size("retry"), "retried twice");
        assertEquals(3, sink.connectionCount());
    }

    @Test
    void connectionRefusedIsTemporary() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RuntimeConfig config = DeliveryFixture.smarthostConfig(closedPort).with("delivery-max-attempts", "2");
        start(config, DeliveryHooks.NONE);
        queues.publishToOutbox(message("b@example.org"));
        ObjectNode retried = await("retry");
        JsonNode first = retried.get("results").get(0);
        assertResult(first, 1, "refused", 0, null, "connect");
        assertEquals("127.0.0.1", first.get("to").asText());
        assertFalse(first.has("from"), "no local address without a connection");
        ObjectNode failure = await("failure");
        assertEquals(2, failure.get("results").size(), "delivery-max-attempts applies");
    }

    @Test
    void droppedConnectionIsRetried() throws Exception {
        sink = delivery.plainSink();
        sink.when(Stage.DATA).times(1).drop();
        start(smarthostConfig(), DeliveryHooks.NONE);
        queues.publishToOutbox(message("b@example.org"));
        ObjectNode success = await("success");
        assertResult(success.get("results").get(0), 1, "lost", 0, null, "data");
        assertResult(success.get("results").get(1), 2, "success", 250, "2.0.0", "accept");
    }

    @Test
    void slowReplyTimesOut() throws Exception {
        sink = delivery.plainSink();
        sink.when(Stage.MAIL).times(1).delay(Duration.ofMillis(3000));
        start(smarthostConfig().with("delivery-timeout", "1s"), DeliveryHooks.NONE);
        queues.publishToOutbox(message("b@example.org"));
        ObjectNode success = await("success");
        JsonNode first = success.get("results").get(0);
        assertResult(first, 1, "timeout", 0, null, "mail from");
        assertTrue(first.get("description").asText().contains("no reply within 1000 ms"), first.toString());
    }

    @Test
    void keepMimeAndUnknownPropertiesReachTheResults() throws Exception {
        sink = delivery.plainSink();
        start(smarthostConfig(), DeliveryHooks.NONE);
        ObjectNode m = message("b@example.org");
        m.put("keepmime", true);
        m.put("tag", "campaign-7");
        m.putObject("custom").putArray("list").add(1).add("two");
        queues.publishToOutbox(m);
        ObjectNode success = await("success");
        assertEquals(MIME, success.get("mime").asText());
        assertEquals("campaign-7", success.get("tag").asText());
        assertEquals("[1,\"two\"]", success.get("custom").get("list").toString());
        assertTrue(success.get("keepmime").asBoolean());
    }

    @Test
    void perMessageSmarthostWins() throws Exception {
        sink = delivery.closeAfterTest(SmtpSink.builder().credentials("own", "pw").start());
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        // the configured smarthost would refuse the connection
        start(DeliveryFixture.smarthostConfig(closedPort), DeliveryHooks.NONE);
        ObjectNode m = message("b@example.org");
        m.putObject("smarthost").put("name", "127.0.0.1").put("port", sink.port())
                .put("username", "own").put("password", "pw");
        queues.publishToOutbox(m);
        ObjectNode success = await("success");
        assertEquals(sink.port(), success.get("smarthost").get("port").asInt(), "the property is kept");
        ReceivedMessage received = sink.awaitMessages(1, WAIT).get(0);
        assertEquals("own", received.authenticated());
        assertTrue(received.tls());
    }

    @Test
    void deliversUtf8AndEmptyEnvelope() throws Exception {
        sink = delivery.plainSink();
        start(smarthostConfig(), DeliveryHooks.NONE);
        ObjectNode m = message("b@example.org");
        m.put("envelope", "");
        m.put("mime", "Subject: =?utf-8?q?x?=\r\n\r\nGrüße — ✓\r\n");
        queues.publishToOutbox(m);
        await("success");
        ReceivedMessage received = sink.awaitMessages(1, WAIT).get(0);
        assertEquals("", received.envelope());
        assertEquals("Subject: =?utf-8?q?x?=\r\n\r\nGrüße — ✓\r\n", received.mime());
        assertTrue(sink.commands().contains("MAIL FROM:<> BODY=8BITMIME"), sink.commands().toString());
    }

    @Test
    void messageWithoutMimeFailsInData() throws Exception {
        sink = delivery.plainSink();
        start(smarthostConfig(), DeliveryHooks.NONE);
        ObjectNode m = message("b@example.org");
        m.remove("mime");
        queues.publishToOutbox(m);
        assertResult(await("failure").get("results").get(0), 1, "nodata", 0, null, "data");
        assertEquals(0, sink.messages().size());
    }

    @Test
    void aWaitingRetryIsHeldByTheQueuesNotByTheDeliverer() throws Exception {
        sink = delivery.plainSink();
        sink.when(Stage.CONNECT).reply(421, "4.3.2 Service not available");
        // a delayed publication: the deliverer that made the attempt may be gone when it is due
        RuntimeConfig config = smarthostConfig().with("delivery-retry-delay", "700ms");
        DeliveryFixture.Started started = delivery.start(config, DeliveryHooks.NONE);
        queues = started.queues();
        queues.publishToOutbox(message("b@example.org"));
        assertResult(await("retry").get("results").get(0), 1, "noaccess", 421, "4.3.2", "init");
        assertEquals(0, queues.size("outbox"), "waiting for the back-off");
        started.deliverer().close();
        ObjectNode back = await("outbox");
        assertEquals(1, back.get("results").size());
        assertTrue(back.has("mime"));
    }
}
