package dev.mqkit.runtime.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.runtime.MailerQRuntime;
import dev.mqkit.runtime.config.RuntimeConfig;
import dev.mqkit.runtime.queue.JsonMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pieces of delivery that need no sockets. */
class DeliveryPartsTest {
    @Test
    void resultFromReply() {
        AttemptResult r = AttemptResult.reply(550, List.of("5.1.1 <x@y>: Recipient address rejected", "5.1.1 see docs"),
                "rcpt to", "10.0.0.1", "10.0.0.2");
        assertFalse(r.success());
        assertFalse(r.temporary());
        assertEquals("5.1.1", r.status());
        assertEquals("<x@y>: Recipient address rejected see docs", r.description());

        AttemptResult plain = AttemptResult.reply(421, List.of("closing"), "connect", null, null);
        assertTrue(plain.temporary());
        assertEquals("4.0.0", plain.status(), "the class's generic status when the server gives none");

        ObjectNode json = plain.toJson(JsonMessages.MAPPER.createObjectNode(), 3, Instant.parse("2026-02-03T04:05:06Z"));
        assertEquals("{\"attempt\":3,\"type\":\"error\",\"time\":\"2026-02-03 04:05:06\",\"code\":421,"
                + "\"status\":\"4.0.0\",\"description\":\"closing\",\"state\":\"connect\"}", json.toString());
    }

    @Test
    void backOffGrowsUpToTheMaximum() {
        DeliverySettings settings = MailerQRuntime.deliverySettings(RuntimeConfig.defaults()
                .with("delivery-helo-name", "h").with("delivery-retry-delay", "10s")
                .with("delivery-retry-multiplier", "3").with("delivery-retry-max-delay", "2m"));
        assertEquals(Duration.ofSeconds(10), settings.retryDelayAfter(1));
        assertEquals(Duration.ofSeconds(30), settings.retryDelayAfter(2));
        assertEquals(Duration.ofSeconds(90), settings.retryDelayAfter(3));
        assertEquals(Duration.ofMinutes(2), settings.retryDelayAfter(4));
        assertEquals(Duration.ofMinutes(2), settings.retryDelayAfter(40));
    }

    @Test
    void outgoingMessageKeepsWireValuesApartFromJson() {
        ObjectNode json = JsonMessages.MAPPER.createObjectNode().put("envelope", "a@x").put("recipient", "b@y")
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
