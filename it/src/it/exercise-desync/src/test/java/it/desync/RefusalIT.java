package it.desync;

import static dev.mqkit.test.MailerQAssertions.assertReply;

import dev.mqkit.harness.MailerQ;
import dev.mqkit.harness.SmtpClient;
import dev.mqkit.test.MailerQTest;
import org.junit.jupiter.api.Test;

/** The test a plugin author would write for the refusal: it reads the plugin's 550 and would pass. */
@MailerQTest
class RefusalIT {

    @Test
    void theRecipientIsRefused(MailerQ mailerq) {
        try (SmtpClient smtp = mailerq.smtp()) {
            assertReply(250, smtp.ehlo("client.example"));
            assertReply(250, smtp.mailFrom("sender@example.com"));
            assertReply(550, smtp.rcptTo("someone@example.org"));
        }
    }
}
