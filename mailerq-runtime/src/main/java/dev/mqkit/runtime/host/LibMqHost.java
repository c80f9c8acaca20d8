package dev.mqkit.runtime.host;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import dev.mqkit.api.json.LosslessUtf8;
import java.io.File;
import java.io.IOException;
import java.util.Map;

/**
 * libmqhost, the C library that defines every MQ_ function for plugins, bound
 * with JNA direct mapping, but for the hook trampolines of {@link HookCalls}.
 * Pointers travel as {@code long} addresses (64-bit Linux only), so a hook
 * call allocates nothing on the Java side.
 */
final class LibMqHost {

    private static final String RESOURCE = "/dev/mqkit/runtime/host/libmqhost.so";
    private static final int RTLD_NOW = 0x2;
    private static final int RTLD_GLOBAL = 0x100;

    private LibMqHost() {}

    /** Loads libmqhost once per process, with global symbol visibility so plugins resolve MQ_ against it. */
    static synchronized void load() {
        if (loaded) {
            return;
        }
        File file;
        try {
            file = Native.extractFromResourcePath(RESOURCE, LibMqHost.class.getClassLoader());
        } catch (IOException e) {
            throw new IllegalStateException("cannot extract " + RESOURCE + " from the runtime jar", e);
        }
        // Strings (JSON, paths) cross as UTF-8 whatever the JVM's default charset: under a POSIX
        // locale Java 17 defaults to US-ASCII and JNA would turn every non-ASCII character into '?'
        NativeLibrary library = NativeLibrary.getInstance(file.getAbsolutePath(),
                Map.of(Library.OPTION_OPEN_FLAGS, RTLD_NOW | RTLD_GLOBAL, Library.OPTION_STRING_ENCODING, "UTF-8"));
        Native.register(LibMqHost.class, library);
        // the same library again for the JVM's own linker: HookCalls' trampolines are JNI
        System.load(file.getAbsolutePath());
        mqhost_install(Callbacks.HANDBACK, Callbacks.SEND, Callbacks.WATCH, Callbacks.UNWATCH,
                Callbacks.TIMER_START, Callbacks.TIMER_STOP, Callbacks.TIMER_RESET, Callbacks.REPORT,
                Callbacks.PLUGIN_LOG);
        loaded = true;
    }

    private static boolean loaded;

    // --- callbacks, implemented in Callbacks -----------------------------------

    interface HandbackCallback extends Callback {
        void invoke(int host, int worker, int plugin, long call, int how);
    }

    interface SendCallback extends Callback {
        long invoke(int host, long connection, int plugin, Pointer buffer, long size);
    }

    interface WatchCallback extends Callback {
        void invoke(int host, int worker, int plugin, long watcher, int fd, int events);
    }

    interface UnwatchCallback extends Callback {
        void invoke(int host, int worker, long watcher);
    }

    interface TimerCallback extends Callback {
        void invoke(int host, int worker, int plugin, long timer, float timeout);
    }

    interface LogCallback extends Callback {
        void invoke(int host, int plugin, int level, String message);
    }

    interface PluginLogCallback extends Callback {
        void invoke(long base, String file, int priority, String message);
    }

    // --- natives ---------------------------------------------------------------

    static native void mqhost_install(HandbackCallback handback, SendCallback send, WatchCallback watch,
            UnwatchCallback unwatch, TimerCallback timerStart, TimerCallback timerStop, TimerCallback timerReset,
            LogCallback log, PluginLogCallback pluginLog);

    static native int mqhost_json_load(int library);

    static native long mqhost_plugin_open(String path, byte[] error, int size);

    static native long mqhost_plugin_symbol(long handle, String name);

    static native long mqhost_object_base(long address);

    static native long mqhost_slots_new(int plugins);

    static native long mqhost_context_new(int host, int worker, int plugin, long data);

    static native long mqhost_connection_new(int host, int worker, long id, int fd, int plugins);

    static native void mqhost_connection_set_secure(long connection, int secure);

    static native int mqhost_connection_authenticated(long connection);

    static native void mqhost_connection_set_authenticated(long connection, int authenticated);

    static native void mqhost_connection_free(long connection);

    /** {@code json}: the JSON text's bytes with a NUL after them (so bytes that are not UTF-8 cross as they are). */
    static native long mqhost_message_new(byte[] json, int library, int outgoing, String envelope, String recipient,
            byte[] mime, long mimeSize, int local);

    static native long mqhost_message_json(long message);

    static native long mqhost_message_envelope(long message);

    static native long mqhost_message_recipient(long message);

    static native long mqhost_message_mime(long message, long[] size);

    static native int mqhost_message_local(long message);

    static native void mqhost_message_free(long message);

    static native long mqhost_copy(byte[] bytes, long size);

    static native void mqhost_free(long pointer);

    static native long mqhost_address_new(long text, long size);

    static native int mqhost_call_version(long fn);

    static native void mqhost_call_void(long fn);

    static native int mqhost_leak_check();

    static native int mqhost_watcher_fire(long watcher, int events);

    static native void mqhost_timer_fire(long timer);

    static native int mqhost_crash_handler_install(String path);

    /** A NUL-terminated string at address, bytes that are not UTF-8 kept as {@link LosslessUtf8} escapes; null for 0. */
    static String string(long address) {
        if (address == 0) {
            return null;
        }
        Pointer text = new Pointer(address);
        return LosslessUtf8.toText(text.getByteArray(0, Math.toIntExact(text.indexOf(0, (byte) 0))));
    }
}
