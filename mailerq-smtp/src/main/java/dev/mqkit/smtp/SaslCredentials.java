package dev.mqkit.smtp;

import dev.mqkit.api.json.LosslessUtf8;
import java.util.Base64;

/**
 * A login and password as AUTH PLAIN (RFC 4616) and AUTH LOGIN carry them, and the base64 of SASL
 * responses and challenges (RFC 4954): decoding on the server's side, encoding on the client's.
 *
 * @param login    the authentication identity (authcid)
 * @param password the password
 */
public record SaslCredentials(String login, String password) {

    /** A response that is not valid base64, or not what the mechanism expects. */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** {@code [authzid] NUL authcid NUL passwd}; "=" stands for an empty response (RFC 4954). */
    public static SaslCredentials plain(String response) throws Malformed {
        String decoded = text(response);
        int first = decoded.indexOf('\0');
        int second = first < 0 ? -1 : decoded.indexOf('\0', first + 1);
        if (first < 0 || second < 0 || decoded.indexOf('\0', second + 1) >= 0) {
            throw new Malformed("PLAIN response is not authzid NUL login NUL password");
        }
        String login = decoded.substring(first + 1, second);
        if (login.isEmpty()) {
            throw new Malformed("PLAIN response has an empty login");
        }
        return new SaslCredentials(login, decoded.substring(second + 1));
    }

    /**
     * One base64 field of AUTH LOGIN, or of anything else, as text; "=" is empty. Bytes that are not
     * UTF-8 are kept as {@link LosslessUtf8} escapes, so a plugin gets the login and password as sent.
     */
    public static String text(String response) throws Malformed {
        String value = response.strip();
        if ("=".equals(value)) {
            return "";
        }
        try {
            return LosslessUtf8.toText(Base64.getDecoder().decode(value));
        } catch (IllegalArgumentException e) {
            throw new Malformed("not base64");
        }
    }

    /** The client's AUTH PLAIN response for these credentials: base64 of {@code NUL login NUL password}. */
    public String plainResponse() {
        return encode("\0" + login + "\0" + password);
    }

    /** The base64 of {@code text}'s bytes ({@link LosslessUtf8}): a challenge, or a client's AUTH LOGIN answer. */
    public static String encode(String text) {
        return Base64.getEncoder().encodeToString(LosslessUtf8.toBytes(text));
    }
}
