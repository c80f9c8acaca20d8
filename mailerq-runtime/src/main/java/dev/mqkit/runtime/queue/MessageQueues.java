package dev.mqkit.runtime.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The message queues between the runtime's parts: SMTP in publishes to the inbox, delivery consumes
 * the outbox and publishes to results, success, failure and retry. The embedded default is
 * {@link InMemoryQueues}; a RabbitMQ backend implements the same interface with the same names.
 */
public interface MessageQueues extends AutoCloseable {
    /** The configured names of the queues. */
    QueueNames names();

    /** Adds a copy of {@code message} to the end of {@code queue} (later changes to it are not seen). */
    void publish(String queue, ObjectNode message);

    /**
     * Hands the messages of {@code queue}, present and future, to {@code consumer}, at most
     * {@code prefetch} unfinished ones at a time; several consumers of one queue share its messages.
     *
     * @return closing it stops further hand-overs to this consumer
     */
    Subscription consume(String queue, int prefetch, MessageConsumer consumer);

    /** Convenience: publish to the outbox, as a message to be delivered. */
    default void publishToOutbox(ObjectNode message) {
        publish(names().outbox(), message);
    }

    /** Stops handing over messages; what is in the queues is kept or lost as the backend does. */
    @Override
    void close();

    /** A consumer's registration. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
