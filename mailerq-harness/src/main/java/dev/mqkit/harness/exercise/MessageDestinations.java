package dev.mqkit.harness.exercise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.harness.MailerQ;
import dev.mqkit.harness.sink.ReceivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each of the exercise's messages went once it was accepted: to the sink, to the local queue (a plugin
 * kept it with MQ_setLocal), to the refused queue, to the failure queue, or still on its way (retried). It waits
 * until each has ended somewhere, so that mail a plugin keeps back does not cost the whole timeout.
 */
final class MessageDestinations {

    /** Where one message ended. */
    enum Destination {
        DELIVERED("delivered to the sink"),
        LOCAL("kept in the local queue (MQ_setLocal)"),
        REFUSED("refused (the refused queue)"),
        FAILED("failed (the failure queue)"),
        RETRIED("retried, not delivered yet"),
        NOWHERE("in no queue and not delivered");

        private final String text;

        Destination(String text) {
            this.text = text;
        }

        /** Whether the message is done with: it will not move any more. */
        boolean ended() {
            return this != RETRIED && this != NOWHERE;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** One recipient's message and where it went; detail is e.g. a failure's description, or null. */
    record Where(String recipient, Destination destination, String detail) {
        @Override
        public String toString() {
            return recipient + ": " + destination + (detail == null ? "" : " (" + detail + ")");
        }
    }

    private MessageDestinations() {}

    /** Waits up to {@code timeout} until the message of each recipient ended somewhere; where each is then. */
    static List<Where> await(MailerQ mailerq, List<String> recipients, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Where> seen = look(mailerq, recipients);
        while (!seen.stream().allMatch(where -> where.destination().ended()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            seen = look(mailerq, recipients);
        }
        return seen;
    }

    /** Where each recipient's message is now. */
    static List<Where> look(MailerQ mailerq, List<String> recipients) {
        Map<String, Where> found = new LinkedHashMap<>();
        for (ReceivedMessage message : mailerq.sink().messages()) {
            message.recipients().forEach(recipient -> found.putIfAbsent(recipient,
                    new Where(recipient, Destination.DELIVERED, null)));
        }
        in(mailerq.local(), Destination.LOCAL, found);
        in(mailerq.queue("refused"), Destination.REFUSED, found);
        in(mailerq.failure(), Destination.FAILED, found);
        in(mailerq.retry(), Destination.RETRIED, found);
        in(mailerq.outbox(), Destination.RETRIED, found);
        List<Where> all = new ArrayList<>();
        for (String recipient : recipients) {
            all.add(found.getOrDefault(recipient, new Where(recipient, Destination.NOWHERE, null)));
        }
        return all;
    }

    private static void in(MailerQ.Queue queue, Destination destination, Map<String, Where> found) {
        for (ObjectNode message : queue.snapshot()) {
            String recipient = message.path("recipient").asText("");
            found.putIfAbsent(recipient, new Where(recipient, destination, lastResult(message)));
        }
    }

    /** The description of the message's last delivery attempt, or null. */
    private static String lastResult(ObjectNode message) {
        JsonNode results = message.path("results");
        if (!results.isArray() || results.isEmpty()) {
            return null;
        }
        String description = results.get(results.size() - 1).path("description").asText("");
        return description.isEmpty() ? null : description;
    }
}
