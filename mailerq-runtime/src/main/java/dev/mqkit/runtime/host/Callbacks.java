package dev.mqkit.runtime.host;

import java.lang.System.Logger.Level;

/**
 * The Java ends of libmqhost's callbacks: each finds the plugin host the
 * native object belongs to and hands the call to it. Held in static fields
 * so that JNA's native stubs are never collected.
 */
final class Callbacks {

    private static final System.Logger LOG = System.getLogger("dev.mqkit.runtime.host");

    private Callbacks() {}

    static final LibMqHost.HandbackCallback HANDBACK = (host, worker, plugin, call, how) ->
            dispatch(host, "a hand-back (MQ_Continue/MQ_continue, ...)",
                    h -> h.worker(worker).handBack(plugin, call, HandBack.values()[how]));

    static final LibMqHost.SendCallback SEND = (host, connection, plugin, buffer, size) -> {
        PluginHost target = HostRegistry.find(host);
        if (target == null || size <= 0) {
            return 0;
        }
        return target.send(connection, plugin, buffer.getByteArray(0, Math.toIntExact(size)));
    };

    static final LibMqHost.WatchCallback WATCH = (host, worker, plugin, watcher, fd, events) ->
            dispatch(host, "an I/O watch", h -> h.worker(worker).watch(plugin, watcher, fd, events));

    static final LibMqHost.UnwatchCallback UNWATCH = (host, worker, watcher) ->
            dispatch(host, "an I/O unwatch", h -> h.worker(worker).unwatch(watcher));

    static final LibMqHost.TimerCallback TIMER_START = (host, worker, plugin, timer, timeout) ->
            dispatch(host, "a timer start", h -> h.worker(worker).startTimer(plugin, timer, timeout));

    static final LibMqHost.TimerCallback TIMER_STOP = (host, worker, plugin, timer, timeout) ->
            dispatch(host, "a timer stop", h -> h.worker(worker).stopTimer(timer));

    static final LibMqHost.TimerCallback TIMER_RESET = (host, worker, plugin, timer, timeout) ->
            dispatch(host, "a timer reset", h -> h.worker(worker).resetTimer(plugin, timer, timeout));

    static final LibMqHost.LogCallback REPORT = (host, plugin, level, message) -> {
        PluginHost target = HostRegistry.find(host);
        if (target != null) {
            target.report(plugin, level == 2 ? Level.ERROR : Level.WARNING, message);
        } else {
            LOG.log(level == 2 ? Level.ERROR : Level.WARNING, message);
        }
    };

    /**
     * MQ_log names no host or plugin: the host whose plugin is loaded where the caller's code is logs
     * it (one library loaded twice is one file at one place, so each host that loaded it does).
     */
    static final LibMqHost.PluginLogCallback PLUGIN_LOG = (base, file, priority, message) -> {
        try {
            boolean logged = false;
            for (PluginHost host : HostRegistry.all()) {
                Plugin plugin = base == 0 ? null : host.pluginAt(base);
                if (plugin != null) {
                    host.logged(plugin.name(), priority, message);
                    logged = true;
                }
            }
            if (!logged) {
                // code of no plugin (a library in lib/): named by its file, in the first running host's log
                String source = file == null ? "unknown" : java.nio.file.Path.of(file).getFileName().toString();
                HostRegistry.all().stream().findFirst().ifPresentOrElse(host -> host.logged(source, priority, message),
                        () -> LOG.log(LogPriority.of(priority).level(), LogPriority.line(source, priority, message)));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "MQ_log failed in the runtime", e);
        }
    };

    /** Never lets an exception unwind into the plugin's C frames. */
    private static void dispatch(int host, String function, java.util.function.Consumer<PluginHost> action) {
        PluginHost target = HostRegistry.find(host);
        if (target == null) {
            LOG.log(Level.ERROR, function + " called on a plugin host that has stopped; ignored");
            return;
        }
        try {
            action.accept(target);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, function + " failed in the runtime", e);
        }
    }
}
