package dev.mqkit.runtime.host;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The running plugin hosts of this process, by the id their native objects carry. */
final class HostRegistry {

    private static final ConcurrentHashMap<Integer, PluginHost> HOSTS = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT_ID = new AtomicInteger(1);

    private HostRegistry() {}

    static int register(PluginHost host) {
        int id = NEXT_ID.getAndIncrement();
        HOSTS.put(id, host);
        return id;
    }

    static void unregister(int id) {
        HOSTS.remove(id);
    }

    /** The running hosts, for a call that names no host (MQ_log). */
    static java.util.Collection<PluginHost> all() {
        return HOSTS.values();
    }

    static PluginHost find(int id) {
        return HOSTS.get(id);
    }
}
