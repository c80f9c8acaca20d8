package dev.mqkit.runtime.smtp.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.runtime.queue.QueueNames;
import java.util.Objects;
import java.util.Optional;

/**
 * A received message as it is published: its JSON, whether it is local (its recipient is on
 * local-addresses, or a plugin said so with MQ_setLocal, 4.0+), and whether it is refused (it came
 * without the login smtp-username requires and is not local).
 */
public record Publication(ObjectNode json, boolean local, boolean refused) {

    public Publication {
        Objects.requireNonNull(json, "json");
    }

    /** A message that is not refused. */
    public Publication(ObjectNode json, boolean local) {
        this(json, local, false);
    }

    /** This message, refused unless it is local (local recipients need no login). */
    Publication refusedUnlessLocal() {
        return local ? this : new Publication(json, false, true);
    }

    /**
     * The queue the message goes to (rabbitmq-config of
     * <a href="https://www.mailerq.com/documentation/3.0/rabbitmq-config">3.0</a> and
     * <a href="https://www.mailerq.com/documentation/5.13/rabbitmq-config">5.13</a>): a refused one to the refused
     * queue, none when that is empty (the message is lost); a local one to the local queue, the inbox when that is
     * empty; any other to the inbox.
     */
    public Optional<String> queue(QueueNames names) {
        if (refused) {
            return names.refused().isEmpty() ? Optional.empty() : Optional.of(names.refused());
        }
        return Optional.of(local && !names.local().isEmpty() ? names.local() : names.inbox());
    }
}
