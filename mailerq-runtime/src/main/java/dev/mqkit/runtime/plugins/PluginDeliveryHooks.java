package dev.mqkit.runtime.plugins;

import dev.mqkit.api.Hook;
import dev.mqkit.runtime.delivery.DeliveryConnection;
import dev.mqkit.runtime.delivery.DeliveryHooks;
import dev.mqkit.runtime.delivery.OutgoingMessage;
import dev.mqkit.runtime.host.HookArguments;
import dev.mqkit.runtime.host.NativeMessage;
import dev.mqkit.runtime.host.PluginHost;
import io.netty.buffer.Unpooled;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

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

    /** The wire values the plugins set go into the delivery, their JSON edits into the message. */
    @Override
    public CompletionStage<Void> outData(DeliveryConnection delivery, OutgoingMessage message) {
        return run(Hook.SMTP_OUT_DATA, delivery, message, edited -> {
            message.setEnvelope(edited.envelope());
            message.setRecipient(edited.recipient());
            byte[] mime = edited.mime();
            if (mime != null) {
                message.setMime(mime);
            }
        });
    }

    /** What went over the line is sent already: only JSON edits are kept. */
    @Override
    public CompletionStage<Void> outSent(DeliveryConnection delivery, OutgoingMessage message) {
        return run(Hook.SMTP_OUT_SENT, delivery, message, edited -> { });
    }

    /**
     * Runs an outgoing hook's chain on the message as the delivery has it now (the wire values and the
     * MIME earlier plugins set); then {@code keep} takes what it needs of the result, and the JSON edits
     * go into the message whose results are published.
     */
    private CompletionStage<Void> run(Hook hook, DeliveryConnection delivery, OutgoingMessage message,
            Consumer<NativeMessage> keep) {
        if (!host.exports(hook)) {
            return CompletableFuture.completedFuture(null);
        }
        PluginConnection connection = attach(delivery);
        NativeMessage nativeMessage = NativeMessage.outgoing(host, message.json().toString(), message.envelope(),
                message.recipient(), message.mime());
        CompletableFuture<Void> call = connection.worker.run(hook,
                HookArguments.message(connection.connection, nativeMessage));
        connection.running = call;
        return call.thenRun(() -> {
            try (nativeMessage) {
                keep.accept(nativeMessage);
                PluginJson.opened(nativeMessage).ifPresent(json -> message.json().removeAll().setAll(json));
            }
        });
    }

    /**
     * The plugins' view of an outgoing connection, made on first use and freed once it closed and its hook
     * call ended: a plugin that holds control (a timer before MQ_continue) while the peer closes still finds
     * the connection it hands back.
     */
    private PluginConnection attach(DeliveryConnection delivery) {
        PluginConnection attached = PluginConnection.of(delivery.channel());
        return attached != null ? attached : open(delivery);
    }

    private PluginConnection open(DeliveryConnection delivery) {
        PluginConnection opened = PluginConnection.open(host, delivery.channel(), delivery.fileDescriptor(), bytes -> {
            delivery.channel().writeAndFlush(Unpooled.wrappedBuffer(bytes));
            return bytes.length;
        });
        opened.connection.secure(delivery.secure());
        delivery.channel().closeFuture().addListener(closed -> opened.running.whenComplete(
                (done, failure) -> opened.worker.loop().execute(opened.connection::close)));
        return opened;
    }
}
