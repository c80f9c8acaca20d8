package dev.mqkit.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.fixtures.BothGenerations;
import dev.mqkit.api.json.LosslessUtf8;
import dev.mqkit.runtime.MailerQRuntime;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.runtime.fixtures.TestKit;
import dev.mqkit.runtime.fixtures.TestPlugins;
import dev.mqkit.runtime.smtp.server.RawSmtpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A connection's life beyond one plain message, with two real C plugins: several transactions,
 * RSET, pipelining, 8-bit MIME, and a client that leaves while a plugin holds control. Received
 * mail goes to a queue of its own ("inbox") that nothing delivers.
 */
@BothGenerations
class ConnectionLifeE2ETest {

    private final MailerqRelease release;

    @RegisterExtension
    final E2eFixture fixture;
    private MailerQRuntime runtime;
    private final E2e.Trace trace = new E2e.Trace();

    ConnectionLifeE2ETest(MailerqRelease release) {
        this.release = release;
        this.fixture = new E2eFixture(release);
    }

    @BeforeEach
    void start() {
        TestKit.set("a", "detail", 1);
        runtime = fixture.startKeepingTheInbox(TestPlugins.ordered(release, "a", "b"));
    }

    private List<ObjectNode> published() {
        return runtime.queues().snapshot("inbox");
    }

    private RawSmtpClient client() throws Exception {
        RawSmtpClient client = new RawSmtpClient(E2e.plainPort(runtime));
        assertEquals(220, client.reply().code());
        assertEquals(250, client.command("EHLO client.example").code());
        return client;
    }

    @Test
    void closeWaitsForTheHookAClientLeftInTheMiddleOf() throws Exception {
        TestKit.script("a", "mq_smtp_in_mailfrom", TestKit.Action.TIMER_CONTINUE, 150);
        try (RawSmtpClient client = client()) {
            client.line("MAIL FROM:<sender@example.com>");
            trace.awaitLine("a mq_smtp_in_mailfrom ");
        }
        trace.awaitLine("b mq_smtp_in_close ");

        List<String> lines = trace.all().stream()
                .filter(line -> line.matches("[ab] mq_smtp_in_\\w+ .*") || line.startsWith("a timer fired"))
                .map(line -> line.startsWith("a timer") ? line : line.substring(0, line.indexOf(' ', 2)))
                .toList();
        assertEquals(List.of("a mq_smtp_in_connect", "b mq_smtp_in_connect",
                "a mq_smtp_in_mailfrom", "a timer fired for sender@example.com", "b mq_smtp_in_mailfrom",
                "a mq_smtp_in_close", "b mq_smtp_in_close"), lines);
        assertEquals(List.of(), published());
        assertEquals(List.of(), runtime.host().violations());
    }

    @Test
    void everyTransactionOnOneConnectionGoesThroughTheHooks() throws Exception {
        try (RawSmtpClient client = client()) {
            assertEquals(250, client.command("MAIL FROM:<dropped@example.com>").code());
            assertEquals(250, client.command("RCPT TO:<nobody@example.org>").code());
            assertEquals(250, client.command("RSET").code());
            for (String n : List.of("1", "2")) {
                assertEquals(250, client.command("MAIL FROM:<sender" + n + "@example.com>").code());
                assertEquals(250, client.command("RCPT TO:<rcpt" + n + "@example.org>").code());
                assertEquals(354, client.command("DATA").code());
                client.write("Subject: message " + n + "\r\n\r\nBody " + n + ".\r\n.\r\n");
                assertEquals(250, client.reply().code());
            }
            assertEquals(221, client.command("QUIT").code());
        }
        trace.awaitLine("b mq_smtp_in_close ");

        assertEquals(List.of("data=a-connection text=dropped@example.com", "data=a-connection text=sender1@example.com",
                "data=a-connection text=sender2@example.com"), trace.calls("a", "mq_smtp_in_mailfrom"));
        assertEquals(List.of(
                "data=b-connection envelope=sender1@example.com recipient=rcpt1@example.org trail=a",
                "data=b-connection envelope=sender2@example.com recipient=rcpt2@example.org trail=a"),
                trace.calls("b", "mq_smtp_in_message"));
        List<ObjectNode> published = published();
        assertEquals(List.of("sender1@example.com rcpt1@example.org Subject: message 1\r\n\r\nBody 1.\r\n",
                "sender2@example.com rcpt2@example.org Subject: message 2\r\n\r\nBody 2.\r\n"),
                published.stream().map(json -> json.path("envelope").asText() + " " + json.path("recipient").asText()
                        + " " + json.path("mime").asText()).toList());
        assertEquals(1, trace.calls("a", "mq_smtp_in_connect").size());
        assertEquals(1, trace.calls("a", "mq_smtp_in_close").size());
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrderEachAfterItsChain() throws Exception {
        TestKit.script("a", "mq_smtp_in_mailfrom", TestKit.Action.TIMER_CONTINUE, 60);
        TestKit.script("a", "mq_smtp_in_rcptto", TestKit.Action.TIMER_CONTINUE, -1);
        try (RawSmtpClient client = client()) {
            long start = System.nanoTime();
            // the rcptto delay is the number in the address: the first recipient's chain ends last
            client.write("MAIL FROM:<sender@example.com>\r\nRCPT TO:<90@example.org>\r\nRCPT TO:<10@example.org>\r\n"
                    + "DATA\r\n");
            List<String> replies = List.of(client.reply().text(), client.reply().text(), client.reply().text(),
                    client.reply().text());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(List.of("250 2.1.0 Sender <sender@example.com> OK", "250 2.1.5 Recipient <90@example.org> OK",
                    "250 2.1.5 Recipient <10@example.org> OK", "354 End data with <CR><LF>.<CR><LF>"), replies);
            assertTrue(millis >= 160, "the replies came after " + millis + " ms, before the chains ended");
            client.write("Subject: pipelined\r\n\r\nBody.\r\n.\r\nQUIT\r\n");
            assertEquals(250, client.reply().code());
            assertEquals(221, client.reply().code());
        }
        trace.awaitLine("b mq_smtp_in_close ");
        assertEquals(List.of("data=b-connection text=90@example.org", "data=b-connection text=10@example.org"),
                trace.calls("b", "mq_smtp_in_rcptto"));
        assertEquals(List.of("90@example.org", "10@example.org"),
                published().stream().map(json -> json.path("recipient").asText()).toList());
    }

    @Test
    void eightBitMimeReachesTheHooksAndTheQueueByteForByte() throws Exception {
        String mime = "Subject: Grüße ✓\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nnaïve café, 東京, 🙂.\r\n";
        byte[] bytes = mime.getBytes(StandardCharsets.UTF_8);
        try (RawSmtpClient client = client()) {
            assertEquals(250, client.command("MAIL FROM:<sender@example.com> BODY=8BITMIME").code());
            assertEquals(250, client.command("RCPT TO:<one@example.org>").code());
            assertEquals(354, client.command("DATA").code());
            client.write((mime + ".\r\n").getBytes(StandardCharsets.UTF_8));
            assertEquals(250, client.reply().code());
            assertEquals(221, client.command("QUIT").code());
        }
        trace.awaitLine("b mq_smtp_in_close ");

        assertEquals(List.of("size=" + bytes.length + " text=" + E2e.escaped(mime)), trace.details("a", "mq_smtp_in_data"));
        assertEquals(List.of("size=" + bytes.length + " mime=" + E2e.escaped(mime)),
                trace.details("a", "mq_smtp_in_message"));
        assertEquals(mime, published().get(0).path("mime").asText());
    }

    @Test
    void eightBitMimeThatIsNotUtf8ReachesTheHooksTheQueueAndTheWireByteForByte() throws Exception {
        byte[] bytes = "Subject: caf\u00e9\r\n\r\ncaf\u00e9 cr\u00e8me\r\n".getBytes(StandardCharsets.ISO_8859_1);
        try (RawSmtpClient client = client()) {
            assertEquals(250, client.command("MAIL FROM:<sender@example.com> BODY=8BITMIME").code());
            assertEquals(250, client.command("RCPT TO:<one@example.org>").code());
            assertEquals(354, client.command("DATA").code());
            client.write(bytes);
            client.write(".\r\n");
            assertEquals(250, client.reply().code());
            assertEquals(221, client.command("QUIT").code());
        }
        trace.awaitLine("b mq_smtp_in_close ");

        // the plugins' mime arguments: as many bytes as were sent (UTF-8 replacement characters would add two each)
        assertTrue(trace.details("a", "mq_smtp_in_data").get(0).startsWith("size=" + bytes.length + " "));
        assertTrue(trace.details("a", "mq_smtp_in_message").get(0).startsWith("size=" + bytes.length + " "));
        ObjectNode published = published().get(0);
        assertEquals("Subject: caf\udce9\r\n\r\ncaf\udce9 cr\udce8me\r\n", published.path("mime").asText());
        assertArrayEquals(bytes, LosslessUtf8.toBytes(published.path("mime").asText()));

        // and out to the wire: the queued JSON delivered to the sink
        runtime.send(published);
        assertArrayEquals(bytes, fixture.sink().awaitMessages(1, Duration.ofSeconds(10)).get(0).data());
    }

    /** getpeername()/getsockname() on the plugin's descriptor give the listener's family, as in MailerQ. */
    @ParameterizedTest(name = "smtp-ip {0}")
    @CsvSource({"127.0.0.1, AF_INET", "::1, AF_INET6"})
    void aPluginsSocketHasTheFamilyOfItsListener(String ip, String family) throws Exception {
        runtime.close();
        TestKit.set("b", "family", 1);
        runtime = fixture.start(TestPlugins.ordered(release, "a", "b"), "smtp-ip", ip);
        try (RawSmtpClient client = new RawSmtpClient(ip, E2e.plainPort(runtime))) {
            assertEquals(220, client.reply().code());
            List<String> lines = trace.awaitLine("b family ");
            assertTrue(lines.contains("b family peer=" + family + " local=" + family), lines.toString());
        }
    }
}
