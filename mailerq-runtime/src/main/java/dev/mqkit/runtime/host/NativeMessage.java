package dev.mqkit.runtime.host;

import com.sun.jna.Pointer;
import dev.mqkit.runtime.smtp.LosslessUtf8;
import java.util.Arrays;
import java.util.Optional;

/**
 * A message as plugins see it (MQ_Message): its JSON, plus for outgoing
 * mail the wire values (envelope, recipient, MIME) kept apart from the JSON.
 * Read the results after the hook chain finished, on the worker thread.
 */
public final class NativeMessage implements AutoCloseable {

    private final long address;
    private final String json;
    private boolean closed;

    private NativeMessage(String json, boolean outgoing, String envelope, String recipient) {
        this.json = json;
        // the bytes a body was received as, not a re-encoding: plugins' MQ_Mime gives exactly those
        byte[] text = LosslessUtf8.toBytes(json);
        this.address = LibMqHost.mqhost_message_new(Arrays.copyOf(text, text.length + 1), outgoing ? 1 : 0,
                envelope, recipient);
        if (address == 0) {
            throw new OutOfMemoryError("cannot allocate an MQ_Message");
        }
    }

    /** A received message for mq_smtp_in_message: the accessors are aliases of the JSON's properties. */
    public static NativeMessage incoming(String json) {
        return new NativeMessage(json, false, null, null);
    }

    /** A message for mq_smtp_out_data, with the envelope and recipient used on the wire. */
    public static NativeMessage outgoing(String json, String envelope, String recipient) {
        return new NativeMessage(json, true, envelope, recipient);
    }

    long address() {
        return address;
    }

    /** The JSON with the plugins' changes. */
    public String json() {
        return openedJson().orElse(json);
    }

    /**
     * The JSON as the plugins left it, or empty when none opened it: libmqhost parses the text on
     * first use (MQ_Json, and for a received message the accessors, which read the JSON), so a JSON
     * no plugin opened is the text handed in, unchanged. One that was opened may or may not have
     * been changed: the plugins hold the json-c object itself.
     */
    public Optional<String> openedJson() {
        return Optional.ofNullable(LibMqHost.string(LibMqHost.mqhost_message_json(address)));
    }

    /** Outgoing: the MAIL FROM address as the plugins left it. */
    public String envelope() {
        return LibMqHost.string(LibMqHost.mqhost_message_envelope(address));
    }

    /** Outgoing: the RCPT TO address as the plugins left it. */
    public String recipient() {
        return LibMqHost.string(LibMqHost.mqhost_message_recipient(address));
    }

    /** Outgoing: the MIME a plugin set with MQ_SetMime, or null. */
    public byte[] mime() {
        long[] size = new long[1];
        long mime = LibMqHost.mqhost_message_mime(address, size);
        return mime == 0 ? null : new Pointer(mime).getByteArray(0, Math.toIntExact(size[0]));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LibMqHost.mqhost_message_free(address);
        }
    }
}
