package dev.mqkit.api.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnnouncementTest {

    @Test
    void smtpPortsReadBackAsWritten() {
        String line = Announcement.smtpPorts(List.of(2525, 2526), List.of(4650));
        assertEquals("mailerq-runtime smtp-port 2525,2526 smtp-secure-port 4650", line);
        assertEquals(new Announcement.SmtpPorts(List.of(2525, 2526), List.of(4650)),
                Announcement.parseSmtpPorts(line).orElseThrow());
    }

    @Test
    void aPartWithoutPortsIsLeftOut() {
        String line = Announcement.smtpPorts(List.of(), List.of(4650));
        assertEquals("mailerq-runtime smtp-secure-port 4650", line);
        assertEquals(List.of(), Announcement.parseSmtpPorts(line).orElseThrow().plain());
    }

    @Test
    void controlPortReadBackAsWritten() {
        String line = Announcement.controlPort(43123);
        assertEquals(43123, Announcement.parseControlPort(line).orElseThrow());
        assertTrue(Announcement.parseSmtpPorts(line).isEmpty(), "the control line is no SMTP announcement");
        assertTrue(Announcement.parseControlPort("put 1 message(s) into the outbox").isEmpty());
    }
}
