package it.exercise;

import static dev.mqkit.test.MailerQAssertions.assertDeliveredTo;
import static dev.mqkit.test.MailerQAssertions.assertHookCalled;
import static dev.mqkit.test.MailerQAssertions.assertNoViolations;
import static dev.mqkit.test.MailerQAssertions.assertReply;
import static dev.mqkit.test.MailerQAssertions.awaitHookFinished;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.harness.Trace;
import dev.mqkit.api.harness.TraceCodec;
import dev.mqkit.harness.MailerQ;
import dev.mqkit.harness.SmtpClient;
import dev.mqkit.harness.sink.ReceivedMessage;
import dev.mqkit.runtime.control.HookTrace;
import dev.mqkit.test.MailerQTest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Every hook of the C plugin, end to end: through the SMTP replies, the sink, the queues and the hook trace. */
@MailerQTest(config = "workers=1")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StampIT {

    static final String PLUGIN = "20-exercise-c.so";
    static final String FROM = "a@example.com";
    static final String MIME = "Subject: hi\r\n\r\nhello\r\n";
    /** Whether the runtime plays the release's 4.0+ API (MQ_continue(connection)), as the plugin was built for. */
    static boolean connectionApi(MailerQ mailerq) {
        return mailerq.release().generation() == MailerqRelease.Generation.CONNECTION;
    }

    @Test
    @Order(1)
    void everyHookOfOneSession(MailerQ mailerq) {
        try (SmtpClient smtp = mailerq.smtp()) {
            assertReply(250, smtp.ehlo("client.example"));
            assertReply(220, smtp.startTls());                         // mq_smtp_in_secure
            assertReply(250, smtp.ehlo("client.example"));
            assertReply(535, smtp.authPlain("alice", "wrong"));        // mq_smtp_in_authenticate says no
            assertReply(235, smtp.authPlain("alice", "s3cret"));       // and yes
            assertReply(250, smtp.send(FROM, List.of("b@example.org", "c@example.net"), MIME));
            assertReply(221, smtp.quit());
        }

        // mq_smtp_in_message per recipient wrote x-stamp, mq_smtp_out_data put it in a header
        String stamp = "init=1 connection=1 secure=1 login=alice from=a@example.com recipients=2 bytes=";
        for (ReceivedMessage message : assertDeliveredTo(mailerq, "b@example.org", "c@example.net")) {
            assertTrue(message.mime().startsWith("X-Exercised: yes\r\nX-Stamp: " + stamp), message.mime());
            assertTrue(message.mime().endsWith(MIME), message.mime());
        }
        // …and the JSON that went through the queues keeps it, one message per recipient
        Map<String, ObjectNode> results = new TreeMap<>();
        for (int i = 0; i < 2; i++) {
            ObjectNode result = mailerq.results().take();
            results.put(result.path("recipient").asText(), result);
        }
        assertEquals(List.of("b@example.org", "c@example.net"), List.copyOf(results.keySet()));
        for (ObjectNode result : results.values()) {
            assertTrue(result.path("x-stamp").asText().startsWith(stamp), result.toString());
            assertEquals(connectionApi(mailerq) ? "accepted" : "success",
                    result.path("results").get(0).path(connectionApi(mailerq) ? "result" : "type").asText(), result.toString());
        }

        // the hook trace: every hook, in the order of the dialogue, with what it received
        awaitHookFinished(mailerq, PLUGIN, "mq_smtp_in_close");
        assertEquals(1, assertHookCalled(mailerq, PLUGIN, "mq_initialize").size());
        assertEquals(1, assertHookCalled(mailerq, PLUGIN, "mq_context_initialize").size());
        Trace.Call connect = single(mailerq, "mq_smtp_in_connect");
        Trace.Call secure = single(mailerq, "mq_smtp_in_secure");
        List<Trace.Call> auth = assertHookCalled(mailerq, PLUGIN, "mq_smtp_in_authenticate");
        assertEquals(2, auth.size());
        assertTrue(auth.get(1).arguments().startsWith("login=alice password="), auth.get(1).toString());
        assertFalse(auth.get(1).arguments().contains("s3cret"), "the password is masked in the trace");
        Trace.Call mailfrom = single(mailerq, "mq_smtp_in_mailfrom");
        assertEquals(FROM, mailfrom.arguments());
        List<Trace.Call> rcpt = assertHookCalled(mailerq, PLUGIN, "mq_smtp_in_rcptto");
        assertEquals(List.of("b@example.org", "c@example.net"), rcpt.stream().map(Trace.Call::arguments).toList());
        for (Trace.Call call : rcpt) {
            assertEquals(Boolean.TRUE, call.returned(), call.toString());
            assertEquals(connectionApi(mailerq) ? "MQ_continue" : "MQ_Continue", call.handBackFunction(), call.toString());
            assertFalse(call.early(), "handed back from the timer, after the hook returned: " + call);
        }
        Trace.Call data = single(mailerq, "mq_smtp_in_data");
        assertTrue(data.arguments().startsWith("Subject: hi"), data.toString());
        List<Trace.Call> message = assertHookCalled(mailerq, PLUGIN, "mq_smtp_in_message");
        assertEquals(List.of("b@example.org", "c@example.net"),
                message.stream().map(call -> call.message().path("recipient").asText()).toList());
        List<Trace.Call> out = assertHookCalled(mailerq, PLUGIN, "mq_smtp_out_data");
        assertEquals(2, out.size());
        for (Trace.Call call : out) {
            // the JSON before the hook: x-stamp from mq_smtp_in_message, the MIME not yet stamped
            assertTrue(call.message().path("x-stamp").asText().startsWith(stamp), call.toString());
            assertTrue(call.message().path("mime").asText().startsWith("Subject: hi"), call.toString());
        }
        if (connectionApi(mailerq)) {
            // 4.0+: mq_smtp_out_sent after each mq_smtp_out_data, once the stamped MIME went out
            List<Trace.Call> sent = assertHookCalled(mailerq, PLUGIN, "mq_smtp_out_sent");
            assertEquals(2, sent.size(), sent.toString());
            for (int i = 0; i < 2; i++) {
                assertTrue(out.get(i).seq() < sent.get(i).seq(), "out of order: " + mailerq.trace());
            }
        }
        Trace.Call close = single(mailerq, "mq_smtp_in_close");
        long[] order = {connect.seq(), secure.seq(), auth.get(0).seq(), auth.get(1).seq(), mailfrom.seq(),
                rcpt.get(0).seq(), rcpt.get(1).seq(), data.seq(), message.get(0).seq(), message.get(1).seq()};
        for (int i = 1; i < order.length; i++) {
            assertTrue(order[i - 1] < order[i], "hooks out of order: " + mailerq.trace());
        }
        assertTrue(message.get(1).seq() < close.seq() && message.get(0).seq() < out.get(0).seq(), mailerq.trace()
                .toString());
        for (Trace.Call call : mailerq.trace()) {
            assertTrue(call.finished(), "control is back everywhere: " + call);
        }
        assertNoViolations(mailerq);
    }

    /** The clean-up hooks run when the runtime stops: they show in its final trace. */
    @Test
    @Order(2)
    void cleanUpHooksAtTheStop(MailerQ mailerq) {
        assertEquals(List.of(), mailerq.stop(), "a clean stop");
        JsonNode trace = mailerq.process().finalTrace().orElseThrow(() -> mailerq.fail("no final trace"));
        List<Trace.Call> calls = TraceCodec.calls(trace.path("calls")).stream()
                .filter(call -> call.plugin().equals(PLUGIN)).toList();
        List<String> hooks = calls.stream().map(Trace.Call::hook).toList();
        int contextCleanup = hooks.indexOf("mq_context_cleanup");
        int cleanup = hooks.indexOf("mq_cleanup");
        assertTrue(contextCleanup > hooks.lastIndexOf("mq_smtp_in_close") && cleanup > contextCleanup,
                "mq_context_cleanup, then mq_cleanup, last: " + hooks);
        assertEquals(Boolean.FALSE, calls.get(contextCleanup).returned());
        assertEquals(0, trace.path("violations").size(), trace.path("violations").toString());
    }

    private static Trace.Call single(MailerQ mailerq, String hook) {
        List<Trace.Call> calls = assertHookCalled(mailerq, PLUGIN, hook);
        if (calls.size() != 1) {
            throw mailerq.fail("expected one call of " + hook + ", got " + calls);
        }
        return calls.get(0);
    }
}
