package it.coverage;

import static dev.mqkit.test.MailerQAssertions.assertReply;

import dev.mqkit.harness.MailerQ;
import dev.mqkit.harness.SmtpClient;
import dev.mqkit.test.MailerQTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A recipient at example.com, which the exercise never sends to. */
@MailerQTest
class LocalIT {

    @Test
    void aLocalRecipient(MailerQ mailerq) {
        try (SmtpClient smtp = mailerq.smtp()) {
            assertReply(250, smtp.ehlo("client.example"));
            assertReply(250, smtp.send("a@example.org", List.of("x@example.com"), "Subject: hi\r\n\r\nhi\r\n"));
            assertReply(221, smtp.quit());
        }
    }
}
