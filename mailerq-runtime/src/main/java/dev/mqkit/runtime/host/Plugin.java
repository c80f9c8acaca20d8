package dev.mqkit.runtime.host;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/** A loaded plugin: its file, its place in the order and the hooks it exports. */
public final class Plugin {

    private final Path file;
    private final int index;
    private final long handle;
    private final long[] hooks = new long[Hook.values().length];
    private final long initialize;
    private final long cleanup;

    Plugin(Path file, int index, long handle) {
        this.file = file;
        this.index = index;
        this.handle = handle;
        for (Hook hook : Hook.values()) {
            hooks[hook.ordinal()] = symbol(hook.symbol());
        }
        this.initialize = symbol("mq_initialize");
        this.cleanup = symbol("mq_cleanup");
    }

    /** The plugin's file name, e.g. 10-example.so: how errors and logs name it. */
    public String name() {
        return file.getFileName().toString();
    }

    public Path file() {
        return file;
    }

    /** Its position in the load order, from 0. */
    public int index() {
        return index;
    }

    public boolean exports(Hook hook) {
        return hooks[hook.ordinal()] != 0;
    }

    /** The hooks it exports, in the order of {@link Hook}. */
    public Set<Hook> hooks() {
        EnumSet<Hook> exported = EnumSet.noneOf(Hook.class);
        for (Hook hook : Hook.values()) {
            if (exports(hook)) {
                exported.add(hook);
            }
        }
        return exported;
    }

    long address(Hook hook) {
        return hooks[hook.ordinal()];
    }

    /** Any symbol the plugin defines, or 0. */
    long symbol(String name) {
        return LibMqHost.mqhost_plugin_symbol(handle, name);
    }

    void initialize() {
        if (initialize != 0) {
            LibMqHost.mqhost_call_void(initialize);
        }
    }

    void cleanup() {
        if (cleanup != 0) {
            LibMqHost.mqhost_call_void(cleanup);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
