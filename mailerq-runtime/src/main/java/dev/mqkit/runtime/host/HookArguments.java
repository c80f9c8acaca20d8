package dev.mqkit.runtime.host;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.mqkit.api.Hook;
import dev.mqkit.api.json.LosslessUtf8;
import dev.mqkit.api.HookShape;
import java.nio.ByteBuffer;

/**
 * What a hook receives after its context, copied to native memory once per
 * run of the chain and freed when the run ends; a text already outside the
 * heap (a mapped spool file) is passed where it is, not copied.
 */
public final class HookArguments implements AutoCloseable {

    private final NativeConnection connection;
    private final NativeMessage message;
    private final long text;
    private final long textSize;
    private final long secondText;
    private final long secondTextSize;
    private final boolean textOwned;
    /** The text as an MQ_Address, made on first use by a 4.0+ hook. */
    private long address;
    /** The text's first bytes, for {@link #describe()}. */
    private final byte[] textBytes;
    private final byte[] secondTextBytes;

    private HookArguments(NativeConnection connection, NativeMessage message, byte[] text, byte[] secondText) {
        this.connection = connection;
        this.message = message;
        this.textBytes = text;
        this.secondTextBytes = secondText;
        this.text = text == null ? 0 : copy(text);
        this.textSize = text == null ? 0 : text.length;
        this.textOwned = true;
        this.secondText = secondText == null ? 0 : copy(secondText);
        this.secondTextSize = secondText == null ? 0 : secondText.length;
    }

    private HookArguments(NativeConnection connection, ByteBuffer direct) {
        this.connection = connection;
        this.message = null;
        this.textBytes = new byte[Math.min(direct.remaining(), DESCRIBED_TEXT * 4)];
        direct.duplicate().get(textBytes);
        this.text = Pointer.nativeValue(Native.getDirectBufferPointer(direct)) + direct.position();
        this.textSize = direct.remaining();
        this.textOwned = false;
        this.secondTextBytes = null;
        this.secondText = 0;
        this.secondTextSize = 0;
    }

    private static long copy(byte[] bytes) {
        long address = LibMqHost.mqhost_copy(bytes, bytes.length);
        if (address == 0) {
            throw new OutOfMemoryError("cannot copy " + bytes.length + " bytes for a hook");
        }
        return address;
    }

    /** For mq_context_initialize and mq_context_cleanup. */
    public static HookArguments none() {
        return new HookArguments(null, null, null, null);
    }

    /** For mq_smtp_in_connect, mq_smtp_in_secure and mq_smtp_in_close. */
    public static HookArguments connection(NativeConnection connection) {
        return new HookArguments(connection, null, null, null);
    }

    /** For mq_smtp_in_mailfrom, mq_smtp_in_rcptto (an MQ_Address from 4.0) and mq_smtp_in_data. */
    public static HookArguments text(NativeConnection connection, byte[] text) {
        return new HookArguments(connection, null, text, null);
    }

    /**
     * For mq_smtp_in_data: the buffer's bytes. A {@code direct} buffer must be followed by a NUL
     * byte in memory and stay valid until the run ends; it is passed without a copy.
     */
    public static HookArguments text(NativeConnection connection, ByteBuffer bytes, boolean direct) {
        if (direct) {
            return new HookArguments(connection, bytes);
        }
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        return text(connection, copy);
    }

    /** For mq_smtp_in_authenticate. */
    public static HookArguments credentials(NativeConnection connection, byte[] login, byte[] password) {
        return new HookArguments(connection, null, login, password);
    }

    /** For mq_smtp_in_message, mq_smtp_out_data and mq_smtp_out_sent. */
    public static HookArguments message(NativeConnection connection, NativeMessage message) {
        return new HookArguments(connection, message, null, null);
    }

    /**
     * What the hook receives after the connection, for traces: the text of
     * MAIL FROM, RCPT TO and DATA (a MIME body cut after {@value #DESCRIBED_TEXT}
     * characters), the login of AUTH (the password masked), the JSON of a
     * message as it is before the hook, or the empty string.
     */
    public String describe() {
        if (message != null) {
            return message.json();
        }
        if (secondTextBytes != null) {
            return "login=" + text(textBytes, textSize) + " password=" + "*".repeat(Math.min(secondTextBytes.length, 16));
        }
        return textBytes == null ? "" : text(textBytes, textSize);
    }

    /** The connection the hook receives, or null. */
    NativeConnection connection() {
        return connection;
    }

    /** Whether {@link #describe()} is a message's JSON. */
    public boolean describesMessage() {
        return message != null;
    }

    /** The longest text {@link #describe()} gives whole. */
    public static final int DESCRIBED_TEXT = 2048;

    private static String text(byte[] bytes, long size) {
        String text = LosslessUtf8.toText(java.util.Arrays.copyOf(bytes, Math.min(bytes.length, DESCRIBED_TEXT * 4)));
        return text.length() <= DESCRIBED_TEXT && size == bytes.length ? text
                : text.substring(0, Math.min(text.length(), DESCRIBED_TEXT)) + "... (" + size + " bytes)";
    }

    /**
     * Calls the hook at fn, whose parameters have this shape, for one plugin, its context and view of
     * the connection handed to call; true when the plugin took control.
     */
    boolean invoke(HookShape shape, long fn, long context, long call, int plugin) {
        long shared = connection == null ? 0 : connection.address();
        return switch (shape) {
            case CONTEXT -> HookCalls.context(fn, context, call);
            case VOID_CONTEXT -> {
                HookCalls.voidContext(fn, context, call);
                yield false;
            }
            case CONNECTION -> HookCalls.connection(fn, context, call, shared, plugin);
            case TEXT -> HookCalls.text(fn, context, call, shared, plugin, text, textSize);
            case ADDRESS -> HookCalls.object(fn, context, call, shared, plugin, address());
            case CREDENTIALS -> HookCalls.credentials(fn, context, call, shared, plugin,
                    text, textSize, secondText, secondTextSize);
            case MESSAGE -> HookCalls.object(fn, context, call, shared, plugin, message.address());
        };
    }

    private long address() {
        if (address == 0) {
            address = LibMqHost.mqhost_address_new(text, textSize);
            if (address == 0) {
                throw new OutOfMemoryError("cannot allocate an MQ_Address");
            }
        }
        return address;
    }

    @Override
    public void close() {
        if (address != 0) {
            LibMqHost.mqhost_free(address);
        }
        if (text != 0 && textOwned) {
            LibMqHost.mqhost_free(text);
        }
        if (secondText != 0) {
            LibMqHost.mqhost_free(secondText);
        }
    }
}
