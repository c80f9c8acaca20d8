package dev.mqkit.runtime.host;

import dev.mqkit.api.Hook;
import dev.mqkit.api.MailerqRelease.Generation;
import dev.mqkit.api.ReleaseApi;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A loaded plugin: its file, its place in the order and the hooks it exports. */
public final class Plugin {

    /**
     * Every function a plugin may export, in the order a run calls them: what reports list, so that
     * a plugin's exports read as its life in the host.
     */
    public static final List<String> LIFECYCLE = List.of("mq_version", "mq_initialize",
            Hook.CONTEXT_INITIALIZE.symbol(), Hook.SMTP_IN_CONNECT.symbol(), Hook.SMTP_IN_SECURE.symbol(),
            Hook.SMTP_IN_AUTHENTICATE.symbol(), Hook.SMTP_IN_MAILFROM.symbol(), Hook.SMTP_IN_RCPTTO.symbol(),
            Hook.SMTP_IN_DATA.symbol(), Hook.SMTP_IN_MESSAGE.symbol(), Hook.SMTP_IN_CLOSE.symbol(),
            Hook.SMTP_OUT_DATA.symbol(), Hook.SMTP_OUT_SENT.symbol(), Hook.CONTEXT_CLEANUP.symbol(), "mq_cleanup");

    private final Path file;
    private final int index;
    private final long handle;
    private final long[] hooks = new long[Hook.values().length];
    private final long initialize;
    private final long cleanup;
    private final int version;
    private final ReleaseApi api;
    /** Where the plugin's file is loaded: how an MQ_log call is traced to its plugin. */
    private final long base;

    /** A plugin of the release's API: hooks the release lacks (mq_smtp_out_sent before 4.0) are never called. */
    Plugin(Path file, int index, long handle, int version, ReleaseApi api) {
        this.file = file;
        this.index = index;
        this.handle = handle;
        this.version = version;
        this.api = api;
        for (Hook hook : Hook.values()) {
            hooks[hook.ordinal()] = hook.in(api) ? symbol(hook.symbol()) : 0;
        }
        this.base = LibMqHost.mqhost_object_base(symbol("mq_version"));
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

    /** The API generation it was loaded for: the played release's. */
    public Generation generation() {
        return api.generation();
    }

    /** The API of the played release it was loaded for: how its functions are named in messages. */
    public ReleaseApi api() {
        return api;
    }

    /** What its mq_version() returned when it was loaded. */
    public int version() {
        return version;
    }

    /** The functions of {@link #LIFECYCLE} it exports, in that order: mq_version always, the others if defined. */
    public List<String> exportedFunctions() {
        List<String> exported = new ArrayList<>();
        for (String function : LIFECYCLE) {
            if (exports(function)) {
                exported.add(function);
            }
        }
        return exported;
    }

    /** Whether it exports {@code function}, a name of {@link #LIFECYCLE}. */
    public boolean exports(String function) {
        return switch (function) {
            case "mq_version" -> true;
            case "mq_initialize" -> initialize != 0;
            case "mq_cleanup" -> cleanup != 0;
            default -> hooks[hookOf(function).ordinal()] != 0;
        };
    }

    private static Hook hookOf(String symbol) {
        for (Hook hook : Hook.values()) {
            if (hook.symbol().equals(symbol)) {
                return hook;
            }
        }
        throw new IllegalArgumentException(symbol + " is not a function of the plugin API");
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

    long base() {
        return base;
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
