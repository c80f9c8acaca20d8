package it.tally;

import static dev.mqkit.test.MailerQAssertions.assertDeliveredTo;
import static dev.mqkit.test.MailerQAssertions.assertHookCalled;
import static dev.mqkit.test.MailerQAssertions.assertNoViolations;
import static dev.mqkit.test.MailerQAssertions.assertReply;
import static dev.mqkit.test.MailerQAssertions.awaitHookFinished;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.harness.Trace;
import dev.mqkit.api.harness.TraceCodec;
import dev.mqkit.harness.MailerQ;
import dev.mqkit.harness.SmtpClient;
import dev.mqkit.harness.sink.ReceivedMessage;
import dev.mqkit.harness.sink.Stage;
import dev.mqkit.runtime.control.HookTrace;
import dev.mqkit.test.MailerQTest;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every hook of the C++ plugin, end to end, a delivery that the sink first refuses after the message
 * (mq_smtp_out_data runs again on the retry, the results show both attempts), and the transcript in
 * the assertion failures.
 */
@MailerQTest(config = "workers=1")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TallyIT {

    static final String PLUGIN = "30-exercise-cpp.so";
    static final String MIME = "Subject: tally\r\n\r\ncounted\r\n";
    /** Whether the runtime plays the release's 4.0+ API (MQ_continue(connection)), as the plugin was built for. */
    static boolean connectionApi(MailerQ mailerq) {
        return mailerq.release().generation() == MailerqRelease.Generation.CONNECTION;
    }

    @Test
    @Order(1)
    void everyHookOfOneSession(MailerQ mailerq) {
        try (SmtpClient smtp = mailerq.smtp()) {
            assertReply(250, smtp.ehlo("client.example"));
            assertReply(220, smtp.startTls());
            assertReply(250, smtp.ehlo("client.example"));
            assertReply(235, smtp.authPlain("bob", "hunter2"));
            assertReply(250, smtp.send("Carol@Example.COM", List.of("x@one.example", "y@one.example"), MIME));
            assertReply(221, smtp.quit());
        }

        for (ReceivedMessage message : assertDeliveredTo(mailerq, "x@one.example", "y@one.example")) {
            String tally = "init=1 connection=1 tls=1 login=bob from=carol@example.com of=2 domain=2 bytes=";
            assertTrue(message.mime().startsWith("X-Tally: " + tally), message.mime());
            assertTrue(message.mime().contains("\r\nX-Out-Data-Call: 1\r\nSubject: tally\r\n"), message.mime());
        }
        for (int i = 0; i < 2; i++) {
            ObjectNode result = mailerq.results().take();
            assertTrue(result.path("x-tally").asText().contains(" of=2 "), result.toString());
            assertEquals(1, result.path("results").size(), result.toString());
            assertEquals(connectionApi(mailerq) ? "accepted" : "success",
                    result.path("results").get(0).path(connectionApi(mailerq) ? "result" : "type").asText(), result.toString());
        }

        awaitHookFinished(mailerq, PLUGIN, "mq_smtp_in_close");
        for (String hook : List.of("mq_initialize", "mq_context_initialize", "mq_smtp_in_connect",
                "mq_smtp_in_secure", "mq_smtp_in_authenticate", "mq_smtp_in_data", "mq_smtp_in_close")) {
            assertEquals(1, assertHookCalled(mailerq, PLUGIN, hook).size(), hook);
        }
        Trace.Call mailfrom = assertHookCalled(mailerq, PLUGIN, "mq_smtp_in_mailfrom").get(0);
        assertEquals("Carol@Example.COM", mailfrom.arguments());
        assertEquals(connectionApi(mailerq) ? "MQ_continue" : "MQ_Continue", mailfrom.handBackFunction(), mailfrom.toString());
        assertEquals(2, assertHookCalled(mailerq, PLUGIN, "mq_smtp_in_rcptto").size());
        assertEquals(2, assertHookCalled(mailerq, PLUGIN, "mq_smtp_in_message").size());
        assertEquals(2, assertHookCalled(mailerq, PLUGIN, "mq_smtp_out_data").size());
        if (connectionApi(mailerq)) {
            assertEquals(2, assertHookCalled(mailerq, PLUGIN, "mq_smtp_out_sent").size());
        }
        List<String> order = mailerq.trace().stream().filter(call -> call.plugin().equals(PLUGIN))
                .map(Trace.Call::hook).filter(hook -> hook.startsWith("mq_smtp_in_")).toList();
        assertEquals(List.of("mq_smtp_in_connect", "mq_smtp_in_secure", "mq_smtp_in_authenticate",
                "mq_smtp_in_mailfrom", "mq_smtp_in_rcptto", "mq_smtp_in_rcptto", "mq_smtp_in_data",
                "mq_smtp_in_message", "mq_smtp_in_message", "mq_smtp_in_close"), order);
        assertNoViolations(mailerq);
    }

    @Test
    @Order(2)
    void aRefusedMessageIsRetriedAndOutDataRunsAgain(MailerQ mailerq) {
        mailerq.sink().when(Stage.MESSAGE).times(1).reply(451, "4.3.0 try again later");
        mailerq.sendToOutbox("{\"envelope\":\"carol@example.com\",\"recipient\":\"z@two.example\","
                + "\"mime\":\"Subject: retried\\r\\n\\r\\nagain\\r\\n\",\"x-tally\":\"from the outbox\"}");

        ObjectNode result = mailerq.results().take();
        JsonNode attempts = result.path("results");
        assertEquals(2, attempts.size(), result.toString());
        assertEquals(451, attempts.get(0).path("code").asInt(), result.toString());
        // the 451 came after the message: 3.0 calls that state "received", 4.0 and later "message"
        assertEquals(connectionApi(mailerq) ? "message" : "received", attempts.get(0).path("state").asText(), result.toString());
        assertEquals(connectionApi(mailerq) ? "accepted" : "success",
                attempts.get(1).path(connectionApi(mailerq) ? "result" : "type").asText(), result.toString());
        assertEquals("from the outbox", result.path("x-tally").asText(), "unknown properties are kept");

        // the sink saw the refused attempt and the second one: mq_smtp_out_data ran for each
        ReceivedMessage delivered = assertDeliveredTo(mailerq, "z@two.example").get(0);
        assertTrue(delivered.mime().startsWith("X-Tally: from the outbox\r\nX-Out-Data-Call: 2\r\nSubject: retried"),
                delivered.mime());
        List<Trace.Call> out = assertHookCalled(mailerq, PLUGIN, "mq_smtp_out_data").stream()
                .filter(call -> call.message().path("recipient").asText().equals("z@two.example")).toList();
        assertEquals(2, out.size(), out.toString());
        if (connectionApi(mailerq)) {
            // 4.0+: the refused attempt's MIME went out too, so mq_smtp_out_sent ran for both (2 of the first test)
            assertEquals(4, assertHookCalled(mailerq, PLUGIN, "mq_smtp_out_sent").size(), mailerq.trace().toString());
        }
        assertNoViolations(mailerq);
    }

    @Test
    @Order(3)
    void assertionFailuresShowTheTranscript(MailerQ mailerq) {
        try (SmtpClient smtp = mailerq.smtp()) {
            assertReply(250, smtp.ehlo("transcript.example"));
            AssertionError refused = assertThrows(AssertionError.class,
                    () -> assertReply(250, smtp.rcptTo("nobody@example.org")));
            assertTrue(refused.getMessage().contains("C: EHLO transcript.example"), refused.getMessage());
            assertTrue(refused.getMessage().contains("C: RCPT TO:<nobody@example.org>"), refused.getMessage());
            assertTrue(refused.getMessage().contains("S: 5"), refused.getMessage());

            AssertionError notCalled = assertThrows(AssertionError.class,
                    () -> assertHookCalled(mailerq, "99-absent.so", "mq_smtp_in_connect"));
            assertTrue(notCalled.getMessage().contains("mq_smtp_in_connect of 99-absent.so was not called"),
                    notCalled.getMessage());
            assertTrue(notCalled.getMessage().contains("C: EHLO transcript.example"), notCalled.getMessage());
            assertTrue(mailerq.fail("on purpose").getMessage().contains("C: EHLO transcript.example"));
        }
    }

    @Test
    @Order(4)
    void cleanUpHooksAtTheStop(MailerQ mailerq) {
        assertEquals(List.of(), mailerq.stop(), "a clean stop");
        JsonNode trace = mailerq.process().finalTrace().orElseThrow(() -> mailerq.fail("no final trace"));
        List<String> hooks = TraceCodec.calls(trace.path("calls")).stream().filter(call -> call.plugin().equals(PLUGIN))
                .map(Trace.Call::hook).toList();
        assertEquals(List.of("mq_context_cleanup", "mq_cleanup"), hooks.subList(hooks.size() - 2, hooks.size()),
                hooks.toString());
    }
}
