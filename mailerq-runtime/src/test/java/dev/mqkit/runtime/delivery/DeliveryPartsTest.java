package dev.mqkit.runtime.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.config.RuntimeConfig;
import dev.mqkit.api.fixtures.TestReleases;
import dev.mqkit.api.json.Json;
import dev.mqkit.runtime.MailerQRuntime;
import dev.mqkit.runtime.queue.JsonMessages;
import dev.mqkit.smtp.SmtpReply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pieces of delivery that need no sockets. */
class DeliveryPartsTest {
    @Test
    void resultFromReply() {
        AttemptResult r = AttemptResult.reply(SmtpReply.parse(List.of("550-5.1.1 <x@y>: Recipient address rejected",
                        "550 5.1.1 see docs")), AttemptResult.Phase.RCPT, "10.0.0.1", "10.0.0.2", "mx.example", false);
        assertFalse(r.success());
        assertFalse(r.temporary());
        assertEquals("5.1.1", r.status());
        assertEquals("<x@y>: Recipient address rejected see docs", r.description());

        AttemptResult plain = AttemptResult.reply(SmtpReply.parse(List.of("421 closing")), AttemptResult.Phase.MAIL,
                null, null, null, false);
        assertTrue(plain.temporary());
        assertNull(plain.status(), "no enhanced code in the reply, so no status");

        ObjectNode json = Json.MAPPER.createObjectNode().put("recipient", "b@y");
        ResultFormat.of(TestReleases.MAILERQ_3_0).append(json, plain, 3, Instant.parse("2026-02-03T04:05:06Z"));
        assertEquals("{\"attempt\":3,\"type\":\"error\",\"time\":\"2026-02-03 04:05:06\",\"code\":421,"
                + "\"description\":\"closing\",\"state\":\"mail from\"}", json.get("results").get(0).toString());
        ResultFormat.of(TestReleases.MAILERQ_5_13).append(json, plain, 4, Instant.parse("2026-02-03T04:05:07Z"));
        assertEquals("{\"state\":\"mailfrom\",\"result\":\"error\",\"time\":\"2026-02-03 04:05:07\",\"code\":421,"
                + "\"description\":\"closing\"}", json.get("results").get(1).toString());
    }

    @Test
    void timesAreParsedStrictly() {
        assertEquals(Instant.parse("2026-02-28T23:59:01Z"), UtcTime.parse("2026-02-28 23:59:01").orElseThrow());
        for (String bad : List.of("2026-02-29 00:00:00", "2026-02-28T23:59:01", "2026-2-28 23:59:01",
                "2026-02-28 23:59", "2026-02-28 23:59:01Z", " 2026-02-28 23:59:01", "2026-02-28 24:00:00")) {
            assertTrue(UtcTime.parse(bad).isEmpty(), bad);
        }
    }

    @Test
    void headersAndAddressesOfTheMime() {
        MimeHeaders headers = new MimeHeaders("From: \"Doe, Jane\" <jane@example.com>\r\nTo: a@x.org,\r\n"
                + " Bob <b@y.org>, team: c@z.org;\r\nSubject: hi\r\nsubject: second\r\n\r\nTo: body@x\r\n");
        assertEquals("hi", headers.get("Subject"), "the first of a repeated header");
        assertEquals(List.of("jane@example.com"), MimeHeaders.addresses(headers.get("from")));
        assertEquals(List.of("a@x.org", "b@y.org", "c@z.org"), MimeHeaders.addresses(headers.get("to")));
        assertEquals(List.of("from", "to", "subject"), List.copyOf(headers.all().keySet()));
    }

    @Test
    void backOffGrowsUpToTheMaximum() {
        DeliverySettings settings = DeliverySettings.from(RuntimeConfig.defaults()
                .with("mailerq-version", "3.0").with("delivery-helo-name", "h").with("delivery-retry-delay", "10s")
                .with("delivery-retry-multiplier", "3").with("delivery-retry-max-delay", "2m"));
        assertEquals(Duration.ofSeconds(10), settings.retryDelayAfter(1));
        assertEquals(Duration.ofSeconds(30), settings.retryDelayAfter(2));
        assertEquals(Duration.ofSeconds(90), settings.retryDelayAfter(3));
        assertEquals(Duration.ofMinutes(2), settings.retryDelayAfter(4));
        assertEquals(Duration.ofMinutes(2), settings.retryDelayAfter(40));
    }

    @Test
    void outgoingMessageKeepsWireValuesApartFromJson() {
        ObjectNode json = Json.MAPPER.createObjectNode().put("envelope", "a@x").put("recipient", "b@y")
                .put("mime", "m");
        OutgoingMessage message = new OutgoingMessage(json);
        assertEquals("a@x", message.envelope());
        assertEquals("b@y", message.recipient());
        assertNull(message.mime(), "no override until a plugin sets one");
        message.setEnvelope("c@x");
        message.setRecipient("d@y");
        message.setMime(new byte[] {'h', 'i'});
        assertArrayEquals(new byte[] {'h', 'i'}, message.mime());
        assertEquals("a@x", json.get("envelope").asText());
        assertEquals("b@y", json.get("recipient").asText());
        assertEquals("m", json.get("mime").asText());
        message.setMime(null);
        assertNull(message.mime());
    }
}
