package dev.mqkit.runtime.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpReplyTest {
    @Test
    void singleAndMultiLineWithAndWithoutEnhancedStatus() {
        assertEquals("250 2.1.0 OK\r\n", SmtpReply.of(250, "2.1.0", "OK").wire());
        assertEquals("220 mx ESMTP\r\n", SmtpReply.plain(220, "mx ESMTP").wire());
        assertEquals("250-mx\r\n250-PIPELINING\r\n250 8BITMIME\r\n", new SmtpReply(250, null, List.of("mx", "PIPELINING", "8BITMIME")).wire());
        assertEquals("250-2.0.0 a\r\n250 2.0.0 b\r\n", SmtpReply.of(250, "2.0.0", "a", "b").wire());
    }

    @Test
    void refusesWhatCannotGoOnTheWire() {
        assertThrows(IllegalArgumentException.class, () -> SmtpReply.of(250, "2.0.0", "a\r\n250 injected"));
        assertThrows(IllegalArgumentException.class, () -> SmtpReply.plain(99, "x"));
        assertThrows(IllegalArgumentException.class, () -> new SmtpReply(250, null, List.of()));
    }

    @Test
    void encoderWritesTheWireForm() {
        EmbeddedChannel channel = new EmbeddedChannel(SmtpReplyEncoder.INSTANCE);
        channel.writeOutbound(SmtpReply.of(554, "5.5.0", "No valid recipients"));
        ByteBuf out = channel.readOutbound();
        assertEquals("554 5.5.0 No valid recipients\r\n", out.toString(StandardCharsets.UTF_8));
        out.release();
    }
}
