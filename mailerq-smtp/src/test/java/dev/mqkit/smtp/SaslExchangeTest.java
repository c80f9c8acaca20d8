package dev.mqkit.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The steps of AUTH PLAIN and LOGIN as the server takes them. */
class SaslExchangeTest {
    private static final SaslCredentials USER = new SaslCredentials("user", "pw");

    private static SaslExchange.Step challenge(String base64) {
        return new SaslExchange.Challenge(SmtpReply.plain(334, base64));
    }

    private static SaslExchange.Step refused(int code, String status, String text) {
        return new SaslExchange.Refused(SmtpReply.of(code, status, text));
    }

    @Test
    void plainWithAndWithoutInitialResponse() {
        assertEquals(new SaslExchange.Done(USER, "PLAIN"), new SaslExchange().start("plain " + USER.plainResponse()));
        SaslExchange exchange = new SaslExchange();
        assertEquals(challenge(""), exchange.start("PLAIN"));
        assertEquals(new SaslExchange.Done(USER, "PLAIN"), exchange.respond(USER.plainResponse()));
    }

    @Test
    void loginWithAndWithoutInitialResponse() {
        SaslExchange exchange = new SaslExchange();
        assertEquals(challenge("VXNlcm5hbWU6"), exchange.start("LOGIN"));
        assertEquals(challenge("UGFzc3dvcmQ6"), exchange.respond(SaslCredentials.encode("user")));
        assertEquals(new SaslExchange.Done(USER, "LOGIN"), exchange.respond(SaslCredentials.encode("pw")));

        SaslExchange initial = new SaslExchange();
        assertEquals(challenge("UGFzc3dvcmQ6"), initial.start("LOGIN " + SaslCredentials.encode("user")));
        assertEquals(new SaslExchange.Done(USER, "LOGIN"), initial.respond(SaslCredentials.encode("pw")));
    }

    @Test
    void cancelAndRefusals() {
        SaslExchange exchange = new SaslExchange();
        exchange.start("LOGIN");
        assertEquals(refused(501, "5.0.0", "Authentication cancelled"), exchange.respond(" * "));
        assertThrows(IllegalStateException.class, () -> exchange.respond("*"), "the exchange is over");
        assertEquals(refused(501, "5.5.2", "Syntax: AUTH <mechanism> [initial-response]"), new SaslExchange().start(""));
        assertEquals(refused(504, "5.5.4", "Unrecognized authentication mechanism"), new SaslExchange().start("CRAM-MD5"));
        assertEquals(refused(501, "5.5.2", "Cannot decode response: not base64"), new SaslExchange().start("PLAIN !!"));
    }
}
