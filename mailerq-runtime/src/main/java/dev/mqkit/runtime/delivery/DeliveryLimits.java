package dev.mqkit.runtime.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a message may be attempted and when it is given up: {@code maxattempts}, {@code maxdelivertime} and, playing 4.0
 * or later, {@code retries} and {@code nextattempt}
 * (<a href="https://www.mailerq.com/documentation/5.13/json-messages">5.13/json-messages</a>,
 * <a href="https://www.mailerq.com/documentation/3.0/delivery-properties">3.0/delivery-properties</a>), with the
 * configuration's defaults.
 */
final class DeliveryLimits {
    private static final System.Logger LOG = System.getLogger(DeliveryLimits.class.getName());

    private final DeliverySettings settings;

    DeliveryLimits(DeliverySettings settings) {
        this.settings = settings;
    }

    /** The attempts the message may take; 0 for no limit. Its own {@code maxattempts} (1 or more) beats the configuration's. */
    int maxAttempts(ObjectNode message) {
        JsonNode own = message.get("maxattempts");
        int value = own == null ? 0 : own.asInt(0);
        return value > 0 ? value : settings.maxAttempts();
    }

    /**
     * The time after which the message is not attempted any more: its {@code maxdelivertime}, else
     * max-deliver-time after its first attempt ({@code firstAttempt}: the time of its first result,
     * or now for a message not attempted yet). A {@code maxdelivertime} that is not a UTC
     * {@code YYYY-MM-DD HH:MM:SS} is ignored with a warning: the docs warn that MailerQ parses times
     * strictly, and ignoring it keeps the default limit rather than none.
     */
    Instant deadline(ObjectNode message, Instant firstAttempt) {
        JsonNode own = message.get("maxdelivertime");
        if (own != null && !own.isNull()) {
            Optional<Instant> time = own.isTextual() ? UtcTime.parse(own.textValue()) : Optional.empty();
            if (time.isPresent()) {
                return time.get();
            }
            LOG.log(Level.WARNING, "maxdelivertime " + own + " of the message to "
                    + message.path("recipient").asText() + " is not a UTC time written YYYY-MM-DD HH:MM:SS: ignored, "
                    + "max-deliver-time (" + settings.maxDeliverTime() + ") after the first attempt applies");
        }
        return firstAttempt.plus(settings.maxDeliverTime());
    }

    /** When the message was first attempted: the time of its first result, else {@code now}. */
    static Instant firstAttempt(ObjectNode message, Instant now) {
        JsonNode first = message.path("results").path(0).path("time");
        return first.isTextual() ? UtcTime.parse(first.textValue()).orElse(now) : now;
    }

    /** The number of attempts already made: the entries of {@code results}. */
    static int attemptsMade(ObjectNode message) {
        JsonNode results = message.get("results");
        return results != null && results.isArray() ? results.size() : 0;
    }

    /** Whether the message is past its limits before its next attempt (MailerQ's {@code expired}). */
    boolean expired(ObjectNode message, Instant now) {
        int max = maxAttempts(message);
        return (max > 0 && attemptsMade(message) >= max) || now.isAfter(deadline(message, firstAttempt(message, now)));
    }

    /**
     * The time of the retry after attempt number {@code attempt} that failed for now at {@code now}, or empty when
     * there is none: attempts used up, or the retry would fall after the deadline (then the message is final at once,
     * ending with the retryable entry,
     * <a href="https://www.mailerq.com/documentation/3.0/result-queue">3.0/result-queue</a>).
     */
    Optional<Instant> retryAt(ObjectNode message, int attempt, Instant now) {
        int max = maxAttempts(message);
        if (max > 0 && attempt >= max) {
            return Optional.empty();
        }
        Instant next = now.plus(waitAfter(message, attempt));
        return next.isAfter(deadline(message, firstAttempt(message, now))) ? Optional.empty() : Optional.of(next);
    }

    /**
     * The wait after attempt number {@code attempt}. 4.0 and later: the message's {@code retries} (seconds)
     * else retry-interval, the last value repeating. 3.0 documents no schedule: the runtime's own
     * exponential back-off (delivery-retry-delay, -multiplier, -max-delay).
     */
    Duration waitAfter(ObjectNode message, int attempt) {
        if (!settings.connectionGeneration()) {
            return settings.retryDelayAfter(attempt);
        }
        JsonNode retries = message.get("retries");
        if (retries != null && retries.isArray() && !retries.isEmpty() && allSeconds(retries)) {
            JsonNode seconds = retries.get(Math.min(attempt, retries.size()) - 1);
            return Duration.ofMillis(Math.round(seconds.asDouble() * 1000));
        }
        var intervals = settings.retryInterval();
        return intervals.get(Math.min(attempt, intervals.size()) - 1);
    }

    private static boolean allSeconds(JsonNode retries) {
        for (JsonNode seconds : retries) {
            if (!seconds.isNumber() || seconds.asDouble() < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Playing 4.0 or later: the {@code nextattempt.time} before which the message is not attempted, when it
     * lies after {@code now}. A time not written YYYY-MM-DD HH:MM:SS is ignored with a warning.
     */
    Optional<Instant> notBefore(ObjectNode message, Instant now) {
        if (!settings.connectionGeneration()) {
            return Optional.empty();
        }
        JsonNode time = message.path("nextattempt").path("time");
        if (time.isMissingNode() || time.isNull()) {
            return Optional.empty();
        }
        Optional<Instant> parsed = time.isTextual() ? UtcTime.parse(time.textValue()) : Optional.empty();
        if (parsed.isEmpty()) {
            LOG.log(Level.WARNING, "nextattempt.time " + time + " of the message to "
                    + message.path("recipient").asText() + " is not a UTC time written YYYY-MM-DD HH:MM:SS: ignored");
        }
        return parsed.filter(now::isBefore);
    }
}
