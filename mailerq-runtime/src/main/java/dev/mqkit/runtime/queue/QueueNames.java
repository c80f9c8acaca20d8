package dev.mqkit.runtime.queue;

import dev.mqkit.runtime.config.RuntimeConfig;
import java.util.Objects;

/**
 * The names of the queues MailerQ works with, as configured by the {@code rabbitmq-*} keys.
 * The inbox and outbox may be the same queue (the embedded default), so received mail is delivered.
 */
public record QueueNames(String inbox, String outbox, String results, String success, String failure,
                         String retry, String refused) {
    public QueueNames {
        Objects.requireNonNull(inbox, "inbox");
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(success, "success");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(refused, "refused");
    }

    /** The names a configuration gives. */
    public static QueueNames from(RuntimeConfig config) {
        return new QueueNames(config.inboxQueue(), config.outboxQueue(), config.resultsQueue(),
                config.successQueue(), config.failureQueue(), config.retryQueue(), config.refusedQueue());
    }

    /** The names of the default configuration (inbox = outbox = "outbox"). */
    public static QueueNames defaults() {
        return from(RuntimeConfig.defaults());
    }
}
