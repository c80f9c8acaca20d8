package it.policy;

import static dev.mqkit.test.MailerQAssertions.assertDeliveredTo;
import static dev.mqkit.test.MailerQAssertions.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.api.harness.Trace;
import dev.mqkit.harness.MailerQ;
import dev.mqkit.harness.SmtpClient;
import dev.mqkit.test.MailerQTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The annotation's environment wins over the build's runtimeEnvironment; the shell's does not come through. */
@MailerQTest(environment = "POLICY_DOMAIN=held.example")
class LocalPolicyIT {

    @Test
    void mailForTheHeldDomainStaysLocalAndTheRestIsDelivered(MailerQ mailerq) {
        try (SmtpClient smtp = mailerq.smtp()) {
            assertReply(250, smtp.ehlo("client.example"));
            assertReply(250, smtp.send("sender@example.com", List.of("a@held.example", "b@other.example"),
                    "Subject: policy\r\n\r\nhello\r\n"));
        }
        assertEquals("a@held.example", mailerq.local().take().path("recipient").asText());
        assertDeliveredTo(mailerq, "b@other.example");
        List<String> logged = mailerq.logs().stream().map(Trace.Logged::message).toList();
        assertTrue(logged.contains("POLICY_DOMAIN=held.example POLICY_SERVICE=(unset) LEAKED_FROM_THE_SHELL=(unset)"),
                logged.toString());
    }
}
