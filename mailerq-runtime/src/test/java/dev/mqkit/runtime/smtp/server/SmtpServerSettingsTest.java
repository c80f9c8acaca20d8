package dev.mqkit.runtime.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpServerSettingsTest {
    @Test
    void readsMailerqPortLists() {
        assertEquals(List.of(25, 2525, 1024, 1025, 1026), SmtpServerSettings.parsePorts("25,2525,1024-1026"));
        assertEquals(List.of(587), SmtpServerSettings.parsePorts(" 587 "));
        assertEquals(List.of(), SmtpServerSettings.parsePorts(""));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> SmtpServerSettings.parsePorts("25,smtp"));
        assertTrue(bad.getMessage().contains("'smtp'"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SmtpServerSettings.parsePorts("30-20"));
        assertThrows(IllegalArgumentException.class, () -> SmtpServerSettings.parsePorts("70000"));
    }

    @Test
    void defaultsAndPairs() {
        SmtpServerSettings defaults = SmtpServerSettings.builder().build();
        assertEquals(1000, defaults.maxLineLength());
        assertEquals(25L * 1024 * 1024, defaults.maxMessageSize());
        assertEquals(100, defaults.maxRecipients());
        assertEquals(false, defaults.allowPlaintextAuth());
        assertThrows(IllegalArgumentException.class, () -> SmtpServerSettings.builder().certificate(Path.of("c.pem"), null).build());
        assertThrows(IllegalArgumentException.class, () -> SmtpServerSettings.builder().credentials("user", null).build());
        assertThrows(IllegalArgumentException.class, () -> SmtpServerSettings.builder().maxLineLength(100).build());
    }
}
