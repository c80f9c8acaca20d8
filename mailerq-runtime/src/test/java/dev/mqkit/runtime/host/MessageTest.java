package dev.mqkit.runtime.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mqkit.api.Hook;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.fixtures.BothGenerations;
import dev.mqkit.api.json.Json;
import dev.mqkit.runtime.fixtures.TestKit;
import dev.mqkit.runtime.fixtures.TestPlugins;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MQ_Message: the JSON through json-c (3.x) or libfastjson (5.x), and the different meaning of its
 * accessors in and out.
 */
@BothGenerations
class MessageTest {

    private static final String MESSAGE = "{\"envelope\":\"sender@example.com\",\"recipient\":\"rcpt@example.org\","
            + "\"mime\":\"Subject: hi\\r\\n\\r\\nbody\\r\\n\",\"custom\":{\"kept\":[1,2]}}";

    private final MailerqRelease release;
    private PluginHost host;
    private NativeConnection connection;

    MessageTest(MailerqRelease release) {
        this.release = release;
    }

    @BeforeEach
    void start() {
        TestKit.reset();
        host = PluginHost.start(PluginHostSettings.of(TestPlugins.ordered(release, "a", "b")).withRelease(release)
                .withWorkers(1).withHandBackTimeout(Duration.ofSeconds(5)));
        connection = host.openConnection(42, bytes -> bytes.length);
        TestKit.take();
    }

    @AfterEach
    void stop() {
        connection.close();
        host.close();
    }

    private void run(Hook hook, NativeMessage message) throws Exception {
        host.workers().get(0).run(hook, HookArguments.message(connection, message)).get(5, TimeUnit.SECONDS);
    }

    @Test
    void jsonChangesAreSeenByTheNextPluginAndKept() throws Exception {
        try (NativeMessage message = NativeMessage.incoming(host, MESSAGE, false)) {
            run(Hook.SMTP_IN_MESSAGE, message);

            JsonNode result = Json.MAPPER.readTree(message.json());
            assertEquals("a,b", result.get("trail").asText());
            assertEquals(Json.MAPPER.readTree("{\"kept\":[1,2]}"), result.get("custom"), "unknown properties are kept");
        }
        List<String> trace = TestKit.take();
        assertTrue(trace.get(0).endsWith("envelope=sender@example.com recipient=rcpt@example.org trail=none"),
                trace.get(0));
        assertTrue(trace.get(1).endsWith("trail=a"), "b saw a's change: " + trace.get(1));
    }

    @Test
    void incomingSettersChangeTheJson() throws Exception {
        TestKit.set("a", "rewrite", 1);
        try (NativeMessage message = NativeMessage.incoming(host, MESSAGE, false)) {
            run(Hook.SMTP_IN_MESSAGE, message);

            assertEquals("a@rewritten.example", Json.MAPPER.readTree(message.json()).get("recipient").asText());
        }
        assertTrue(TestKit.take().get(1).contains("recipient=a@rewritten.example"));
    }

    @Test
    void outgoingSettersChangeTheWireButNotTheJson() throws Exception {
        TestKit.set("a", "rewrite", 1);
        try (NativeMessage message = NativeMessage.outgoing(host, MESSAGE, "sender@example.com", "rcpt@example.org", null)) {
            run(Hook.SMTP_OUT_DATA, message);

            assertEquals("X-Plugin: a\r\nSubject: hi\r\n\r\nbody\r\n",
                    new String(message.mime(), StandardCharsets.UTF_8));
            assertEquals("a@bounces.example", message.envelope());
            assertEquals("rcpt@example.org", message.recipient());
            JsonNode json = Json.MAPPER.readTree(message.json());
            assertEquals("sender@example.com", json.get("envelope").asText(), "the JSON keeps the original");
            assertEquals("a,b", json.get("trail").asText(), "the plugins' JSON edits are kept for the results");
        }
        List<String> trace = TestKit.take();
        assertEquals("a mq_smtp_out_data envelope=sender@example.com recipient=rcpt@example.org mime=null trail=none",
                trace.get(0));
        assertEquals("b mq_smtp_out_data envelope=a@bounces.example recipient=rcpt@example.org mime=set trail=a",
                trace.get(1));
    }

    @Test
    void anUntouchedMessageKeepsItsText() {
        try (NativeMessage message = NativeMessage.outgoing(host, MESSAGE, "s@example.com", "r@example.com", null)) {
            assertEquals(MESSAGE, message.json());
            assertNull(message.mime(), "the MIME (MQ_Mime, MQ_mime) is NULL on the way out unless a plugin set it");
        }
    }

    @Test
    void openedJsonIsEmptyUntilAPluginOpensIt() throws Exception {
        try (NativeMessage message = NativeMessage.incoming(host, MESSAGE, false)) {
            assertTrue(message.openedJson().isEmpty(), "handed in, not opened");
            run(Hook.SMTP_IN_MESSAGE, message);
            assertEquals("a,b", Json.MAPPER.readTree(message.openedJson().orElseThrow()).get("trail").asText());
        }
        TestKit.take();
    }

    @Test
    void aMessageNoPluginOpenedHasNoOpenedJson() throws Exception {
        TestKit.set("a", "leave-message", 1);
        TestKit.set("b", "leave-message", 1);
        try (NativeMessage incoming = NativeMessage.incoming(host, MESSAGE, false);
             NativeMessage outgoing = NativeMessage.outgoing(host, MESSAGE, "s@example.com", "r@example.com", null)) {
            run(Hook.SMTP_IN_MESSAGE, incoming);
            run(Hook.SMTP_OUT_DATA, outgoing);
            assertTrue(incoming.openedJson().isEmpty());
            assertTrue(outgoing.openedJson().isEmpty());
            assertEquals(MESSAGE, incoming.json());
        }
        assertEquals(4, TestKit.take().size());
    }
}
