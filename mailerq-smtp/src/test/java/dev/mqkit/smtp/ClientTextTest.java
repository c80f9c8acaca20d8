package dev.mqkit.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.mqkit.api.json.LosslessUtf8;

import org.junit.jupiter.api.Test;

/** Client bytes in replies and log lines: nothing but printable ASCII gets through as it is. */
class ClientTextTest {

    @Test
    void controlsBackslashesAndEightBitBytesAreEscaped() {
        assertEquals("client.example", ClientText.escaped("client.example"));
        assertEquals("a\\x0db\\x0ac\\x00d\\x1b[31m\\x5c", ClientText.escaped("a\rb\nc\0d\u001b[31m\\"));
        assertEquals("caf\\xc3\\xa9 caf\\xe9", ClientText.escaped("caf\u00e9 " + LosslessUtf8.toText(new byte[] {'c', 'a', 'f', (byte) 0xe9})));
    }

    @Test
    void aCommandLineMayHoldNoCrNulOrLf() {
        assertTrue(ClientText.hasForbiddenControl("EHLO a\rb"));
        assertTrue(ClientText.hasForbiddenControl("EHLO a\0b"));
        assertFalse(ClientText.hasForbiddenControl("EHLO a\tb"));
    }
}
