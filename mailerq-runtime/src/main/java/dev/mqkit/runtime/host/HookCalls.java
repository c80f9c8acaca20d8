package dev.mqkit.runtime.host;

/**
 * libmqhost's hook trampolines, the one crossing from Java into C per hook
 * call. They are plain JNI rather than JNA like the rest of {@link LibMqHost}:
 * a JNA direct-mapped call goes through libffi and costs 80 to 140 ns, a JNI
 * call with the same arguments 6 to 8 ns (bench/dispatch.sh), and this is the
 * runtime's hottest path. Each trampoline marks the context, and plugin number
 * {@code plugin}'s view of the connection (0: none), with the call they are
 * handed to (the hand-back token of either generation) and calls the hook at
 * {@code fn}; the result is what the hook returned. Bound by {@link LibMqHost#load()}.
 */
final class HookCalls {

    private HookCalls() {}

    static native boolean context(long fn, long context, long call);

    /** The 4.0+ context hooks, which return nothing. */
    static native void voidContext(long fn, long context, long call);

    static native boolean connection(long fn, long context, long call, long connection, int plugin);

    static native boolean text(long fn, long context, long call, long connection, int plugin, long text, long size);

    static native boolean credentials(long fn, long context, long call, long connection, int plugin,
            long login, long loginSize, long passwd, long passwdSize);

    /** A hook whose third parameter is a pointer: an MQ_Message, or (4.0+) an MQ_Address. */
    static native boolean object(long fn, long context, long call, long connection, int plugin, long object);
}
