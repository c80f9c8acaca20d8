package dev.mqkit.runtime.delivery;

/** What the plugins do during an outgoing delivery; the plugin host implements it with mq_smtp_out_data. */
public interface DeliveryHooks {
    /** After DATA was accepted (354), before the MIME is sent; may complete on any thread — continue on the channel's loop. */
    java.util.concurrent.CompletionStage<Void> outData(DeliveryConnection connection, OutgoingMessage message);

    DeliveryHooks NONE = (c, m) -> java.util.concurrent.CompletableFuture.completedFuture(null);
}
