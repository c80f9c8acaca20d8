package dev.mqkit.smtp;

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

    @Test
    void parsesWhatItWrites() {
        for (SmtpReply reply : List.of(SmtpReply.of(250, "2.1.0", "OK"), SmtpReply.plain(220, "mx ESMTP"),
                new SmtpReply(250, null, List.of("mx", "PIPELINING", "8BITMIME")), SmtpReply.of(451, "4.3.0", "a", ""))) {
            List<String> wire = List.of(reply.wire().split("\r\n"));
            assertEquals(reply, SmtpReply.parse(wire));
            for (int i = 0; i < wire.size(); i++) {
                assertEquals(i < wire.size() - 1, SmtpReply.continues(wire.get(i)), wire.get(i));
            }
        }
    }

    @Test
    void parsingKeepsAStatusThatIsNotOnEveryLineOrOfAnotherClass() {
        assertEquals(new SmtpReply(250, null, List.of("2.0.0 a", "b")), SmtpReply.parse(List.of("250-2.0.0 a", "250 b")));
        assertEquals(SmtpReply.plain(250, "5.0.0 odd"), SmtpReply.parse(List.of("250 5.0.0 odd")));
        assertEquals(SmtpReply.plain(354, "End data with <CR><LF>.<CR><LF>"),
                SmtpReply.parse(List.of("354 End data with <CR><LF>.<CR><LF>")));
        assertEquals(SmtpReply.plain(250, ""), SmtpReply.parse(List.of("250")));
    }

    @Test
    void parsingRefusesWhatIsNotOneReply() {
        assertThrows(IllegalArgumentException.class, () -> SmtpReply.parse(List.of()));
        assertThrows(IllegalArgumentException.class, () -> SmtpReply.parse(List.of("25x ok")));
        assertThrows(IllegalArgumentException.class, () -> SmtpReply.parse(List.of("250-a", "251 b")));
        assertThrows(IllegalArgumentException.class, () -> SmtpReply.parse(List.of("250 a", "250 b")));
        assertThrows(IllegalArgumentException.class, () -> SmtpReply.parse(List.of("250-a")));
        assertThrows(IllegalArgumentException.class, () -> SmtpReply.parse(List.of("250:a")));
    }

    @Test
    void leadingStatus() {
        assertEquals("5.1.1", SmtpReply.leadingStatus("5.1.1 No such user"));
        assertEquals("2.0.0", SmtpReply.leadingStatus("2.0.0"));
        assertEquals(null, SmtpReply.leadingStatus("2.0.0x"));
        assertEquals(null, SmtpReply.leadingStatus("3.0.0 not a class"));
        assertEquals(null, SmtpReply.leadingStatus("mx.example.net ESMTP"));
    }
}
