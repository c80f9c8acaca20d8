package dev.mqkit.runtime.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.runtime.queue.QueueNames;
import java.util.ArrayList;
import java.util.List;

/**
 * Which queues a message goes to after an attempt
 * (<a href="https://www.mailerq.com/documentation/3.0/result-queue">3.0/result-queue</a>,
 * <a href="https://www.mailerq.com/documentation/5.13/json-results">5.13/json-results</a>): a final result to
 * {@code results} and to {@code success} or {@code failure}; a retry to {@code retry} (and back to the outbox, which
 * the deliverer schedules). A message's own {@code queues} follows the played release: in 3.0 its presence replaces all
 * configured result queues and a missing member is no queue; from 4.0 a missing member falls back to the configuration
 * and {@code null} turns it off. An empty name is no queue.
 */
final class ResultQueues {
    /** How an attempt leaves the message. */
    enum Outcome {
        SUCCESS, FAILURE, RETRY
    }

    private final QueueNames configured;
    private final boolean perMemberFallback;

    ResultQueues(QueueNames configured, MailerqRelease release) {
        this.configured = configured;
        this.perMemberFallback = release.generation() == MailerqRelease.Generation.CONNECTION;
    }

    /** The queues the message is published to now, in order. */
    List<String> destinations(ObjectNode message, Outcome outcome) {
        List<String> names = new ArrayList<>();
        switch (outcome) {
            case SUCCESS -> {
                add(names, message, "results", configured.results());
                add(names, message, "success", configured.success());
            }
            case FAILURE -> {
                add(names, message, "results", configured.results());
                add(names, message, "failure", configured.failure());
            }
            case RETRY -> add(names, message, "retry", configured.retry());
        }
        return names;
    }

    private void add(List<String> names, ObjectNode message, String member, String fallback) {
        JsonNode own = message.get("queues");
        String name;
        if (own == null || !own.isObject()) {
            name = fallback;
        } else if (own.has(member)) {
            name = own.get(member).isTextual() ? own.get(member).textValue() : null;
        } else {
            name = perMemberFallback ? fallback : null;
        }
        if (name != null && !name.isEmpty()) {
            names.add(name);
        }
    }
}
