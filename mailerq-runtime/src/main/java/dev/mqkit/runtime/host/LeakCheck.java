package dev.mqkit.runtime.host;

import java.lang.System.Logger.Level;

/**
 * LeakSanitizer's check, run once the plugins have cleaned up. A sanitized run (the runtime's JVM with
 * libasan or liblsan preloaded, {@code leak_check_at_exit=0}) checks here rather than at exit: the report
 * comes while the JVM still runs, and it does not change the exit code, which stays the runtime's own.
 * Without a sanitizer runtime it does nothing.
 */
public final class LeakCheck {

    private static final System.Logger LOG = System.getLogger("dev.mqkit.runtime.host");

    private LeakCheck() {}

    /** Checks for leaks if LeakSanitizer is loaded; true when it reported some (on stderr). */
    public static boolean run() {
        LibMqHost.load();
        int found = LibMqHost.mqhost_leak_check();
        if (found > 0) {
            LOG.log(Level.WARNING, "LeakSanitizer found leaks: its report is on stderr");
        } else if (found == 0) {
            LOG.log(Level.INFO, "LeakSanitizer found no leaks");
        }
        return found > 0;
    }
}
