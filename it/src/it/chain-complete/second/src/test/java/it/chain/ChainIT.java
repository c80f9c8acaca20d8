package it.chain;

import static dev.mqkit.test.MailerQAssertions.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mqkit.api.MailerqRelease;
import dev.mqkit.harness.MailerQ;
import dev.mqkit.harness.SmtpClient;
import dev.mqkit.test.MailerQTest;
import org.junit.jupiter.api.Test;

@MailerQTest(config = "workers=1")
class ChainIT {

    /** Whether the runtime plays the release's 4.0+ API (MQ_continue(connection)), as the plugin was built for. */
    static boolean connectionApi(MailerQ mailerq) {
        return mailerq.release().generation() == MailerqRelease.Generation.CONNECTION;
    }

    @Test
    void theFirstPluginsCompleteSkipsTheSecondInThatHookOnly(MailerQ mailerq) {
        try (SmtpClient smtp = mailerq.smtp()) {
            assertReply(250, smtp.ehlo("client.example"));
            assertReply(250, smtp.mailFrom("a@example.com"));
            assertReply(250, smtp.rcptTo("b@example.org"));
        }
        assertEquals(connectionApi(mailerq) ? "MQ_complete" : "MQ_Complete",
                mailerq.trace("10-first.so", "mq_smtp_in_mailfrom").get(0).handBackFunction());
        assertEquals(0, mailerq.trace("20-second.so", "mq_smtp_in_mailfrom").size());
        assertEquals(1, mailerq.trace("20-second.so", "mq_smtp_in_rcptto").size());
    }
}
