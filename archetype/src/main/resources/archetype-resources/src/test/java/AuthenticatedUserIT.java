#set( $H = '#' )
package ${package};

import static dev.mqkit.test.MailerQAssertions.assertDeliveredTo;
import static dev.mqkit.test.MailerQAssertions.assertHookCalled;
import static dev.mqkit.test.MailerQAssertions.assertNoViolations;
import static dev.mqkit.test.MailerQAssertions.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.harness.MailerQ;
import dev.mqkit.harness.SmtpClient;
import dev.mqkit.harness.sink.ReceivedMessage;
import dev.mqkit.test.MailerQTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plugin in the embedded MailerQ runtime: mail goes in over SMTP, comes out at a test SMTP server (the
 * runtime's smarthost, {@code mailerq.sink()}), and its JSON ends up in the result queues. One runtime serves
 * every test of the class; each test uses its own recipients and takes the results it caused.
 */
@MailerQTest(config = "workers=1")
class AuthenticatedUserIT {

    /** The plugin's file name in the runtime's plugin directory: the order, then the artifactId. */
    static final String PLUGIN = "${order}-${artifactId}.so";

    static final String MIME = "Subject: hello\r\n\r\nHello from the test.\r\n";

    @Test
    void recordsTheLoginAndAddsTheHeader(MailerQ mailerq) {
        try (SmtpClient smtp = mailerq.smtp()) {
            assertReply(250, smtp.ehlo("client.example"));
            assertReply(220, smtp.startTls());
            assertReply(250, smtp.ehlo("client.example"));
            assertReply(235, smtp.authPlain("alice", "demo"));
            assertReply(250, smtp.send("alice@example.com", List.of("bob@example.org", "carol@example.net"), MIME));
        }

        for (ReceivedMessage message : assertDeliveredTo(mailerq, "bob@example.org", "carol@example.net")) {
            assertTrue(message.mime().startsWith("X-Authenticated-User: alice\r\nSubject: hello\r\n"),
                    message.mime());
        }
        for (int i = 0; i < 2; i++) {
            ObjectNode result = mailerq.success().take();
            assertEquals("alice", result.path("authenticated-user").asText(), result.toPrettyString());
        }
        assertHookCalled(mailerq, PLUGIN, "mq_smtp_in_close");
${H}if MQ_MAILERQ_VERSION >= 50605
        // mq_smtp_out_sent ran once the MIME went out and logged each message that carried the header
        assertHookCalled(mailerq, PLUGIN, "mq_smtp_out_sent");
        for (String recipient : List.of("bob@example.org", "carol@example.net")) {
            String line = "sent the message from <alice@example.com> to <" + recipient + "> with X-Authenticated-User: alice";
            assertTrue(mailerq.logs().stream().anyMatch(logged -> logged.source().equals(PLUGIN)
                    && logged.priority().equals("Info") && logged.message().equals(line)), mailerq.logs().toString());
        }
${H}endif
        assertNoViolations(mailerq);
    }

    @Test
    void leavesMailWithoutLoginAlone(MailerQ mailerq) {
        try (SmtpClient smtp = mailerq.smtp()) {
            assertReply(250, smtp.ehlo("client.example"));
            assertReply(250, smtp.send("dave@example.com", List.of("erin@example.org"), MIME));
        }

        ReceivedMessage message = assertDeliveredTo(mailerq, "erin@example.org").get(0);
        assertFalse(message.mime().contains("X-Authenticated-User:"), message.mime());
        ObjectNode result = mailerq.success().take();
        assertFalse(result.has("authenticated-user"), result.toPrettyString());
    }

    @Test
    void refusesAnEmptyPassword(MailerQ mailerq) {
        try (SmtpClient smtp = mailerq.smtp()) {
            assertReply(250, smtp.ehlo("client.example"));
            assertReply(220, smtp.startTls());
            assertReply(250, smtp.ehlo("client.example"));
            assertEquals(5, smtp.authPlain("mallory", "").code() / 100);
        }
    }
}
