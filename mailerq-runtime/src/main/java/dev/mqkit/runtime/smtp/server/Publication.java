package dev.mqkit.runtime.smtp.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A received message as it is published: its JSON, and whether it is local, which sends it to
 * MailerQ's local queue (rabbitmq-local) rather than the inbox (plugins: MQ_setLocal, 4.0+).
 */
public record Publication(ObjectNode json, boolean local) {

    public Publication {
        Objects.requireNonNull(json, "json");
    }

    /** A message for the inbox. */
    public static Publication inbox(ObjectNode json) {
        return new Publication(json, false);
    }
}
