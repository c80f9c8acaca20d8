package dev.mqkit.runtime.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mqkit.api.json.LosslessUtf8;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which header fields are x-mq-* ones, their values, and the body without them. */
class MqHeaderFieldsTest {

    private static MqHeaderFields find(String body, boolean normalize30) {
        return MqHeaderFields.find(ByteBuffer.wrap(body.getBytes(StandardCharsets.ISO_8859_1)), normalize30);
    }

    private static String without(String body, boolean normalize30) {
        ByteBuffer bytes = ByteBuffer.wrap(body.getBytes(StandardCharsets.ISO_8859_1));
        return MqHeaderFields.find(bytes, normalize30).mimeWithout(bytes);
    }

    @Test
    void cutsTheFieldsWithTheirContinuationLinesAndNothingElse() {
        String body = "From: a\r\nX-MQ-IP: 192.0.2.1\r\nSubject: caf\u00e9\r\nx-mq-custom: my-\r\n\tid\r\n"
                + "x-normalize: 1\r\nTo: b\r\n\r\nx-mq-ip: 203.0.113.1\r\n";
        assertEquals(List.of(new MqHeaderFields.Field("ip", "192.0.2.1"), new MqHeaderFields.Field("custom", "my-\tid"),
                new MqHeaderFields.Field("normalize", "1")), find(body, true).fields());
        assertEquals(LosslessUtf8.toText(("From: a\r\nSubject: caf\u00e9\r\nTo: b\r\n\r\nx-mq-ip: 203.0.113.1\r\n")
                .getBytes(StandardCharsets.ISO_8859_1)), without(body, true));
        assertEquals(2, find(body, false).fields().size(), "x-normalize only counts in 3.0");
    }

    @Test
    void theHeaderSectionEndsAtTheFirstLineThatIsNotAField() {
        assertEquals(List.of(), find("not a header\r\nx-mq-ip: 192.0.2.1\r\n", true).fields());
        assertEquals(List.of(), find(" x-mq-ip: 192.0.2.1\r\n", true).fields());
        assertEquals("Subject: s\r\n", without("Subject: s\r\nx-mq-ip: 192.0.2.1", true), "a last line without CRLF");
        assertEquals("", without("", true));
    }
}
