package dev.mqkit.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.fixtures.TestReleases;
import dev.mqkit.api.json.Json;
import dev.mqkit.harness.sink.ReceivedMessage;
import dev.mqkit.harness.sink.Stage;
import dev.mqkit.runtime.MailerQRuntime;
import dev.mqkit.runtime.fixtures.Arrivals;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.runtime.fixtures.TestKit;
import dev.mqkit.runtime.fixtures.TestPlugins;
import dev.mqkit.runtime.smtp.server.RawSmtpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What only the 4.0-5.13 plugin API has, end to end with MailerQ 5.13 and two real C plugins:
 * MQ_Address and MQ_email for MAIL FROM, RCPT TO and the message's envelope, MQ_local and
 * MQ_setLocal, and mq_smtp_out_sent on the way out.
 */
class ConnectionGenerationE2ETest {

    private static final MailerqRelease RELEASE = TestReleases.MAILERQ_5_13;
    private static final String MIME = "Subject: sent\r\n\r\nBody.\r\n";

    @RegisterExtension
    final E2eFixture fixture = new E2eFixture(RELEASE);
    private MailerQRuntime runtime;
    private final E2e.Trace trace = new E2e.Trace();

    private void startKeepingTheInbox() {
        runtime = fixture.startKeepingTheInbox(TestPlugins.ordered(RELEASE, "a", "b"));
    }

    private static void transaction(RawSmtpClient client, String from, String to) throws Exception {
        assertEquals(250, client.command("MAIL FROM:<" + from + ">").code());
        assertEquals(250, client.command("RCPT TO:<" + to + ">").code());
        assertEquals(354, client.command("DATA").code());
        client.write(MIME + ".\r\n");
        assertEquals(250, client.reply().code());
    }

    @Test
    void mqEmailGivesTheAddressesOfMailFromRcptToAndTheEnvelopeAndNullForTheEmptySender() throws Exception {
        startKeepingTheInbox();
        try (RawSmtpClient client = new RawSmtpClient(E2e.plainPort(runtime))) {
            assertEquals(220, client.reply().code());
            assertEquals(250, client.command("EHLO client.example").code());
            transaction(client, "sender@example.com", "one@example.org");
            transaction(client, "", "two@example.org");
            assertEquals(221, client.command("QUIT").code());
        }
        trace.awaitLine("b mq_smtp_in_close ");

        assertEquals(List.of("data=a-connection text=sender@example.com", "data=a-connection text=(null)"),
                trace.calls("a", "mq_smtp_in_mailfrom"));
        assertEquals(List.of("data=b-connection text=sender@example.com", "data=b-connection text=(null)"),
                trace.calls("b", "mq_smtp_in_mailfrom"));
        assertEquals(List.of("data=a-connection text=one@example.org", "data=a-connection text=two@example.org"),
                trace.calls("a", "mq_smtp_in_rcptto"));
        // MQ_email(MQ_envelope(message)) in mq_smtp_in_message
        assertEquals(List.of("data=a-connection envelope=sender@example.com recipient=one@example.org trail=none",
                "data=a-connection envelope=(null) recipient=two@example.org trail=none"),
                trace.calls("a", "mq_smtp_in_message"));
        assertEquals(List.of("sender@example.com", ""),
                runtime.queues().snapshot("inbox").stream().map(json -> json.path("envelope").asText()).toList());
        assertEquals(List.of(), runtime.host().violations());
    }

    @Test
    void aMessageSetLocalGoesToTheLocalQueueAndNotTheInbox() throws Exception {
        TestKit.set("a", "local", 1);
        TestKit.set("b", "local", 1);
        startKeepingTheInbox();

        E2e.send(E2e.session(E2e.plainPort(runtime)), "sender@example.com", "set local", "one@example.org");

        ObjectNode local = Arrivals.take(runtime.queues(), "local", Duration.ofSeconds(10));
        assertEquals("one@example.org", local.path("recipient").asText(), local.toString());
        assertEquals("a,b", local.path("trail").asText(), "the plugins' edits go with it: " + local);
        assertEquals(List.of(), runtime.queues().snapshot("inbox"));
        // MQ_local starts false; b sees what a set
        assertEquals(List.of("a local before=0", "b local before=1"),
                trace.all().stream().filter(line -> line.matches("[ab] local .*")).toList());

        // a message nobody sets local goes to the inbox: the queue looked at is the right one
        TestKit.set("a", "local", 0);
        TestKit.set("b", "local", 0);
        E2e.send(E2e.session(E2e.plainPort(runtime)), "sender@example.com", "not local", "two@example.org");
        assertEquals("two@example.org", Arrivals.take(runtime.queues(), "inbox", Duration.ofSeconds(10)).path("recipient")
                .asText());
        assertEquals(List.of(), runtime.queues().snapshot("local"));
        assertEquals(List.of(), runtime.host().violations());
    }

    @Test
    void outSentRunsAfterOutDataSeesItsMimeAndEndsBeforeTheReplyIsHandled() throws Exception {
        TestKit.set("a", "rewrite", 1);
        TestKit.set("b", "detail", 1);
        // a takes control in mq_smtp_out_sent: b's runs, and the delivery ends, only after a's timer
        TestKit.script("a", "mq_smtp_out_sent", TestKit.Action.TIMER_CONTINUE, 100);
        runtime = fixture.start(TestPlugins.ordered(RELEASE, "a", "b"));
        ObjectNode message = (ObjectNode) Json.MAPPER.readTree(
                "{\"envelope\": \"sender@example.com\", \"recipient\": \"rcpt@example.org\"}");
        message.put("mime", MIME);

        runtime.send(message);

        ObjectNode result = Arrivals.take(runtime.queues(), runtime.queues().names().success(), Duration.ofSeconds(10));
        // taken once the result was published: the reply to the MIME was handled after the chain ended
        List<String> lines = trace.all();
        assertEquals(List.of("a mq_smtp_out_data", "b mq_smtp_out_data", "a mq_smtp_out_sent", "b mq_smtp_out_sent"),
                E2e.Trace.hooks(lines));
        int handedBack = lines.indexOf("a timer fired for mq_smtp_out_sent");
        assertTrue(handedBack >= 0 && handedBack < indexOfFirst(lines, "b mq_smtp_out_sent "), lines.toString());

        // b's mq_smtp_out_sent sees the MIME a set in mq_smtp_out_data, which went over the wire
        String wire = "X-Plugin: a\r\n" + MIME;
        List<String> seen = trace.calls("b", "mq_smtp_out_sent");
        assertEquals(1, seen.size(), seen.toString());
        assertTrue(seen.get(0).endsWith(" recipient=rcpt@example.org mime=set trail=a,b"), seen.get(0));
        assertEquals(List.of("size=" + wire.length() + " mime=" + E2e.escaped(wire)),
                trace.details("b", "mq_smtp_out_sent"));
        ReceivedMessage delivered = fixture.sink().awaitMessages(1, Duration.ofSeconds(1)).get(0);
        assertEquals(wire, delivered.mime());
        // it leaves the message alone: the JSON has out_data's edits only
        assertEquals("a,b", result.path("trail").asText(), result.toString());
        assertEquals(List.of(), runtime.host().violations());
    }

    @Test
    void aReplyToTheMimeThatCameWhileOutSentRanDecidesEvenWhenThePeerClosesRightAfter() throws Exception {
        // the peer answers the MIME 421 and closes while a's mq_smtp_out_sent holds control for 200 ms
        fixture.sink().when(Stage.MESSAGE).reply(421, "4.3.2 closing for maintenance").times(1);
        TestKit.script("a", "mq_smtp_out_sent", TestKit.Action.TIMER_CONTINUE, 200);
        runtime = fixture.start(TestPlugins.ordered(RELEASE, "a", "b"));
        ObjectNode message = (ObjectNode) Json.MAPPER.readTree(
                "{\"envelope\": \"sender@example.com\", \"recipient\": \"rcpt@example.org\"}");
        message.put("mime", MIME);

        runtime.send(message);

        ObjectNode retry = Arrivals.take(runtime.queues(), runtime.queues().names().retry(), Duration.ofSeconds(10));
        ObjectNode entry = (ObjectNode) retry.get("results").get(0);
        // the reply, not the close that followed it
        assertEquals(421, entry.path("code").asInt(), entry.toString());
        assertEquals("closing for maintenance", entry.path("description").asText(), entry.toString());
        assertEquals(List.of("a mq_smtp_out_data", "b mq_smtp_out_data", "a mq_smtp_out_sent", "b mq_smtp_out_sent"),
                E2e.Trace.hooks(trace.all()));
    }

    private static int indexOfFirst(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with " + prefix + " in " + lines);
    }
}
