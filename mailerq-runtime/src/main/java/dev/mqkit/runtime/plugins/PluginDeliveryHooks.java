package dev.mqkit.runtime.plugins;

import dev.mqkit.runtime.delivery.DeliveryConnection;
import dev.mqkit.runtime.delivery.DeliveryHooks;
import dev.mqkit.runtime.delivery.OutgoingMessage;
import dev.mqkit.runtime.host.Hook;
import dev.mqkit.runtime.host.HookArguments;
import dev.mqkit.runtime.host.NativeConnection;
import dev.mqkit.runtime.host.NativeMessage;
import dev.mqkit.runtime.host.PluginHost;
import dev.mqkit.runtime.host.Worker;
import io.netty.buffer.Unpooled;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Outgoing delivery's hooks, answered by the plugins' mq_smtp_out_data chain
 * (the wire values they set go into the delivery, their JSON edits into the
 * message whose results are published) and, from 4.0, mq_smtp_out_sent (which
 * sees what went over the line; its JSON edits are kept too, its setters no
 * longer matter).
 */
public final class PluginDeliveryHooks implements DeliveryHooks {

    private final PluginHost host;

    public PluginDeliveryHooks(PluginHost host) {
        this.host = host;
    }

    @Override
    public CompletionStage<Void> outData(DeliveryConnection delivery, OutgoingMessage message) {
        if (!host.exports(Hook.SMTP_OUT_DATA)) {
            return CompletableFuture.completedFuture(null);
        }
        PluginConnection connection = attach(delivery);
        NativeMessage nativeMessage = NativeMessage.outgoing(host, message.json().toString(), message.envelope(),
                message.recipient(), message.mime());
        return connection.worker().run(Hook.SMTP_OUT_DATA,
                        HookArguments.message(connection.connection(), nativeMessage))
                .thenRun(() -> {
                    try (nativeMessage) {
                        message.setEnvelope(nativeMessage.envelope());
                        message.setRecipient(nativeMessage.recipient());
                        byte[] mime = nativeMessage.mime();
                        if (mime != null) {
                            message.setMime(mime);
                        }
                        PluginJson.opened(nativeMessage).ifPresent(json -> message.json().removeAll().setAll(json));
                    }
                });
    }

    @Override
    public CompletionStage<Void> outSent(DeliveryConnection delivery, OutgoingMessage message) {
        if (!host.exports(Hook.SMTP_OUT_SENT)) {
            return CompletableFuture.completedFuture(null);
        }
        PluginConnection connection = attach(delivery);
        NativeMessage nativeMessage = NativeMessage.outgoing(host, message.json().toString(), message.envelope(),
                message.recipient(), message.mime());
        return connection.worker().run(Hook.SMTP_OUT_SENT,
                        HookArguments.message(connection.connection(), nativeMessage))
                .thenRun(() -> {
                    try (nativeMessage) {
                        PluginJson.opened(nativeMessage).ifPresent(json -> message.json().removeAll().setAll(json));
                    }
                });
    }

    /** The plugins' view of an outgoing connection, made on first use and freed when it closes. */
    private PluginConnection attach(DeliveryConnection delivery) {
        if (delivery.attachment() instanceof PluginConnection attached) {
            return attached;
        }
        Worker worker = host.worker(delivery.channel().eventLoop());
        NativeConnection connection = host.openConnection(worker, delivery.fileDescriptor(), bytes -> {
            delivery.channel().writeAndFlush(Unpooled.wrappedBuffer(bytes));
            return bytes.length;
        });
        connection.secure(delivery.secure());
        PluginConnection attached = new PluginConnection(worker, connection);
        delivery.attach(attached);
        delivery.channel().closeFuture().addListener(closed -> worker.loop().execute(connection::close));
        return attached;
    }
}
