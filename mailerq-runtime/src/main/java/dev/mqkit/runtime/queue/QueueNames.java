package dev.mqkit.runtime.queue;

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

}
