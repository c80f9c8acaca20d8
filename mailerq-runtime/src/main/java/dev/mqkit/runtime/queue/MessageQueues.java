package dev.mqkit.runtime.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The message queues between the runtime's parts: SMTP in publishes to the inbox, delivery consumes
 * the outbox and publishes to results, success, failure and retry. The embedded default is
 * {@link InMemoryQueues}; {@link dev.mqkit.runtime.queue.rabbitmq.RabbitQueues} keeps them on a
 * RabbitMQ broker, with the same names and the same semantics.
 */
public interface MessageQueues extends AutoCloseable {
    /** The configured names of the queues. */
    QueueNames names();

    /**
     * Adds a copy of {@code message} to the end of {@code queue} (later changes to it are not seen).
     * The stage completes once the queue has it: in memory at once, on a broker when the broker
     * confirmed it (so a 250 given after it is never lost). It fails with
     * {@link QueuesUnavailableException} while the queues cannot be reached.
     */
    CompletionStage<Void> publish(String queue, ObjectNode message);

    /**
     * Publishes the outcome of a delivery attempt, {@code message}, to each of {@code queues} (results and
     * success or failure, or retry), as {@link #publish} to each; the stage completes when every queue has
     * it. On a broker the message is serialised once for all of them and published on a channel of its
     * own, so that the confirms a 250 waits for do not queue behind those of results.
     */
    default CompletionStage<Void> publishOutcome(List<String> queues, ObjectNode message) {
        return CompletableFuture.allOf(queues.stream().map(queue -> publish(queue, message).toCompletableFuture())
                .toArray(CompletableFuture[]::new));
    }

    /**
     * As {@link #publish}, but the message enters {@code queue} only after {@code delay}; a retry
     * waits this way. The stage completes once the message is safe, not when it is due.
     */
    CompletionStage<Void> publishDelayed(String queue, ObjectNode message, Duration delay);

    /**
     * Hands the messages of {@code queue}, present and future, to {@code consumer}, at most
     * {@code prefetch} unfinished ones at a time; several consumers of one queue share its messages.
     * A message whose stage failed is handed out again.
     *
     * @return closing it stops further hand-overs to this consumer
     */
    Subscription consume(String queue, int prefetch, MessageConsumer consumer);

    /** Removes and returns the first message of {@code queue}, waiting up to {@code timeout}. */
    Optional<ObjectNode> poll(String queue, Duration timeout) throws InterruptedException;

    /** Copies of the messages now waiting in {@code queue}, first first, not counting those handed to consumers. */
    List<ObjectNode> snapshot(String queue);

    /** Convenience: publish to the outbox, as a message to be delivered. */
    default CompletionStage<Void> publishToOutbox(ObjectNode message) {
        return publish(names().outbox(), message);
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
