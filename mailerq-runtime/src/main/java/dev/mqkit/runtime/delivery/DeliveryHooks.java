package dev.mqkit.runtime.delivery;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the plugins do during an outgoing delivery; the plugin host implements it with
 * mq_smtp_out_data and (4.0+) mq_smtp_out_sent. Stages may complete on any thread: continue on
 * the channel's loop.
 */
public interface DeliveryHooks {
    /** After DATA was accepted (354), before the MIME is sent. */
    CompletionStage<Void> outData(DeliveryConnection connection, OutgoingMessage message);

    /** After the whole MIME went out, before the reply to it is handled. */
    default CompletionStage<Void> outSent(DeliveryConnection connection, OutgoingMessage message) {
        return CompletableFuture.completedFuture(null);
    }

    DeliveryHooks NONE = (c, m) -> CompletableFuture.completedFuture(null);
}
