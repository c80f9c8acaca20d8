package it.exercise;

import static dev.mqkit.runtime.junit.MailerQAssertions.assertDelivered;
import static dev.mqkit.runtime.junit.MailerQAssertions.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.runtime.control.HookTrace;
import dev.mqkit.runtime.junit.MailerQ;
import dev.mqkit.runtime.junit.MailerQTest;
import dev.mqkit.runtime.junit.SmtpClient;
import java.util.List;
import org.junit.jupiter.api.Test;

@MailerQTest(config = "workers=1")
class StampIT {

    @Test
    void stampsOutgoingMailAndHandsBackRcptFromATimer(MailerQ mailerq) {
        try (SmtpClient smtp = mailerq.smtp()) {
            assertReply(250, smtp.ehlo("client.example"));
            assertReply(250, smtp.send("a@example.com", List.of("b@example.org"), "Subject: hi\r\n\r\nhello\r\n"));
        }
        assertTrue(assertDelivered(mailerq, 1).get(0).mime().startsWith("X-Exercised: yes\r\n"));
        List<HookTrace.Call> rcpt = mailerq.trace("20-exercise-c.so", "mq_smtp_in_rcptto");
        assertEquals(1, rcpt.size());
        assertEquals("MQ_Continue", rcpt.get(0).handBackFunction());
    }
}
