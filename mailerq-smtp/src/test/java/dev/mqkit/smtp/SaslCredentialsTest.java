package dev.mqkit.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import dev.mqkit.api.json.LosslessUtf8;

import org.junit.jupiter.api.Test;

/** What a client encodes, a server decodes. */
class SaslCredentialsTest {
    @Test
    void plainResponseRoundTrip() throws Exception {
        SaslCredentials credentials = new SaslCredentials("jürgen", "s3 cret");
        assertEquals("AGrDvHJnZW4AczMgY3JldA==", credentials.plainResponse());
        assertEquals(credentials, SaslCredentials.plain(credentials.plainResponse()));
        assertEquals(credentials, SaslCredentials.plain(SaslCredentials.encode("admin\0jürgen\0s3 cret")),
                "an authorization identity is allowed and dropped");
    }

    @Test
    void textRoundTrip() throws Exception {
        assertEquals("VXNlcm5hbWU6", SaslCredentials.encode("Username:"));
        assertEquals("Username:", SaslCredentials.text(" VXNlcm5hbWU6 "));
        assertEquals("", SaslCredentials.text("="));
    }

    @Test
    void malformedResponses() {
        assertThrows(SaslCredentials.Malformed.class, () -> SaslCredentials.text("not base64!"));
        assertThrows(SaslCredentials.Malformed.class, () -> SaslCredentials.plain(SaslCredentials.encode("no-nuls")));
        assertThrows(SaslCredentials.Malformed.class, () -> SaslCredentials.plain(SaslCredentials.encode("\0\0pw")));
        assertThrows(SaslCredentials.Malformed.class, () -> SaslCredentials.plain(SaslCredentials.encode("\0a\0b\0c")));
    }

    @Test
    void aPasswordThatIsNotUtf8KeepsItsBytes() throws Exception {
        byte[] password = {'p', (byte) 0xe4, 's', 's'};
        String response = java.util.Base64.getEncoder().encodeToString(new byte[] {0, 'u', 0, 'p', (byte) 0xe4, 's', 's'});
        SaslCredentials credentials = SaslCredentials.plain(response);
        org.junit.jupiter.api.Assertions.assertArrayEquals(password, LosslessUtf8.toBytes(credentials.password()));
        assertEquals(response, credentials.plainResponse());
    }
}
