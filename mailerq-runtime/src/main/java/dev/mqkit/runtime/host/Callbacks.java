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
            dispatch(host, "MQ_Continue/MQ_Complete/MQ_Retry",
                    h -> h.worker(worker).handBack(plugin, call, HandBack.values()[how]));

    static final LibMqHost.SendCallback SEND = (host, connection, plugin, buffer, size) -> {
        PluginHost target = HostRegistry.find(host);
        if (target == null || size <= 0) {
            return 0;
        }
        return target.send(connection, plugin, buffer.getByteArray(0, Math.toIntExact(size)));
    };

    static final LibMqHost.WatchCallback WATCH = (host, worker, plugin, watcher, fd, events) ->
            dispatch(host, "MQ_IOWatch", h -> h.worker(worker).watch(plugin, watcher, fd, events));

    static final LibMqHost.UnwatchCallback UNWATCH = (host, worker, watcher) ->
            dispatch(host, "MQ_IOUnwatch", h -> h.worker(worker).unwatch(watcher));

    static final LibMqHost.TimerCallback TIMER_START = (host, worker, plugin, timer, timeout) ->
            dispatch(host, "MQ_TimerStart", h -> h.worker(worker).startTimer(plugin, timer, timeout));

    static final LibMqHost.TimerCallback TIMER_STOP = (host, worker, plugin, timer, timeout) ->
            dispatch(host, "MQ_TimerStop", h -> h.worker(worker).stopTimer(timer));

    static final LibMqHost.TimerCallback TIMER_RESET = (host, worker, plugin, timer, timeout) ->
            dispatch(host, "MQ_TimerReset", h -> h.worker(worker).resetTimer(plugin, timer, timeout));

    static final LibMqHost.LogCallback REPORT = (host, plugin, level, message) -> {
        PluginHost target = HostRegistry.find(host);
        if (target != null) {
            target.report(plugin, level == 2 ? Level.ERROR : Level.WARNING, message);
        } else {
            LOG.log(level == 2 ? Level.ERROR : Level.WARNING, message);
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
