package dev.mqkit.harness.sink;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A message the {@link SmtpSink} accepted with 250 after DATA.
 *
 * @param helo          the name the client gave with EHLO or HELO
 * @param envelope      the MAIL FROM address (without angle brackets; empty for the null sender)
 * @param recipients    the accepted RCPT TO addresses, in order
 * @param data          the message exactly as received, dot-stuffing undone, line ends as sent,
 *                      without the final {@code .} line
 * @param tls           whether the connection had switched to TLS with STARTTLS
 * @param authenticated the login the client authenticated as, or null
 * @param authMechanism PLAIN or LOGIN, or null
 */
public record ReceivedMessage(String helo, String envelope, List<String> recipients, byte[] data, boolean tls,
                              String authenticated, String authMechanism) {
    public ReceivedMessage {
        recipients = List.copyOf(recipients);
    }

    /** The data as text (UTF-8). */
    public String mime() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** The only recipient; fails when there were several. */
    public String recipient() {
        if (recipients.size() != 1) {
            throw new IllegalStateException("message has " + recipients.size() + " recipients: " + recipients);
        }
        return recipients.get(0);
    }
}
