package dev.mqkit.runtime.plugins;

import dev.mqkit.runtime.host.NativeConnection;
import dev.mqkit.runtime.host.PluginHost;
import dev.mqkit.runtime.host.Worker;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.concurrent.CompletableFuture;

/**
 * The plugins' view of one connection, incoming or outgoing, kept on its channel: the worker it runs
 * on, its native connection, and the hook call that runs on it now or ran last.
 */
final class PluginConnection {
    private static final AttributeKey<PluginConnection> KEY = AttributeKey.valueOf(PluginConnection.class, "plugins");

    final Worker worker;
    final NativeConnection connection;
    volatile CompletableFuture<Void> running = CompletableFuture.completedFuture(null);

    private PluginConnection(Worker worker, NativeConnection connection) {
        this.worker = worker;
        this.connection = connection;
    }

    /**
     * Opens the native connection of {@code channel} on the worker of the channel's event loop and
     * keeps it on the channel; what the plugins send (MQ_SmtpSend) goes to {@code output}.
     */
    static PluginConnection open(PluginHost host, Channel channel, int fileDescriptor, NativeConnection.Output output) {
        Worker worker = host.worker(channel.eventLoop());
        PluginConnection opened = new PluginConnection(worker, host.openConnection(worker, fileDescriptor, output));
        channel.attr(KEY).set(opened);
        return opened;
    }

    /** The native connection opened for {@code channel}, or null when none was. */
    static PluginConnection of(Channel channel) {
        return channel.attr(KEY).get();
    }
}
