package it.sanitize;

import static dev.mqkit.test.MailerQAssertions.assertDelivered;
import static dev.mqkit.test.MailerQAssertions.assertHookCalled;
import static dev.mqkit.test.MailerQAssertions.assertNoViolations;
import static dev.mqkit.test.MailerQAssertions.assertReply;
import static dev.mqkit.test.MailerQAssertions.awaitHookFinished;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.api.MailerqRelease;
import dev.mqkit.harness.MailerQ;
import dev.mqkit.harness.SmtpClient;
import dev.mqkit.test.MailerQTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tests run on what the exercise ran: with -Dmailerq.sanitize, a runtime with the sanitizer runtime loaded and
 * the sanitized plugins; without, neither.
 */
@MailerQTest(config = "workers=1")
class SanitizedIT {

    static final String PLUGIN = "20-san-clean.so";
    /** How the plugin hands back: MQ_continue(connection) from 4.0, MQ_Continue(context) before. */
    static String continueFunction(MailerQ mailerq) {
        return mailerq.release().generation() == MailerqRelease.Generation.CONNECTION ? "MQ_continue" : "MQ_Continue";
    }

    @Test
    void handsBackFromTimersAndWatchesUnderTheSanitizers(MailerQ mailerq) throws Exception {
        // what the runtime process has loaded: the sanitizer runtime and the sanitized builds, or neither
        String maps = Files.readString(Path.of("/proc/" + mailerq.process().pid() + "/maps"));
        boolean sanitized = !System.getProperty("mailerq.runtime.env.LD_PRELOAD", "").isBlank();
        assertEquals(sanitized, maps.contains("/libasan.so") || maps.contains("/libclang_rt.asan"), maps);
        assertEquals(sanitized, maps.contains("/mailerq/sanitize/plugin-directory/" + PLUGIN), maps);
        assertTrue(maps.contains("/plugin-directory/" + PLUGIN), maps);

        try (SmtpClient smtp = mailerq.smtp()) {
            assertReply(250, smtp.ehlo("client.example"));
            assertReply(250, smtp.send("carol@example.com", List.of("x@one.example", "y@one.example", "z@one.example"),
                    "Subject: sanitized\r\n\r\nthree recipients\r\n"));
            assertReply(221, smtp.quit());
        }
        assertDelivered(mailerq, 3);
        awaitHookFinished(mailerq, PLUGIN, "mq_smtp_in_close");
        String handBack = continueFunction(mailerq);
        assertEquals(handBack, assertHookCalled(mailerq, PLUGIN, "mq_smtp_in_mailfrom").get(0).handBackFunction());
        assertEquals(3, assertHookCalled(mailerq, PLUGIN, "mq_smtp_in_rcptto").stream()
                .filter(call -> handBack.equals(call.handBackFunction())).count());
        assertNoViolations(mailerq);
        // the class's stop then fails it if a sanitizer reported anything, leaks included
    }
}
