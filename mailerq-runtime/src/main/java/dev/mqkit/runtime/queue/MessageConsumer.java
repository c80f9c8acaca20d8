package dev.mqkit.runtime.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletionStage;

/**
 * Handles messages taken from a queue. The message counts as being worked on (as an unacknowledged
 * RabbitMQ delivery) until the returned stage completes, normally or not; the queue hands a consumer
 * no more than its prefetch of such messages at once.
 */
@FunctionalInterface
public interface MessageConsumer {
    /** Called with a message of its own (changing it affects no one else). Must not block. */
    CompletionStage<?> handle(ObjectNode message);
}
