package dev.mqkit.runtime.host;

/**
 * libmqhost's hook trampolines, the one crossing from Java into C per hook
 * call. They are plain JNI rather than JNA like the rest of {@link LibMqHost}:
 * a JNA direct-mapped call goes through libffi and costs 80 to 140 ns, a JNI
 * call with the same arguments 6 to 8 ns (bench/dispatch.sh), and this is the
 * runtime's hottest path. Each trampoline marks the context with the call it is handed to,
 * picks plugin number {@code plugin}'s view of the connection (0: none) and
 * calls the hook at {@code fn}; the result is what the hook returned.
 * Bound by {@link LibMqHost#load()}.
 */
final class HookCalls {

    private HookCalls() {}

    static native boolean context(long fn, long context, long call);

    static native boolean connection(long fn, long context, long call, long connection, int plugin);

    static native boolean text(long fn, long context, long call, long connection, int plugin, long text, long size);

    static native boolean credentials(long fn, long context, long call, long connection, int plugin,
            long login, long loginSize, long passwd, long passwdSize);

    static native boolean message(long fn, long context, long call, long connection, int plugin, long message);
}
