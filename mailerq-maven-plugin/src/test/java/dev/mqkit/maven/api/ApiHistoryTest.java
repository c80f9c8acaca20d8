package dev.mqkit.maven.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mqkit.api.MailerqRelease;
import org.junit.jupiter.api.Test;

class ApiHistoryTest {

    @Test
    void namesA3xFunctionAsTheReleaseSpellsIt() {
        assertEquals("MQ_Complete", ApiHistory.nameIn("MQ_Complete", MailerqRelease.parse("3.0")));
        assertEquals("MQ_Complete", ApiHistory.nameIn("MQ_Complete", MailerqRelease.parse("2.1")));
        assertEquals("MQ_complete", ApiHistory.nameIn("MQ_Complete", MailerqRelease.parse("4.0")));
        assertEquals("MQ_send", ApiHistory.nameIn("MQ_SmtpSend", MailerqRelease.parse("5.13")));
        assertEquals("MQ_ev", ApiHistory.nameIn("MQ_ev", MailerqRelease.parse("5.13")), "both generations have it");
    }
}
