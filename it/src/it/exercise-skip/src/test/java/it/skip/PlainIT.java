package it.skip;

import static dev.mqkit.test.MailerQAssertions.assertDelivered;
import static dev.mqkit.test.MailerQAssertions.assertHookCalled;
import static dev.mqkit.test.MailerQAssertions.assertReply;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.mqkit.harness.MailerQ;
import dev.mqkit.harness.SmtpClient;
import dev.mqkit.test.MailerQTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

@MailerQTest(config = "workers=1")
class PlainIT {

    @Test
    void runsWithoutTheExercise(MailerQ mailerq) {
        assertFalse(Files.exists(Path.of("target/mailerq/exercise.json")), "the exercise was skipped");
        try (SmtpClient smtp = mailerq.smtp()) {
            assertReply(250, smtp.ehlo("client.example"));
            assertReply(250, smtp.send("a@example.com", List.of("b@example.org"), "Subject: hi\r\n\r\nhello\r\n"));
        }
        assertDelivered(mailerq, 1);
        assertHookCalled(mailerq, "20-exercise-skip.so", "mq_smtp_in_mailfrom");
    }
}
