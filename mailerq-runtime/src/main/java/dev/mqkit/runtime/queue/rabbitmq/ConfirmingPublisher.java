package dev.mqkit.runtime.queue.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import dev.mqkit.runtime.queue.QueuesUnavailableException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One channel in confirm mode: each publication's future completes when the broker confirms it (for a
 * persistent message on a durable queue: once it is on disk) and fails when the broker refuses it or the
 * channel goes before the confirm came. Used from one thread at a time (the publishing thread), so that
 * sequence numbers and publications stay in step.
 */
final class ConfirmingPublisher {
    private final Channel channel;
    private final ConcurrentSkipListMap<Long, CompletableFuture<Void>> pending = new ConcurrentSkipListMap<>();

    ConfirmingPublisher(Connection connection) throws IOException {
        channel = connection.createChannel();
        channel.confirmSelect();
        channel.addConfirmListener(new ConfirmListener() {
            @Override
            public void handleAck(long seq, boolean multiple) {
                settle(seq, multiple, null);
            }

            @Override
            public void handleNack(long seq, boolean multiple) {
                settle(seq, multiple, new QueuesUnavailableException("RabbitMQ did not take the message (nack)"));
            }
        });
        channel.addShutdownListener(cause -> failAll(new QueuesUnavailableException(
                "the RabbitMQ channel closed before the broker confirmed: " + cause.getMessage(), cause)));
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /** Publishes; the future completes when the broker confirmed. */
    void publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body,
                 CompletableFuture<Void> confirmed) {
        long seq = channel.getNextPublishSeqNo();
        pending.put(seq, confirmed);
        try {
            channel.basicPublish(exchange, routingKey, properties, body);
        } catch (IOException | RuntimeException e) {
            pending.remove(seq);
            confirmed.completeExceptionally(new QueuesUnavailableException("cannot publish to RabbitMQ: " + e, e));
            return;
        }
        if (!channel.isOpen() && pending.remove(seq) != null) {
            // closed under our feet: the shutdown listener may have run before the put
            confirmed.completeExceptionally(new QueuesUnavailableException("the RabbitMQ channel closed"));
        }
    }

    private void settle(long seq, boolean multiple, RuntimeException failure) {
        if (multiple) {
            ConcurrentNavigableMap<Long, CompletableFuture<Void>> done = pending.headMap(seq, true);
            for (Map.Entry<Long, CompletableFuture<Void>> entry : done.entrySet()) {
                complete(entry.getValue(), failure);
            }
            done.clear();
        } else {
            CompletableFuture<Void> one = pending.remove(seq);
            if (one != null) {
                complete(one, failure);
            }
        }
    }

    private static void complete(CompletableFuture<Void> future, RuntimeException failure) {
        if (failure == null) {
            future.complete(null);
        } else {
            future.completeExceptionally(failure);
        }
    }

    void failAll(QueuesUnavailableException why) {
        while (!pending.isEmpty()) {
            Map.Entry<Long, CompletableFuture<Void>> first = pending.pollFirstEntry();
            if (first != null) {
                first.getValue().completeExceptionally(why);
            }
        }
    }
}
