package dev.mqkit.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.fixtures.BothGenerations;
import dev.mqkit.api.fixtures.TestReleases;
import dev.mqkit.api.json.Json;
import dev.mqkit.harness.sink.ReceivedMessage;
import dev.mqkit.runtime.MailerQRuntime;
import dev.mqkit.runtime.fixtures.Arrivals;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.runtime.fixtures.TestKit;
import dev.mqkit.runtime.fixtures.TestPlugins;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What real C plugins change with MQ_SetEnvelope, MQ_SetRecipient, MQ_SetMime and MQ_Json (3.x) or
 * MQ_setEnvelope, MQ_setRecipient, MQ_setMime and MQ_json (5.x), seen where it counts: the next
 * plugin, the wire at the SMTP sink, and the result queues.
 */
@BothGenerations
class MessageEditsE2ETest {

    private final MailerqRelease release;
    @RegisterExtension
    final E2eFixture fixture;
    private MailerQRuntime runtime;
    private final E2e.Trace trace = new E2e.Trace();

    MessageEditsE2ETest(MailerqRelease release) {
        this.release = release;
        this.fixture = new E2eFixture(release);
    }

    @BeforeEach
    void start() {
        runtime = fixture.start(TestPlugins.ordered(release, "a", "b"));
    }

    private ObjectNode success() throws InterruptedException {
        return Arrivals.take(runtime.queues(), runtime.queues().names().success(), Duration.ofSeconds(10));
    }

    @Test
    void incomingEditsArePublishedAndDelivered() throws Exception {
        TestKit.set("a", "edit-envelope", 1);
        TestKit.set("a", "edit-mime", 1);
        TestKit.set("a", "rewrite", 1);
        TestKit.set("b", "detail", 1);

        E2e.send(E2e.session(E2e.plainPort(runtime)), "sender@example.com", "edited on the way in", "one@example.org");

        ReceivedMessage delivered = fixture.sink().awaitMessages(1, Duration.ofSeconds(10)).get(0);
        ObjectNode result = success();

        // the next plugin sees the edits
        assertEquals(List.of("data=b-connection envelope=a@envelope.example recipient=a@rewritten.example trail=a"),
                trace.calls("b", "mq_smtp_in_message"));
        String seenByB = trace.details("b", "mq_smtp_in_message").get(0);
        assertTrue(seenByB.contains(" mime=X-Edited-By: a\\r\\n"), seenByB);
        assertTrue(seenByB.contains("Subject: edited on the way in\\r\\n"), seenByB);

        // what was published is what is delivered: on the wire ...
        assertEquals("a@envelope.example", delivered.envelope());
        assertEquals("a@rewritten.example", delivered.recipient());
        // ("rewrite" makes a add its own header in mq_smtp_out_data too, on top of the published MIME)
        assertTrue(delivered.mime().startsWith("X-Plugin: a\r\nX-Edited-By: a\r\n"), delivered.mime());
        assertTrue(delivered.mime().contains("Subject: edited on the way in\r\n"), delivered.mime());
        // ... mq_smtp_out_data ...
        assertEquals(List.of("envelope=a@envelope.example recipient=a@rewritten.example mime=null trail=a,b"),
                trace.calls("a", "mq_smtp_out_data"));
        // ... and in the results, with both plugins' JSON edits in and out
        assertEquals("a@envelope.example", result.path("envelope").asText());
        assertEquals("a@rewritten.example", result.path("recipient").asText());
        assertEquals("a,b,a,b", result.path("trail").asText());
        assertFalse(result.has("mime"), "mime is dropped from results without keepmime");
        assertEquals(List.of(), runtime.host().violations());
    }

    @Test
    void outgoingEditsChangeTheWireOnlyWhereTheyStillCan() throws Exception {
        TestKit.set("a", "rewrite", 1);
        TestKit.set("a", "edit-recipient", 1);
        TestKit.set("b", "detail", 1);
        String mime = "Subject: edited on the way out\r\n\r\nBody.\r\n";
        ObjectNode message = (ObjectNode) Json.MAPPER.readTree("""
                {"envelope": "sender@example.com", "recipient": "rcpt@example.org", "keepmime": true,
                 "x-custom": {"nested": [1, "two", null], "flag": true}, "x-number": 42}""");
        message.put("mime", mime);
        ObjectNode sent = message.deepCopy();

        runtime.send(message);

        ReceivedMessage delivered = fixture.sink().awaitMessages(1, Duration.ofSeconds(10)).get(0);
        ObjectNode result = success();

        // the next plugin sees the wire values a set, and a's MIME
        assertEquals(List.of("envelope=a@bounces.example recipient=a@elsewhere.example mime=set trail=a"),
                trace.calls("b", "mq_smtp_out_data"));
        assertEquals(List.of("size=" + ("X-Plugin: a\r\n" + mime).length() + " mime="
                + E2e.escaped("X-Plugin: a\r\n" + mime)), trace.details("b", "mq_smtp_out_data"));

        // the wire: a's MIME, but MAIL FROM and RCPT TO were sent before mq_smtp_out_data
        assertEquals("X-Plugin: a\r\n" + mime, delivered.mime());
        assertEquals("sender@example.com", delivered.envelope());
        assertEquals("rcpt@example.org", delivered.recipient());

        // the results: the JSON as it was, plus the plugins' JSON edits and the results
        assertEquals("sender@example.com", result.path("envelope").asText());
        assertEquals("rcpt@example.org", result.path("recipient").asText());
        assertEquals(mime, result.path("mime").asText(), "the JSON's mime is not the one a plugin sent");
        assertEquals("a,b", result.path("trail").asText());
        assertEquals(sent.get("x-custom"), result.get("x-custom"));
        assertEquals(42, result.path("x-number").asInt());
        assertEquals(1, result.path("results").size(), result.toString());
        assertEquals(TestReleases.named(release, "success", "accepted"),
                result.path("results").get(0).path(TestReleases.named(release, "type", "result")).asText());
        assertEquals(250, result.path("results").get(0).path("code").asInt());
        assertEquals(List.of(), runtime.host().violations());
    }
}
