package dev.mqkit.runtime.queue.rabbitmq;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.mqkit.runtime.Failures;
import dev.mqkit.runtime.queue.MessageConsumer;
import dev.mqkit.runtime.queue.MessageQueues;
import dev.mqkit.runtime.queue.QueuesUnavailableException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A consumer of one queue with manual acknowledgements and a prefetch (basic.qos): a message is acked
 * when the consumer's stage completes, nacked back into the queue when it fails. On every connection it
 * attaches again on a channel of its own; deliveries of a lost channel go back to the queue on the broker,
 * so acks for them are dropped.
 */
final class RabbitSubscription implements MessageQueues.Subscription {
    private static final System.Logger LOG = System.getLogger(RabbitSubscription.class.getName());

    private final String queue;
    private final int prefetch;
    private final MessageConsumer consumer;
    private final Consumer<RabbitSubscription> onClose;
    private volatile Channel channel;
    private volatile String tag;
    private volatile boolean closed;

    RabbitSubscription(String queue, int prefetch, MessageConsumer consumer, Consumer<RabbitSubscription> onClose) {
        this.queue = queue;
        this.prefetch = prefetch;
        this.consumer = consumer;
        this.onClose = onClose;
    }

    synchronized void attach(Connection connection) throws IOException {
        if (closed) {
            return;
        }
        Channel opened = connection.createChannel();
        opened.basicQos(prefetch);
        channel = opened;
        tag = opened.basicConsume(queue, false, new DefaultConsumer(opened) {
            @Override
            public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
                                       byte[] body) {
                deliver(opened, envelope.getDeliveryTag(), body, properties);
            }
        });
    }

    private void deliver(Channel from, long deliveryTag, byte[] body, AMQP.BasicProperties properties) {
        ObjectNode message;
        try {
            message = RabbitQueues.parse(body, properties);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "queue '" + queue + "' holds a message that is not a JSON object (" + e.getMessage()
                    + "); it is rejected (dead-lettered where the queue says so, else dropped)");
            settle(from, deliveryTag, false, false);
            return;
        }
        CompletionStage<?> done;
        try {
            done = consumer.handle(message);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "consumer of queue '" + queue + "' failed; the message is rejected", e);
            settle(from, deliveryTag, false, false);
            return;
        }
        if (done == null) {
            settle(from, deliveryTag, true, false);
            return;
        }
        done.whenComplete((ok, error) -> {
            if (error != null) {
                Throwable cause = Failures.unwrap(error);
                if (!(cause instanceof QueuesUnavailableException)) {
                    LOG.log(Level.ERROR, "consumer of queue '" + queue + "' failed; the message goes back", cause);
                }
            }
            settle(from, deliveryTag, error == null, true);
        });
    }

    /** Acks, or nacks with or without requeue; a channel that has gone already gave the message back. */
    private static void settle(Channel from, long deliveryTag, boolean ack, boolean requeue) {
        if (!from.isOpen()) {
            return;
        }
        try {
            if (ack) {
                from.basicAck(deliveryTag, false);
            } else {
                from.basicNack(deliveryTag, false, requeue);
            }
        } catch (IOException | RuntimeException e) {
            // the channel went meanwhile: the broker hands the message out again
        }
    }

    /** Stops deliveries; those in progress can still be acked, until the connection closes. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        onClose.accept(this);
        Channel current = channel;
        if (current != null && current.isOpen() && tag != null) {
            try {
                current.basicCancel(tag);
            } catch (IOException | RuntimeException e) {
                // gone already
            }
        }
    }
}
