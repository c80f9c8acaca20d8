package dev.mqkit.harness;

import static dev.mqkit.api.fixtures.TestReleases.MAILERQ_3_0;
import static dev.mqkit.test.MailerQAssertions.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.harness.process.RuntimeProcess;
import dev.mqkit.runtime.fixtures.TestKit;
import dev.mqkit.runtime.fixtures.TestPlugins;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A C plugin that answers MAIL FROM itself with MQ_SmtpSend: the client notices the reply no command asked for. */
class UnsolicitedReplyTest {

    @Test
    void theClientFailsTheTestNamingPluginHookAndFunctionAndTheClassFailsToo() {
        MailerQ mailerq = MailerQ.start(RuntimeProcess.builder()
                .pluginDirectory(TestPlugins.ordered(MAILERQ_3_0, "a", "b"))
                .config("mailerq-version", MAILERQ_3_0.toString())
                .workDirectory(Path.of("target", "mailerq", "UnsolicitedReplyTest"))
                .config("workers", "1")
                .environment("TK_SCRIPT", TestKit.Action.SEND_REPLY.forEnvironment("b", "mq_smtp_in_mailfrom", 0)),
                Duration.ofSeconds(10));
        String sentence = "20-b.so wrote the reply \"550 5.7.1 refused by b\" with MQ_SmtpSend in mq_smtp_in_mailfrom, "
                + "and MailerQ sends its own reply to the command after it";
        try {
            SmtpClient smtp = mailerq.smtp();
            assertReply(250, smtp.ehlo("client.example"));
            // what a simple test reads: the plugin's reply, as if it were MailerQ's
            assertReply(550, smtp.mailFrom("sender@example.com"));
            UnsolicitedReplyError error = assertThrows(UnsolicitedReplyError.class,
                    () -> smtp.assertNoUnsolicitedReply(Duration.ofSeconds(5)));
            assertTrue(error.reply().startsWith("250 "), error.reply());
            assertTrue(error.getMessage().startsWith("the server sent a reply no command asked for: \"250 "),
                    error.getMessage());
            assertTrue(error.getMessage().contains("after the reply to MAIL FROM:<sender@example.com> had been read"),
                    error.getMessage());
            assertTrue(error.getMessage().contains(sentence), error.getMessage());
            assertTrue(error.getMessage().contains("C: MAIL FROM:<sender@example.com>\n  S: 550 5.7.1 refused by b"),
                    "the transcript: " + error.getMessage());
        } finally {
            AssertionError failure = assertThrows(AssertionError.class, mailerq::close);
            assertEquals(1, failure.getMessage().split(java.util.regex.Pattern.quote(sentence), -1).length - 1,
                    failure.getMessage());
        }
    }
}
