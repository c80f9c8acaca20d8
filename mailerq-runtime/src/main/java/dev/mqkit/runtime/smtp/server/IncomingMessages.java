package dev.mqkit.runtime.smtp.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Builds the JSON of one received message, one for each recipient, as MailerQ publishes incoming mail
 * to its inbox queue:
 *
 * <pre>{@code
 * {
 *   "envelope": "sender@example.com",      // MAIL FROM ("" for <>)
 *   "recipient": "rcpt@example.org",       // this RCPT TO
 *   "mime": "...",                         // the body's bytes, see LosslessUtf8
 *   "hostname": "mx.example.net",          // the server that received it
 *   "received": "2026-01-01 12:00:00",     // UTC
 *   "message-id": "Q7K2M4...",             // the id this recipient was queued under (told in the 250)
 *   "connection": {
 *     "from": "192.0.2.1",                 // the client's IP address
 *     "to": "198.51.100.2",                // the server's IP address the client connected to
 *     "helo": "client.example.com",
 *     "secure": true,
 *     "user": "login"                      // only when the client authenticated
 *   }
 * }
 * }</pre>
 *
 * {@code hostname}, {@code received}, {@code message-id} and {@code connection} are the extra
 * properties MailerQ documents for incoming messages; the members of {@code connection} are this
 * runtime's choice and use the same {@code from}/{@code to} meaning as the results' IP addresses
 * (from the sending side to the receiving side).
 *
 * <p>{@code mime} is the body byte for byte: as UTF-8 where it is UTF-8, every other byte as a
 * {@link dev.mqkit.runtime.smtp.LosslessUtf8} escape, written {@code &#92;udcXX} in JSON text, so
 * that delivery sends exactly the bytes that were received.
 */
final class IncomingMessages {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final SmtpSession session;
    private final String hostname;
    private final String received;
    private final String envelope;
    private final TextNode mime;

    /** The messages of one body, its text made once for all recipients: their messages share it. */
    IncomingMessages(SmtpSession session, String hostname, Instant received, String envelope, String mime) {
        this.session = session;
        this.hostname = hostname;
        this.received = TIME.format(received);
        this.envelope = envelope;
        this.mime = JsonNodeFactory.instance.textNode(mime);
    }

    /** The message of one recipient, queued under {@code queueId}. */
    ObjectNode forRecipient(String recipient, String queueId) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("envelope", envelope);
        json.put("recipient", recipient);
        json.set("mime", mime);
        json.put("hostname", hostname);
        json.put("received", received);
        json.put("message-id", queueId);
        ObjectNode connection = json.putObject("connection");
        connection.put("from", session.remoteAddress().getAddress().getHostAddress());
        connection.put("to", session.localAddress().getAddress().getHostAddress());
        connection.put("helo", session.heloName());
        connection.put("secure", session.secure());
        if (session.authenticated()) {
            connection.put("user", session.login());
        }
        return json;
    }
}
