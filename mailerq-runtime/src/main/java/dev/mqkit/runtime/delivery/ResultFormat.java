package dev.mqkit.runtime.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.MailerqRelease;
import java.time.Instant;

/**
 * The played release's words for an attempt: MailerQ 3.0's entries ({@code attempt}, {@code type},
 * {@code state} …) and top-level {@code domain}
 * (<a href="https://www.mailerq.com/documentation/3.0/result-queue">3.0/result-queue</a>), or
 * 4.0-5.13's {@code state} / {@code result} pairs and top-level {@code extracted}
 * (<a href="https://www.mailerq.com/documentation/5.13/json-results">5.13/json-results</a>). {@code code} and
 * {@code status} appear only where the peer sent them.
 */
abstract class ResultFormat {

    static ResultFormat of(MailerqRelease release) {
        return release.generation() == MailerqRelease.Generation.SMTP_CONNECTION ? new Release30() : new Release513();
    }

    /** Appends the entry of attempt number {@code attempt} (1 for the first) to the message's {@code results}. */
    final ObjectNode append(ObjectNode message, AttemptResult result, int attempt, Instant time) {
        JsonNode existing = message.get("results");
        ArrayNode results = existing instanceof ArrayNode array ? array : message.putArray("results");
        ObjectNode entry = results.addObject();
        write(entry, result, attempt, UtcTime.format(time));
        return entry;
    }

    abstract void write(ObjectNode entry, AttemptResult result, int attempt, String time);

    /** Sets the top-level members the release adds to a message it publishes after an attempt. */
    abstract void describe(ObjectNode message, OutgoingMessage sent);

    static void putReply(ObjectNode entry, AttemptResult result) {
        if (result.code() > 0) {
            entry.put("code", result.code());
        }
        if (result.status() != null) {
            entry.put("status", result.status());
        }
        entry.put("description", result.description());
    }

    static void putAddresses(ObjectNode entry, AttemptResult result) {
        if (result.from() != null) {
            entry.put("from", result.from());
        }
        if (result.to() != null) {
            entry.put("to", result.to());
        }
    }

    /** The recipient's domain, or empty. */
    static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1);
    }

    static String localOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(0, at);
    }

    /** 2.1/3.x. */
    private static final class Release30 extends ResultFormat {
        @Override
        void write(ObjectNode entry, AttemptResult result, int attempt, String time) {
            entry.put("attempt", attempt);
            // "if this welcome message is not received ... noaccess"
            // (https://www.mailerq.com/documentation/3.0/result-queue)
            boolean noGreeting = result.phase() == AttemptResult.Phase.GREETING
                    && (result.kind() == AttemptResult.Kind.TIMEOUT || result.kind() == AttemptResult.Kind.LOST);
            entry.put("type", noGreeting ? "noaccess" : result.kind().type());
            entry.put("time", time);
            putAddresses(entry, result);
            putReply(entry, result);
            // the docs' examples call the state of a success "accept", a word their list of states lacks
            entry.put("state", result.success() ? "accept" : result.phase().state30());
        }

        @Override
        void describe(ObjectNode message, OutgoingMessage sent) {
            message.put("domain", domainOf(message.path("recipient").asText("")));
        }
    }

    /** 4.0-5.13. */
    private static final class Release513 extends ResultFormat {
        @Override
        void write(ObjectNode entry, AttemptResult result, int attempt, String time) {
            entry.put("state", result.kind() == AttemptResult.Kind.NODATA ? "storage" : result.phase().state513());
            entry.put("result", switch (result.kind()) {
                case SUCCESS -> "accepted";
                case TIMEOUT, CONNECT, EXPIRED -> "timeout";
                case LOST -> "lost";
                case OVERFLOW, INVALID -> "invalid";
                default -> "error";
            });
            entry.put("time", time);
            if (result.mta() != null) {
                entry.put("mta", result.mta());
            }
            putAddresses(entry, result);
            putReply(entry, result);
            if (result.success()) {
                entry.put("dsn", result.peerDsn());
            }
        }

        @Override
        void describe(ObjectNode message, OutgoingMessage sent) {
            ObjectNode extracted = message.putObject("extracted");
            String mime = sent.sentMimeText();
            if (mime != null) {
                MimeHeaders headers = new MimeHeaders(mime);
                String from = headers.get("from");
                if (from != null) {
                    extracted.put("from", MimeHeaders.addresses(from).stream().findFirst().orElse(from));
                }
                ArrayNode to = extracted.putArray("to");
                MimeHeaders.addresses(headers.get("to")).forEach(to::add);
                if (headers.get("subject") != null) {
                    extracted.put("subject", headers.get("subject"));
                }
                ObjectNode all = extracted.putObject("headers");
                headers.all().forEach(all::put);
            }
            String envelope = message.path("envelope").asText("");
            extracted.putObject("envelope").put("domain", domainOf(envelope)).put("local", localOf(envelope));
            String recipient = message.path("recipient").asText("");
            extracted.putObject("recipient").put("domain", domainOf(recipient)).put("local", localOf(recipient));
        }
    }
}
