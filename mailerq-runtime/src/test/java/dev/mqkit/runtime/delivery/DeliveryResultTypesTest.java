package dev.mqkit.runtime.delivery;

import static dev.mqkit.runtime.delivery.DeliveryFixture.WAIT;
import static dev.mqkit.runtime.delivery.DeliveryFixture.baseConfig;
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
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each result type that can be provoked on loopback, as the played release writes it: 3.0's {@code type}/{@code state},
 * 4.0-5.13's {@code state}/{@code result}
 * (<a href="https://www.mailerq.com/documentation/3.0/result-queue">3.0/result-queue</a>,
 * <a href="https://www.mailerq.com/documentation/5.13/json-results">5.13/json-results</a>).
 */
@BothGenerations
class DeliveryResultTypesTest {
    @RegisterExtension
    static final DeliveryFixture delivery = new DeliveryFixture();

    private final MailerqRelease release;
    private final boolean connection;
    private InMemoryQueues queues;

    DeliveryResultTypesTest(MailerqRelease release) {
        this.release = release;
        this.connection = TestReleases.connectionGeneration(release);
    }

    private RuntimeConfig config(int port) {
        return smarthostConfig(port).with("mailerq-version", release.toString())
                .with("delivery-starttls", "true").with("max-attempts", "1");
    }

    private void start(RuntimeConfig config) {
        queues = delivery.start(config, DeliveryHooks.NONE).queues();
    }

    /** The one entry of the message's first publication to {@code queue}. */
    private JsonNode onlyEntry(String queue) throws InterruptedException {
        ObjectNode published = Arrivals.take(queues, queue, WAIT);
        assertEquals(1, published.get("results").size(), published.toString());
        return published.get("results").get(0);
    }

    /** 3.0: type and state; 4.0+: state and result; never an attempt/type in 4.0+ nor a result in 3.0. */
    private void assertEntry(JsonNode entry, String type, String state30, String state513, String result) {
        if (connection) {
            assertEquals(state513, entry.path("state").asText(), entry.toString());
            assertEquals(result, entry.path("result").asText(), entry.toString());
            assertFalse(entry.has("type") || entry.has("attempt"), entry.toString());
        } else {
            assertEquals(type, entry.path("type").asText(), entry.toString());
            assertEquals(state30, entry.path("state").asText(), entry.toString());
            assertEquals(1, entry.path("attempt").asInt(), entry.toString());
            assertFalse(entry.has("result"), entry.toString());
        }
        assertTrue(entry.path("time").asText().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"), entry.toString());
    }

    private static void assertNoReply(JsonNode entry) {
        assertFalse(entry.has("code") || entry.has("status"), "no reply, so no code or status: " + entry);
    }

    @Test
    void aClosedPortIsRefused() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        start(config(closed).with("max-attempts", "2").with("delivery-retry-delay", "10ms")
                .with("retry-interval", "10ms"));
        queues.publishToOutbox(message("b@example.org"));
        JsonNode entry = onlyEntry("retry");
        assertEntry(entry, "refused", "connect", "connect", "error");
        assertNoReply(entry);
        assertEquals("127.0.0.1", entry.path("to").asText(), entry.toString());
        assertTrue(entry.path("description").asText().toLowerCase(java.util.Locale.ROOT)
                .matches("cannot connect: .*connection refused.*"), "the cause, named: " + entry);
        assertEquals(2, Arrivals.take(queues, "failure", WAIT).get("results").size(), "refused is retried");
    }

    @Test
    void aFullListenQueueTimesTheConnectOut() throws Exception {
        // a listener that never accepts: once its backlog is full, the kernel drops further SYNs
        ServerSocket listener = delivery.closeAfterTest(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
        for (int i = 0; i < 4; i++) {
            Socket filler = delivery.closeAfterTest(new Socket());
            try {
                filler.connect(listener.getLocalSocketAddress(), 200);
            } catch (java.io.IOException full) {
                break;
            }
        }
        start(config(listener.getLocalPort()).with("delivery-connect-timeout", "300ms"));
        queues.publishToOutbox(message("b@example.org"));
        JsonNode entry = onlyEntry("failure");
        assertEntry(entry, "connect", "connect", "connect", "timeout");
        assertNoReply(entry);
    }

    @Test
    void aRefusingGreetingIsNoAccessAndRetried() throws Exception {
        SmtpSink sink = delivery.plainSink();
        sink.when(Stage.CONNECT).reply(554, "5.7.1 no entry");
        start(config(sink.port()).with("max-attempts", "2").with("delivery-retry-delay", "10ms")
                .with("retry-interval", "10ms"));
        queues.publishToOutbox(message("b@example.org"));
        JsonNode entry = onlyEntry("retry");
        assertEntry(entry, "noaccess", "init", "intro", "error");
        assertEquals(554, entry.path("code").asInt(), entry.toString());
        assertEquals("5.7.1", entry.path("status").asText(), entry.toString());
        assertEquals("no entry", entry.path("description").asText(), entry.toString());
    }

    @Test
    void aDroppedConnectionIsLost() throws Exception {
        SmtpSink sink = delivery.plainSink();
        sink.when(Stage.MAIL).drop();
        start(config(sink.port()));
        queues.publishToOutbox(message("b@example.org"));
        JsonNode entry = onlyEntry("failure");
        assertEntry(entry, "lost", "mail from", "mailfrom", "lost");
        assertNoReply(entry);
        if (connection) {
            assertEquals("localhost", entry.path("mta").asText(), "the greeting's first word: " + entry);
        }
    }

    @Test
    void aSilentPeerTimesOut() throws Exception {
        SmtpSink sink = delivery.plainSink();
        sink.when(Stage.RCPT).delay(Duration.ofSeconds(3));
        start(config(sink.port()).with("delivery-timeout", "300ms"));
        queues.publishToOutbox(message("b@example.org"));
        JsonNode entry = onlyEntry("failure");
        assertEntry(entry, "timeout", "rcpt to", "rcptto", "timeout");
        assertNoReply(entry);
    }

    @Test
    void aFailedTlsHandshakeIsTls() throws Exception {
        RawPeer peer = new RawPeer((in, out) -> {
            send(out, "220 peer ESMTP\r\n");
            expect(in, "EHLO");
            send(out, "250-peer\r\n250 STARTTLS\r\n");
            expect(in, "STARTTLS");
            send(out, "220 go ahead\r\n");
            pause(Duration.ofMillis(300)); // the client's hello arrives: answered with text, not a TLS record
            send(out, "this is no TLS record at all, just text\r\n");
        });
        start(config(peer.port()));
        queues.publishToOutbox(message("b@example.org"));
        JsonNode entry = onlyEntry("failure");
        assertEntry(entry, "tls", "starttls", "starttls", "error");
        assertNoReply(entry);
    }

    @Test
    void aReplyLineOf5000CharactersIsAnOverflow() throws Exception {
        RawPeer peer = new RawPeer((in, out) -> {
            send(out, "220 peer ESMTP\r\n");
            expect(in, "EHLO");
            send(out, "250 " + "x".repeat(5000) + "\r\n");
        });
        start(config(peer.port()));
        queues.publishToOutbox(message("b@example.org"));
        JsonNode entry = onlyEntry("failure");
        assertEntry(entry, "overflow", "ehlo", "ehlo", "invalid");
        assertNoReply(entry);
    }

    @Test
    void anIpThisHostDoesNotHaveCannotBeBound() throws Exception {
        SmtpSink sink = delivery.plainSink();
        start(config(sink.port()).with("max-attempts", "3"));
        ObjectNode message = message("b@example.org");
        message.putArray("ips").add("192.0.2.1"); // TEST-NET-1: never an address of this host
        queues.publishToOutbox(message);
        JsonNode entry = onlyEntry("failure");
        assertEntry(entry, "bind", "connect", "bind", "error");
        assertNoReply(entry);
        assertFalse(entry.has("from") || entry.has("to"), "no connection was tried: " + entry);
        assertEquals(0, sink.connectionCount());
        assertEquals(0, queues.size("retry"), "bind is final");
    }

    @Test
    void ipsSendsFromTheAddressPicked() throws Exception {
        SmtpSink sink = delivery.plainSink();
        start(config(sink.port()));
        ObjectNode message = message("b@example.org");
        // 4.0+ picks among the addresses this host has; 3.0 among all, so it gets only this one
        if (connection) {
            message.putArray("ips").add("192.0.2.1").add("127.0.0.1");
        } else {
            message.putArray("ips").add("127.0.0.1");
        }
        queues.publishToOutbox(message);
        JsonNode entry = onlyEntry("success");
        assertEquals("127.0.0.1", entry.path("from").asText(), entry.toString());
    }

    @Test
    void anEmptyIpsFailsFrom513AndIsIgnoredIn30() throws Exception {
        SmtpSink sink = delivery.plainSink();
        start(config(sink.port()));
        ObjectNode message = message("b@example.org");
        message.putArray("ips");
        queues.publishToOutbox(message);
        if (connection) {
            JsonNode entry = onlyEntry("failure");
            assertEntry(entry, "error", "connect", "process", "error");
            assertEquals(0, sink.connectionCount());
        } else {
            onlyEntry("success");
        }
    }

    @Test
    void aDomainWithoutAddressesIsNoHosts() throws Exception {
        TestDnsServer dns = delivery.closeAfterTest(new TestDnsServer(delivery.workers()));
        start(baseConfig().with("mailerq-version", release.toString()).with("max-attempts", "1")
                .with("dns-resolver", "127.0.0.1:" + dns.address().getPort()));
        queues.publishToOutbox(message("someone@nowhere.test"));
        JsonNode entry = onlyEntry("failure");
        assertEntry(entry, "nohosts", "connect", "dns", "error");
        assertNoReply(entry);
        assertFalse(entry.has("from") || entry.has("to"), entry.toString());
    }

    @Test
    void aMessagePastItsMaxdelivertimeIsExpiredWithoutAConnection() throws Exception {
        SmtpSink sink = delivery.plainSink();
        start(config(sink.port()).with("max-attempts", "5"));
        ObjectNode message = message("b@example.org");
        message.put("maxdelivertime", "2020-01-01 00:00:00");
        queues.publishToOutbox(message);
        JsonNode entry = onlyEntry("failure");
        assertEntry(entry, "expired", "connect", "process", "timeout");
        assertEquals(0, sink.connectionCount());
    }

    /** A peer on loopback that runs a script on its first connection, then keeps it open until closed. */
    private final class RawPeer implements AutoCloseable {
        private final ServerSocket server;
        private final Thread thread;

        RawPeer(BiConsumer<BufferedReader, OutputStream> script) throws Exception {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            thread = new Thread(() -> {
                try (Socket socket = server.accept()) {
                    socket.setSoTimeout((int) WAIT.toMillis());
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                            StandardCharsets.ISO_8859_1));
                    script.accept(in, socket.getOutputStream());
                    while (in.read() >= 0) {
                        // until the client closes
                    }
                } catch (Exception e) {
                    // the client closed, or the test ended
                }
            }, "raw-peer");
            thread.setDaemon(true);
            thread.start();
            delivery.closeAfterTest(this);
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.join(WAIT.toMillis());
        }
    }

    private static void send(OutputStream out, String text) {
        try {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void pause(Duration time) {
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void expect(BufferedReader in, String verb) {
        try {
            String line = in.readLine();
            if (line == null || !line.toUpperCase(java.util.Locale.ROOT).startsWith(verb)) {
                throw new IllegalStateException("expected " + verb + " but got " + line);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
