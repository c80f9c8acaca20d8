package dev.mqkit.runtime.delivery;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/** MailerQ's times: UTC, {@code YYYY-MM-DD HH:MM:SS}, parsed strictly (MailerQ "is not very tolerant"). */
final class UtcTime {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

    private UtcTime() {
    }

    static String format(Instant time) {
        return FORMAT.format(time.atOffset(ZoneOffset.UTC));
    }

    /** The time written exactly so, or empty (a date that does not exist, another layout, a time zone). */
    static Optional<Instant> parse(String text) {
        try {
            return Optional.of(LocalDateTime.parse(text, FORMAT).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
