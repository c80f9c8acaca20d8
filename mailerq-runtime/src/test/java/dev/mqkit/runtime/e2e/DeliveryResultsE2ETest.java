package dev.mqkit.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.fixtures.BothGenerations;
import dev.mqkit.api.fixtures.TestReleases;
import dev.mqkit.api.json.Json;
import dev.mqkit.harness.sink.ReceivedMessage;
import dev.mqkit.harness.sink.Stage;
import dev.mqkit.runtime.MailerQRuntime;
import dev.mqkit.runtime.fixtures.Arrivals;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.runtime.fixtures.TestKit;
import dev.mqkit.runtime.fixtures.TestPlugins;
import dev.mqkit.runtime.queue.QueueNames;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retries, failures and the results array of messages delivered by the runtime with real C plugins on mq_smtp_out_data. */
@BothGenerations
class DeliveryResultsE2ETest {

    private static final String MIME = "Subject: results\r\n\r\nBody.\r\n";

    private final MailerqRelease release;

    @RegisterExtension
    final E2eFixture fixture;
    private MailerQRuntime runtime;
    private QueueNames queues;
    private final E2e.Trace trace = new E2e.Trace();

    DeliveryResultsE2ETest(MailerqRelease release) {
        this.release = release;
        this.fixture = new E2eFixture(release);
    }

    @BeforeEach
    void start() {
        TestKit.set("a", "rewrite", 1);
        runtime = fixture.start(TestPlugins.ordered(release, "a", "b"));
        queues = runtime.queues().names();
    }

    private static ObjectNode message() throws Exception {
        ObjectNode message = (ObjectNode) Json.MAPPER.readTree("""
                {"envelope": "sender@example.com", "recipient": "rcpt@example.org",
                 "x-custom": {"nested": [1, "two", null]}, "x-number": 42}""");
        message.put("mime", MIME);
        return message;
    }

    /** The entry as the played release writes it: 3.0 attempt/type/state, 4.0+ state/result. */
    private void assertEntry(JsonNode entry, int attempt, String type, String state30, String result, String state513) {
        if (TestReleases.connectionGeneration(release)) {
            assertEquals(result, entry.path("result").asText(), entry.toString());
            assertEquals(state513, entry.path("state").asText(), entry.toString());
            assertFalse(entry.has("attempt") || entry.has("type"), entry.toString());
        } else {
            assertEquals(attempt, entry.path("attempt").asInt(), entry.toString());
            assertEquals(type, entry.path("type").asText(), entry.toString());
            assertEquals(state30, entry.path("state").asText(), entry.toString());
        }
    }

    private static void assertCustomKept(JsonNode json) throws Exception {
        assertEquals(message().get("x-custom"), json.get("x-custom"), json.toString());
        assertEquals(42, json.path("x-number").asInt(), json.toString());
    }

    @Test
    void aTemporaryFailureIsRetriedThenSucceeds() throws Exception {
        fixture.sink().when(Stage.MESSAGE).times(1).reply(451, "4.3.0 try again later");

        runtime.send(message());

        ObjectNode result = Arrivals.take(runtime.queues(), queues.success(), Duration.ofSeconds(10));
        JsonNode results = result.path("results");
        assertEquals(2, results.size(), result.toString());
        assertEntry(results.get(0), 1, "error", "received", "error", "message");
        assertEquals(451, results.get(0).path("code").asInt());
        assertEquals("4.3.0", results.get(0).path("status").asText());
        assertEntry(results.get(1), 2, "success", "accept", "accepted", "message");
        assertEquals(250, results.get(1).path("code").asInt());
        assertCustomKept(result);
        assertFalse(result.has("mime"));

        List<ObjectNode> retried = runtime.queues().snapshot(queues.retry());
        assertEquals(1, retried.size(), retried.toString());
        assertEquals(1, retried.get(0).path("results").size());
        assertCustomKept(retried.get(0));
        assertEquals(List.of(result), runtime.queues().snapshot(queues.results()));
        assertEquals(List.of(), runtime.queues().snapshot(queues.failure()));

        // mq_smtp_out_data ran for each attempt, each time without the MIME set the time before
        List<String> calls = trace.calls("a", "mq_smtp_out_data");
        assertEquals(2, calls.size(), calls.toString());
        assertTrue(calls.stream().allMatch(call -> call.contains(" mime=null ")), calls.toString());
        assertEquals(2, trace.calls("b", "mq_smtp_out_data").size());
        ReceivedMessage delivered = fixture.sink().awaitMessages(1, Duration.ofSeconds(1)).get(0);
        assertEquals("X-Plugin: a\r\n" + MIME, delivered.mime(), "the retry sends the plugin's MIME again, once");
        assertEquals(List.of(), runtime.host().violations());
    }

    @Test
    void aPermanentFailureGoesToTheFailureQueue() throws Exception {
        fixture.sink().when(Stage.RCPT).reply(550, "5.1.1 no such user");

        runtime.send(message());

        ObjectNode result = Arrivals.take(runtime.queues(), queues.failure(), Duration.ofSeconds(10));
        JsonNode results = result.path("results");
        assertEquals(1, results.size(), result.toString());
        assertEntry(results.get(0), 1, "error", "rcpt to", "error", "rcptto");
        assertEquals(550, results.get(0).path("code").asInt());
        assertEquals("5.1.1", results.get(0).path("status").asText());
        assertEquals("127.0.0.1", results.get(0).path("to").asText());
        assertCustomKept(result);
        assertFalse(result.has("mime"));
        assertEquals(List.of(result), runtime.queues().snapshot(queues.results()));
        assertEquals(List.of(), runtime.queues().snapshot(queues.success()));
        assertEquals(List.of(), runtime.queues().snapshot(queues.retry()));
        assertEquals(List.of(), trace.calls("a", "mq_smtp_out_data"), "no DATA, so no mq_smtp_out_data");
        assertEquals(List.of(), fixture.sink().messages());
    }

    @Test
    void aPermanentFailureAfterTheDataKeepsThePluginsJsonEdits() throws Exception {
        fixture.sink().when(Stage.MESSAGE).reply(554, "5.7.1 rejected by policy");

        runtime.send(message());

        ObjectNode result = Arrivals.take(runtime.queues(), queues.failure(), Duration.ofSeconds(10));
        JsonNode results = result.path("results");
        assertEquals(1, results.size(), result.toString());
        assertEquals(554, results.get(0).path("code").asInt());
        assertEquals("5.7.1", results.get(0).path("status").asText());
        assertEquals("a,b", result.path("trail").asText());
        assertCustomKept(result);
        assertEquals(1, trace.calls("a", "mq_smtp_out_data").size());
        assertEquals(List.of(), runtime.queues().snapshot(queues.retry()));
    }

    @Test
    void temporaryFailuresUpToMaxattemptsEndInTheFailureQueue() throws Exception {
        fixture.sink().when(Stage.MAIL).reply(421, "4.7.0 busy");
        ObjectNode message = message();
        message.put("maxattempts", 2);

        runtime.send(message);

        ObjectNode result = Arrivals.take(runtime.queues(), queues.failure(), Duration.ofSeconds(10));
        assertEquals(2, result.path("results").size(), result.toString());
        for (JsonNode entry : result.path("results")) {
            assertEquals(421, entry.path("code").asInt());
            assertEquals(TestReleases.named(release, "mail from", "mailfrom"), entry.path("state").asText());
        }
        assertEquals(1, runtime.queues().snapshot(queues.retry()).size());
        assertCustomKept(result);
    }

    @Test
    void unknownPropertiesOfEveryKindAreKeptThroughThePlugins() throws Exception {
        ObjectNode message = message();
        JsonNode custom = Json.MAPPER.readTree("""
                {"text": "quote \\" backslash \\\\ slash / tab \\t newline \\n nul \\u0000 end",
                 "unicode": "Grüße 東京 🙂", "empty": "", "object": {}, "array": [],
                 "deep": {"a": {"b": {"c": [1, [2, [3, {"d": null}]]]}}},
                 "int": -17, "long": 9007199254740993,
                 "double": 0.1, "tiny": 1.0E-7, "yes": true, "no": false, "nothing": null}""");
        message.set("x-kinds", custom);
        // (not kept: integers beyond 64 bits, which json-c and libfastjson, the libraries of MQ_json, clamp when
        // they parse)

        runtime.send(message);

        ObjectNode result = Arrivals.take(runtime.queues(), queues.success(), Duration.ofSeconds(10));
        if (release.fastjson()) {
            // libfastjson, MQ_json's library from 5.0, ends a string at a NUL, as it does in MailerQ
            ((ObjectNode) custom).put("text", "quote \" backslash \\ slash / tab \t newline \n nul ");
        }
        assertEquals(custom, result.get("x-kinds"));
        assertEquals(1, trace.calls("a", "mq_smtp_out_data").size(), "the JSON went through a plugin");
    }
}
