package dev.mqkit.runtime.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The message as mq_smtp_out_data sees it: wire values separate from the JSON. The envelope and
 * recipient start as the JSON's {@code envelope} and {@code recipient}; the MIME is null unless set
 * (then it is sent instead of the JSON's {@code mime}). Setting these never changes the JSON;
 * edits of {@link #json()} are kept and go to the result queues.
 */
public final class OutgoingMessage {
    private final ObjectNode json;
    private String envelope;
    private String recipient;
    private byte[] mime;

    public OutgoingMessage(ObjectNode json) {
        this.json = Objects.requireNonNull(json, "json");
        this.envelope = json.path("envelope").asText("");
        this.recipient = json.path("recipient").asText("");
    }

    /** The JSON from the outbox; edits are kept and go to results. */
    public ObjectNode json() {
        return json;
    }

    /** The MAIL FROM address. */
    public synchronized String envelope() {
        return envelope;
    }

    /** Sets the MAIL FROM address; once MAIL FROM was sent, this has no effect on this delivery. */
    public synchronized void setEnvelope(String envelope) {
        this.envelope = Objects.requireNonNull(envelope, "envelope");
    }

    /** The RCPT TO address. */
    public synchronized String recipient() {
        return recipient;
    }

    /** Sets the RCPT TO address; once RCPT TO was sent, this has no effect on this delivery. */
    public synchronized void setRecipient(String recipient) {
        this.recipient = Objects.requireNonNull(recipient, "recipient");
    }

    /** The MIME a plugin set (as UTF-8 text), or null when none did. */
    public synchronized String mime() {
        return mime == null ? null : new String(mime, StandardCharsets.UTF_8);
    }

    /** The MIME a plugin set, as the bytes that will be sent, or null when none did. */
    public synchronized byte[] mimeBytes() {
        return mime == null ? null : mime.clone();
    }

    /** Sets the MIME sent instead of the JSON's (UTF-8); null clears the override. */
    public synchronized void setMime(String mime) {
        this.mime = mime == null ? null : mime.getBytes(StandardCharsets.UTF_8);
    }

    /** Sets the MIME sent instead of the JSON's, byte for byte; null clears the override. */
    public synchronized void setMime(byte[] mime) {
        this.mime = mime == null ? null : mime.clone();
    }
}
