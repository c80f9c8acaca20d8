package dev.mqkit.runtime.queue;

import dev.mqkit.api.config.RuntimeConfig;
import java.util.Objects;

/**
 * The names of the queues MailerQ works with, as configured by the {@code rabbitmq-*} keys.
 * The inbox and outbox may be the same queue (the embedded default), so received mail is delivered;
 * local mail (MQ_setLocal) goes to the local queue instead of the inbox.
 */
public record QueueNames(String inbox, String outbox, String results, String success, String failure,
                         String retry, String refused, String local) {
    public QueueNames {
        Objects.requireNonNull(inbox, "inbox");
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(success, "success");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(refused, "refused");
        Objects.requireNonNull(local, "local");
    }

    /** The queue names of the configuration's {@code rabbitmq-*} keys. */
    public static QueueNames from(RuntimeConfig config) {
        return new QueueNames(config.inboxQueue(), config.outboxQueue(), config.resultsQueue(),
                config.successQueue(), config.failureQueue(), config.retryQueue(), config.refusedQueue(),
                config.localQueue());
    }
}
