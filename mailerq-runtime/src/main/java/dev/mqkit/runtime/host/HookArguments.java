package dev.mqkit.runtime.host;

/**
 * What a hook receives after its context, copied to native memory once per
 * run of the chain and freed when the run ends.
 */
public final class HookArguments implements AutoCloseable {

    private final NativeConnection connection;
    private final NativeMessage message;
    private final long text;
    private final long textSize;
    private final long secondText;
    private final long secondTextSize;

    private HookArguments(NativeConnection connection, NativeMessage message, byte[] text, byte[] secondText) {
        this.connection = connection;
        this.message = message;
        this.text = text == null ? 0 : copy(text);
        this.textSize = text == null ? 0 : text.length;
        this.secondText = secondText == null ? 0 : copy(secondText);
        this.secondTextSize = secondText == null ? 0 : secondText.length;
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

    /** For mq_smtp_in_mailfrom, mq_smtp_in_rcptto and mq_smtp_in_data. */
    public static HookArguments text(NativeConnection connection, byte[] text) {
        return new HookArguments(connection, null, text, null);
    }

    /** For mq_smtp_in_authenticate. */
    public static HookArguments credentials(NativeConnection connection, byte[] login, byte[] password) {
        return new HookArguments(connection, null, login, password);
    }

    /** For mq_smtp_in_message and mq_smtp_out_data. */
    public static HookArguments message(NativeConnection connection, NativeMessage message) {
        return new HookArguments(connection, message, null, null);
    }

    /** Calls the hook at fn for one plugin; true when the plugin took control. */
    boolean invoke(Hook hook, long fn, long context, int plugin) {
        long view = connection == null ? 0 : connection.view(plugin);
        int result = switch (hook.shape()) {
            case CONTEXT -> LibMqHost.mqhost_call_context(fn, context);
            case CONNECTION -> LibMqHost.mqhost_call_connection(fn, context, view);
            case TEXT -> LibMqHost.mqhost_call_text(fn, context, view, text, textSize);
            case CREDENTIALS -> LibMqHost.mqhost_call_credentials(fn, context, view,
                    text, textSize, secondText, secondTextSize);
            case MESSAGE -> LibMqHost.mqhost_call_message(fn, context, view, message.address());
        };
        return (result & 0xff) != 0;
    }

    @Override
    public void close() {
        if (text != 0) {
            LibMqHost.mqhost_free(text);
        }
        if (secondText != 0) {
            LibMqHost.mqhost_free(secondText);
        }
    }
}
