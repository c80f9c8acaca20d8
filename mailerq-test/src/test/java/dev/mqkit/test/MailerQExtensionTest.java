package dev.mqkit.test;

import static dev.mqkit.api.fixtures.TestReleases.MAILERQ_3_0;
import static dev.mqkit.test.MailerQAssertions.assertDeliveredTo;
import static dev.mqkit.test.MailerQAssertions.assertNoViolations;
import static dev.mqkit.test.MailerQAssertions.assertReply;
import static dev.mqkit.test.MailerQAssertions.awaitHookFinished;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.harness.Trace;
import dev.mqkit.harness.MailerQ;
import dev.mqkit.harness.SmtpClient;
import dev.mqkit.harness.sink.ReceivedMessage;
import dev.mqkit.harness.sink.Stage;
import dev.mqkit.runtime.fixtures.TestKit;
import dev.mqkit.runtime.fixtures.TestPlugins;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Plugin tests as authors write them: the runtime in its own process, mail in over STARTTLS and AUTH, out to the sink. */
class MailerQExtensionTest {

    @RegisterExtension
    static MailerQExtension extension = MailerQExtension
            .withPluginDirectory(() -> TestPlugins.ordered(MAILERQ_3_0, "a", "b"))
            .config("mailerq-version", MAILERQ_3_0.toString())
            .config("workers", "1")
            .config("smtp-username", "user")
            .config("smtp-password", "secret")
            // a hands back RCPT from a timer after 20 ms; a accepts the login (the plugins decide AUTH)
            .environment("TK_SCRIPT", TestKit.Action.TIMER_CONTINUE.forEnvironment("a", "mq_smtp_in_rcptto", 20)
                    + ";" + TestKit.Action.RETURN_FALSE.forEnvironment("a", "verdict", 1))
            .timeout(Duration.ofSeconds(20));

    private static final String MIME = "From: sender@example.com\r\nSubject: hooks\r\n\r\nHello.\r\n.dot line\r\n";

    private static SmtpClient login(MailerQ mailerq) {
        SmtpClient smtp = mailerq.smtp();
        assertReply(220, smtp.greeting());
        assertReply(250, smtp.ehlo("client.example"));
        assertReply(220, smtp.startTls());
        assertReply(250, smtp.ehlo("client.example"));
        assertReply(235, smtp.authPlain("user", "secret"));
        return smtp;
    }

    @Test
    void mailThroughStartTlsAndAuthReachesTheSinkAndEveryHookIsTraced(MailerQ mailerq) {
        try (SmtpClient smtp = login(mailerq)) {
            assertReply(250, smtp.mailFrom("sender@example.com"));
            SmtpClient.Reply rcpt = assertReply(250, smtp.rcptTo("one@traced.example"));
            assertEquals("2.1.5", rcpt.enhancedStatus(), rcpt.transcript());
            assertReply(250, smtp.rcptTo("two@traced.example"));
            assertReply(250, smtp.data(MIME));
            assertReply(221, smtp.quit());
            assertTrue(smtp.transcript().contains("C: AUTH PLAIN <user, password>"), smtp.transcript());
        }

        List<ReceivedMessage> delivered = assertDeliveredTo(mailerq, "one@traced.example", "two@traced.example");
        assertTrue(delivered.get(0).mime().contains("\r\n.dot line\r\n"), delivered.get(0).mime());
        ObjectNode success = mailerq.success().take();
        assertEquals("sender@example.com", success.path("envelope").asText());

        awaitHookFinished(mailerq, "20-b.so", "mq_smtp_in_close");
        List<Trace.Call> trace = mailerq.trace();
        Set<String> seen = trace.stream().map(call -> call.plugin() + " " + call.hook())
                .collect(Collectors.toCollection(TreeSet::new));
        for (String plugin : List.of("10-a.so", "20-b.so")) {
            for (String hook : List.of("mq_context_initialize", "mq_smtp_in_connect", "mq_smtp_in_secure",
                    "mq_smtp_in_authenticate", "mq_smtp_in_mailfrom", "mq_smtp_in_rcptto", "mq_smtp_in_data",
                    "mq_smtp_in_message", "mq_smtp_in_close", "mq_smtp_out_data")) {
                assertTrue(seen.contains(plugin + " " + hook), plugin + " " + hook + " missing from " + seen);
            }
        }

        // the other test of this class may have sent mail through the same runtime
        List<Trace.Call> rcpts = mailerq.trace("10-a.so", "mq_smtp_in_rcptto").stream()
                .filter(call -> call.arguments().endsWith("@traced.example")).toList();
        assertEquals(List.of("one@traced.example", "two@traced.example"),
                rcpts.stream().map(Trace.Call::arguments).toList());
        for (Trace.Call call : rcpts) {
            assertEquals(Boolean.TRUE, call.returned(), call.toString());
            assertEquals("CONTINUE", call.handBack(), call.toString());
            assertEquals("MQ_Continue", call.handBackFunction(), call.toString());
            assertTrue(call.handBackMillis() >= 15, "the timer's 20 ms are in the hand-back time: " + call);
        }
        Trace.Call bRcpt = mailerq.trace("20-b.so", "mq_smtp_in_rcptto").get(0);
        assertEquals(Boolean.FALSE, bRcpt.returned(), bRcpt.toString());
        assertEquals(null, bRcpt.handBack(), bRcpt.toString());
        assertTrue(mailerq.trace("10-a.so", "mq_smtp_in_mailfrom").stream()
                .allMatch(call -> call.arguments().equals("sender@example.com")));
        assertEquals("login=user password=******",
                mailerq.trace("10-a.so", "mq_smtp_in_authenticate").get(0).arguments());
        assertTrue(mailerq.trace("10-a.so", "mq_smtp_in_data").get(0).arguments().contains("Subject: hooks\r\n"));

        List<JsonNode> messages = mailerq.trace("20-b.so", "mq_smtp_in_message").stream()
                .map(Trace.Call::message)
                .filter(message -> message.path("recipient").asText().endsWith("@traced.example")).toList();
        assertEquals(2, messages.size(), messages.toString());
        assertEquals("a", messages.get(0).path("trail").asText(), "b sees the JSON as a left it: " + messages);
        assertEquals(2, mailerq.trace("10-a.so", "mq_smtp_out_data").stream()
                .filter(call -> call.message().path("recipient").asText().endsWith("@traced.example")).count());
        assertNoViolations(mailerq);
    }

    @Test
    void aTemporaryRcptFailureAtTheSinkIsRetried(MailerQ mailerq) {
        mailerq.sink().when(Stage.RCPT).times(1).reply(451, "4.7.1 try again later");
        try (SmtpClient smtp = login(mailerq)) {
            assertReply(250, smtp.send("sender@example.com", List.of("later@retried.example"), MIME));
            smtp.quit();
        }

        ObjectNode retried = mailerq.retry().take();
        JsonNode first = retried.path("results").get(0);
        assertEquals(451, first.path("code").asInt(), retried.toPrettyString());
        assertEquals("rcpt to", first.path("state").asText(), retried.toPrettyString());
        assertEquals("4.7.1", first.path("status").asText(), retried.toPrettyString());

        ObjectNode result = takeSuccessFor(mailerq, "later@retried.example");
        assertEquals(2, result.path("results").size(), result.toPrettyString());
        assertEquals("success", result.path("results").get(1).path("type").asText(), result.toPrettyString());
        assertDeliveredTo(mailerq, "later@retried.example");
    }

    /** The success of this recipient's message, skipping those of other tests. */
    private static ObjectNode takeSuccessFor(MailerQ mailerq, String recipient) {
        while (true) {
            ObjectNode result = mailerq.success().take();
            if (result.path("recipient").asText().equals(recipient)) {
                return result;
            }
        }
    }
}
