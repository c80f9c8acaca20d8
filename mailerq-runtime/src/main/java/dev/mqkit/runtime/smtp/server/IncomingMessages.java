package dev.mqkit.runtime.smtp.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Builds the JSON of one received message, one for each recipient, as the played MailerQ release publishes incoming
 * mail (<a href="https://www.mailerq.com/documentation/3.0/incoming-messages">3.0/incoming-messages</a>,
 * <a href="https://www.mailerq.com/documentation/5.13/json-incoming">5.13/json-incoming</a>):
 *
 * <pre>{@code
 * {
 *   "envelope": "sender@example.com",      // MAIL FROM ("" for <>), or x-mq-envelope
 *   "recipient": "rcpt@example.org",       // this RCPT TO
 *   "mime": "...",                         // the body's bytes without its x-mq-* fields, see LosslessUtf8
 *   "dsn": {"ret": "HDRS", "envid": "QQ314159", "notify": "SUCCESS,FAILURE", "orcpt": "rfc822;Rcpt@Example.ORG"},
 *                                          // MAIL's RET and ENVID, RCPT's NOTIFY and ORCPT, only those sent, as sent
 *   ...                                    // the properties of the x-mq-* fields (MqProperties)
 *   // 4.0 and later only:
 *   "hostname": "mx.example.net",          // the server that received it
 *   "received": "2026-01-01 12:00:00",     // UTC
 *   "message-id": "Q7K2M4...",             // the id this recipient was queued under (told in the 250)
 *   "connection": {
 *     "local-ip": "198.51.100.2", "local-port": 25,
 *     "remote-ip": "192.0.2.1", "remote-port": 52114,
 *     "secure": true,
 *     "user": "login"                      // only when the client authenticated
 *   }
 * }
 * }</pre>
 *
 * MailerQ 3.0 documents none of the 4.0 fields, nor a name for the address the mail came in on,
 * so playing 3.0 they are left out.
 *
 * <p>{@code mime} is the body byte for byte: as UTF-8 where it is UTF-8, every other byte as a
 * {@link dev.mqkit.api.json.LosslessUtf8} escape, written {@code &#92;udcXX} in JSON text, so
 * that delivery sends exactly the bytes that were received.
 */
final class IncomingMessages {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final SmtpSession session;
    private final SmtpServerSettings settings;
    private final String received;
    private final MailTransaction transaction;
    private final TextNode mime;
    private final ObjectNode properties;

    /**
     * The messages of one body, its text made once for all recipients: their messages share it.
     *
     * @param properties what the body's x-mq-* fields make ({@link MqProperties}), set on every message
     */
    IncomingMessages(SmtpSession session, SmtpServerSettings settings, Instant received, MailTransaction transaction,
            String mime, ObjectNode properties) {
        this.session = session;
        this.settings = settings;
        this.received = TIME.format(received);
        this.transaction = transaction;
        this.mime = JsonNodeFactory.instance.textNode(mime);
        this.properties = properties;
    }

    /** The message of one recipient, queued under {@code queueId}. */
    ObjectNode forRecipient(MailTransaction.Recipient recipient, String queueId) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("envelope", transaction.sender);
        json.put("recipient", recipient.address());
        json.set("mime", mime);
        if (transaction.ret != null || transaction.envid != null || recipient.dsnNotify() != null || recipient.dsnOrcpt() != null) {
            ObjectNode dsn = json.putObject("dsn");
            putIfSent(dsn, "ret", transaction.ret);
            putIfSent(dsn, "envid", transaction.envid);
            putIfSent(dsn, "notify", recipient.dsnNotify());
            putIfSent(dsn, "orcpt", recipient.dsnOrcpt());
        }
        if (settings.playsConnectionGeneration()) {
            json.put("hostname", settings.hostname());
            json.put("received", received);
            json.put("message-id", queueId);
            ObjectNode connection = json.putObject("connection");
            InetSocketAddress local = session.localAddress();
            InetSocketAddress remote = session.remoteAddress();
            connection.put("local-ip", local.getAddress().getHostAddress());
            connection.put("local-port", local.getPort());
            connection.put("remote-ip", remote.getAddress().getHostAddress());
            connection.put("remote-port", remote.getPort());
            connection.put("secure", session.secure());
            if (session.authenticated()) {
                connection.put("user", session.login());
            }
        }
        MqProperties.applyTo(json, properties);
        return json;
    }

    private static void putIfSent(ObjectNode dsn, String name, String value) {
        if (value != null) {
            dsn.put(name, value);
        }
    }
}
