package dev.mqkit.maven.api;

import dev.mqkit.api.MailerqRelease;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mqkit.api.MailerqRelease;
import org.junit.jupiter.api.Test;

class NearestNameTest {

    @Test
    void countsSingleCharacterEdits() {
        assertEquals(0, NearestName.distance("mq_version", "mq_version"));
        assertEquals(3, NearestName.distance("kitten", "sitting"));
        assertEquals(2, NearestName.distance("mq_smtp_in_mailform", "mq_smtp_in_mailfrom"));
        assertEquals(4, NearestName.distance("", "abcd"));
    }

    @Test
    void suggestsTheRealHookForATypo() {
        MailerqApi api = MailerqApi.bundled(MailerqRelease.parse("3.0"));
        assertEquals("mq_smtp_in_mailfrom", NearestName.in(api.hooks(), "mq_smtp_in_mailform"));
        assertEquals("mq_smtp_in_rcptto", NearestName.in(api.hooks(), "mq_smtp_in_rcpt_to"));
        assertEquals("MQ_SmtpSend", NearestName.in(api.functions(), "MQ_SmtpSnd"));
        assertEquals("MQ_TimerStart", NearestName.in(api.functions(), "MQ_TimerStrat"));
    }
}
