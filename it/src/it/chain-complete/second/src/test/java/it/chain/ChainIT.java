package it.chain;

import static dev.mqkit.test.MailerQAssertions.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mqkit.api.config.ConfigKey;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.harness.HarnessProperties;
import dev.mqkit.test.MailerQ;
import dev.mqkit.test.MailerQTest;
import dev.mqkit.test.SmtpClient;
import org.junit.jupiter.api.Test;

@MailerQTest(config = "workers=1")
class ChainIT {

    /** The release the plugins were built for: the build hands it to the tests as the runtime's mailerq-version. */
    static final MailerqRelease RELEASE = MailerqRelease.parse(
            System.getProperty(HarnessProperties.CONFIG_PREFIX + ConfigKey.MAILERQ_VERSION.key()));
    static final boolean CONNECTION_API = RELEASE.generation() == MailerqRelease.Generation.CONNECTION;

    @Test
    void theFirstPluginsCompleteSkipsTheSecondInThatHookOnly(MailerQ mailerq) {
        try (SmtpClient smtp = mailerq.smtp()) {
            assertReply(250, smtp.ehlo("client.example"));
            assertReply(250, smtp.mailFrom("a@example.com"));
            assertReply(250, smtp.rcptTo("b@example.org"));
        }
        assertEquals(CONNECTION_API ? "MQ_complete" : "MQ_Complete",
                mailerq.trace("10-first.so", "mq_smtp_in_mailfrom").get(0).handBackFunction());
        assertEquals(0, mailerq.trace("20-second.so", "mq_smtp_in_mailfrom").size());
        assertEquals(1, mailerq.trace("20-second.so", "mq_smtp_in_rcptto").size());
    }
}
