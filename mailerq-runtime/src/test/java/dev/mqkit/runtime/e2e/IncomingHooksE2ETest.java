package dev.mqkit.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.fixtures.BothGenerations;
import dev.mqkit.api.fixtures.TestReleases;
import dev.mqkit.runtime.MailerQRuntime;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.runtime.fixtures.TestKit;
import dev.mqkit.runtime.fixtures.TestPlugins;
import dev.mqkit.runtime.smtp.server.RawSmtpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The incoming hooks of two real C plugins, driven by a raw SMTP client: what each hook is given,
 * in what order, and what is published. Received mail goes to a queue of its own ("inbox") that
 * nothing delivers, so the test sees exactly what was published.
 */
@BothGenerations
class IncomingHooksE2ETest {

    private static final String MIME = "Subject: arguments\r\nX-Test: yes\r\n\r\nHello.\r\n..A line that starts with a dot.\r\n";

    private static final String UNSTUFFED = "Subject: arguments\r\nX-Test: yes\r\n\r\nHello.\r\n.A line that starts with a dot.\r\n";

    private final MailerqRelease release;

    @RegisterExtension
    final E2eFixture fixture;
    private MailerQRuntime runtime;
    private final E2e.Trace trace = new E2e.Trace();

    IncomingHooksE2ETest(MailerqRelease release) {
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

    @Test
    void everyHookGetsItsArgumentsInOrderForTwoRecipients() throws Exception {
        RawSmtpClient.Reply queued;
        try (RawSmtpClient client = new RawSmtpClient(E2e.plainPort(runtime))) {
            assertEquals(220, client.reply().code());
            assertEquals(250, client.command("EHLO client.example").code());
            assertEquals(250, client.command("MAIL FROM:<sender@example.com>").code());
            assertEquals(250, client.command("RCPT TO:<one@example.org>").code());
            assertEquals(250, client.command("RCPT TO:<two@example.org>").code());
            assertEquals(354, client.command("DATA").code());
            client.write(MIME + ".\r\n");
            queued = client.reply();
            assertEquals(250, queued.code(), queued.text());
            assertFalse(trace.hooks().stream().anyMatch(hook -> hook.endsWith("mq_smtp_in_close")),
                    "no close before the client quits: " + trace.all());
            assertEquals(221, client.command("QUIT").code());
        }
        trace.awaitLine("b mq_smtp_in_close ");

        assertEquals(List.of(
                "a mq_smtp_in_connect", "b mq_smtp_in_connect",
                "a mq_smtp_in_mailfrom", "b mq_smtp_in_mailfrom",
                "a mq_smtp_in_rcptto", "b mq_smtp_in_rcptto",
                "a mq_smtp_in_rcptto", "b mq_smtp_in_rcptto",
                "a mq_smtp_in_data", "b mq_smtp_in_data",
                "a mq_smtp_in_message", "b mq_smtp_in_message",
                "a mq_smtp_in_message", "b mq_smtp_in_message",
                "a mq_smtp_in_close", "b mq_smtp_in_close"), trace.hooks());

        // MAIL FROM and RCPT TO: the bare addresses, each plugin with its own connection data
        assertEquals(List.of("data=a-connection text=sender@example.com"),
                trace.calls("a", "mq_smtp_in_mailfrom"));
        assertEquals(List.of("data=b-connection text=sender@example.com"),
                trace.calls("b", "mq_smtp_in_mailfrom"));
        assertEquals(List.of("data=a-connection text=one@example.org",
                "data=a-connection text=two@example.org"), trace.calls("a", "mq_smtp_in_rcptto"));
        assertEquals(List.of("text=sender@example.com", "text=one@example.org", "text=two@example.org"),
                List.of(trace.details("a", "mq_smtp_in_mailfrom").get(0).split(" ", 2)[1],
                        trace.details("a", "mq_smtp_in_rcptto").get(0).split(" ", 2)[1],
                        trace.details("a", "mq_smtp_in_rcptto").get(1).split(" ", 2)[1]));

        // DATA: the whole MIME, dot-stuffing undone, with its exact size
        int size = UNSTUFFED.getBytes(StandardCharsets.UTF_8).length;
        assertEquals(List.of("size=" + size + " text=" + E2e.escaped(UNSTUFFED)), trace.details("a", "mq_smtp_in_data"));

        // one message per recipient, each with its own recipient; b sees what a added
        assertEquals(List.of(
                "data=a-connection envelope=sender@example.com recipient=one@example.org trail=none",
                "data=a-connection envelope=sender@example.com recipient=two@example.org trail=none"),
                trace.calls("a", "mq_smtp_in_message"));
        assertEquals(List.of(
                "data=b-connection envelope=sender@example.com recipient=one@example.org trail=a",
                "data=b-connection envelope=sender@example.com recipient=two@example.org trail=a"),
                trace.calls("b", "mq_smtp_in_message"));
        assertEquals(List.of("size=" + size + " mime=" + E2e.escaped(UNSTUFFED),
                "size=" + size + " mime=" + E2e.escaped(UNSTUFFED)), trace.details("a", "mq_smtp_in_message"));

        // what was published: one JSON message per recipient, with the plugins' edits
        List<ObjectNode> published = published();
        assertEquals(List.of("one@example.org", "two@example.org"),
                published.stream().map(json -> json.path("recipient").asText()).toList());
        for (ObjectNode json : published) {
            assertEquals("sender@example.com", json.path("envelope").asText());
            assertEquals(UNSTUFFED, json.path("mime").asText());
            assertEquals("a,b", json.path("trail").asText());
            if (TestReleases.connectionGeneration(release)) {
                assertEquals("127.0.0.1", json.path("connection").path("remote-ip").asText());
                assertFalse(json.path("connection").path("secure").asBoolean(true));
                assertTrue(queued.text().contains(json.path("message-id").asText() + " for " + json.path("recipient").asText()),
                        "the 250 names the id each recipient was queued under: " + queued.text());
            } else {
                assertFalse(json.has("connection") || json.has("message-id"), "3.0 has neither: " + json);
            }
        }
        assertEquals(List.of(), runtime.host().violations());
    }

    @Test
    void closeFiresWhenTheClientJustDrops() throws Exception {
        try (RawSmtpClient client = new RawSmtpClient(E2e.plainPort(runtime))) {
            assertEquals(220, client.reply().code());
            assertEquals(250, client.command("EHLO client.example").code());
            assertEquals(250, client.command("MAIL FROM:<sender@example.com>").code());
            assertEquals(250, client.command("RCPT TO:<one@example.org>").code());
        }
        trace.awaitLine("b mq_smtp_in_close ");

        assertEquals(List.of(
                "a mq_smtp_in_connect", "b mq_smtp_in_connect",
                "a mq_smtp_in_mailfrom", "b mq_smtp_in_mailfrom",
                "a mq_smtp_in_rcptto", "b mq_smtp_in_rcptto",
                "a mq_smtp_in_close", "b mq_smtp_in_close"), trace.hooks());
        assertEquals(List.of(), published());
    }

    @Test
    void aClientThatDisconnectsInTheMiddleOfDataPublishesNothing() throws Exception {
        try (RawSmtpClient client = new RawSmtpClient(E2e.plainPort(runtime))) {
            assertEquals(220, client.reply().code());
            assertEquals(250, client.command("EHLO client.example").code());
            assertEquals(250, client.command("MAIL FROM:<sender@example.com>").code());
            assertEquals(250, client.command("RCPT TO:<one@example.org>").code());
            assertEquals(354, client.command("DATA").code());
            client.write("Subject: cut short\r\n\r\nThe first line of a body that never ends.\r\n");
        }
        trace.awaitLine("b mq_smtp_in_close ");

        assertEquals(List.of(
                "a mq_smtp_in_connect", "b mq_smtp_in_connect",
                "a mq_smtp_in_mailfrom", "b mq_smtp_in_mailfrom",
                "a mq_smtp_in_rcptto", "b mq_smtp_in_rcptto",
                "a mq_smtp_in_close", "b mq_smtp_in_close"), trace.hooks());
        assertEquals(List.of(), published());

        // the same dialogue finished does publish: the queue looked at is the right one
        try (RawSmtpClient client = new RawSmtpClient(E2e.plainPort(runtime))) {
            assertEquals(220, client.reply().code());
            assertEquals(250, client.command("EHLO client.example").code());
            assertEquals(250, client.command("MAIL FROM:<sender@example.com>").code());
            assertEquals(250, client.command("RCPT TO:<one@example.org>").code());
            assertEquals(354, client.command("DATA").code());
            client.write("Subject: complete\r\n\r\nA whole body.\r\n.\r\n");
            assertEquals(250, client.reply().code());
        }
        assertEquals(List.of("Subject: complete\r\n\r\nA whole body.\r\n"),
                published().stream().map(json -> json.path("mime").asText()).toList());
    }
}
