package dev.mqkit.runtime.host;

import java.nio.file.Path;

/**
 * libmqhost's handler of a crash in plugin code: installed in front of the JVM's own, it appends the signal
 * and the native frames of the plugin, unwound with its unwind tables, to a file (the crash log) and then
 * hands the signal on, so the JVM still writes its error report. The JVM alone names the innermost frame
 * only. For test runs.
 */
public final class CrashHandler {

    private CrashHandler() {}

    /** Installs it, reporting to {@code file}; once per process, before the plugins are loaded. */
    public static void install(Path file) {
        LibMqHost.load();
        if (LibMqHost.mqhost_crash_handler_install(file.toAbsolutePath().toString()) != 0) {
            throw new IllegalStateException("cannot install the crash handler reporting to " + file);
        }
    }
}
