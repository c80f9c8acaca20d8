package dev.mqkit.runtime.host;

import com.sun.jna.Pointer;
import dev.mqkit.api.json.LosslessUtf8;
import java.util.Arrays;
import java.util.Optional;

/**
 * A message as plugins see it (MQ_Message): its JSON, parsed with the JSON
 * library of the release played, plus for outgoing mail the wire values
 * (envelope, recipient, MIME) kept apart from the JSON, and for incoming mail
 * whether it is local (MQ_local, 4.0+). Read the results after the hook
 * chain finished, on the worker thread.
 */
public final class NativeMessage implements AutoCloseable {

    private final long address;
    private final String json;
    private boolean closed;

    private NativeMessage(PluginHost host, String json, boolean outgoing, String envelope, String recipient,
            byte[] mime, boolean local) {
        this.json = json;
        // the bytes a body was received as, not a re-encoding: plugins' MQ_Mime gives exactly those
        byte[] text = LosslessUtf8.toBytes(json);
        this.address = LibMqHost.mqhost_message_new(Arrays.copyOf(text, text.length + 1), host.jsonLibrary(),
                outgoing ? 1 : 0, envelope, recipient, mime, mime == null ? 0 : mime.length, local ? 1 : 0);
        if (address == 0) {
            throw new OutOfMemoryError("cannot allocate an MQ_Message");
        }
    }

    /**
     * A received message for mq_smtp_in_message of the host's plugins: the accessors are aliases of the
     * JSON's properties; {@code local} is what MQ_local answers until a plugin sets it.
     */
    public static NativeMessage incoming(PluginHost host, String json, boolean local) {
        return new NativeMessage(host, json, false, null, null, null, local);
    }

    /**
     * A message for mq_smtp_out_data or mq_smtp_out_sent of the host's plugins, with the envelope and
     * recipient used on the wire and the MIME a plugin set (null: none, so MQ_Mime answers NULL).
     */
    public static NativeMessage outgoing(PluginHost host, String json, String envelope, String recipient,
            byte[] mime) {
        return new NativeMessage(host, json, true, envelope, recipient, mime, false);
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

    /** Incoming: whether it goes to the local queue instead of the inbox, as the plugins left MQ_local. */
    public boolean local() {
        return LibMqHost.mqhost_message_local(address) != 0;
    }

    /** Outgoing: the MIME a plugin set with MQ_SetMime (MQ_setMime), or null. */
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
