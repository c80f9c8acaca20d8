package dev.mqkit.runtime.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /**
     * The MIME a plugin set, as the bytes that will be sent, or null when none did (then the JSON's
     * {@code mime} is sent, as the bytes its text stands for: {@link dev.mqkit.api.json.LosslessUtf8}). The array itself, not a copy: do not change it.
     */
    public synchronized byte[] mime() {
        return mime;
    }

    /** The MIME as sent (or to be sent): a plugin's, else the JSON's text; null when there is neither. */
    public synchronized String sentMimeText() {
        if (mime != null) {
            return dev.mqkit.api.json.LosslessUtf8.toText(mime);
        }
        var text = json.get("mime");
        return text != null && text.isTextual() ? text.textValue() : null;
    }

    /**
     * Sets the MIME sent instead of the JSON's, byte for byte; null clears the override. The array
     * is kept, not copied: do not change it afterwards.
     */
    public synchronized void setMime(byte[] mime) {
        this.mime = mime;
    }
}
