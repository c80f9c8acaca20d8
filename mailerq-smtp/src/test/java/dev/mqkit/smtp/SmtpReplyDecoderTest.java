package dev.mqkit.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's side of the codec: replies read back, commands written. */
class SmtpReplyDecoderTest {
    private static void write(EmbeddedChannel channel, String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    @Test
    void gathersTheLinesOfAReplyAsTheyArrive() {
        EmbeddedChannel channel = new EmbeddedChannel(new SmtpReplyDecoder(100));
        write(channel, "250-mx.test\r\n250-PIPE");
        assertNull(channel.readInbound());
        write(channel, "LINING\n250 2.0.0 DSN\r\n221 bye\r\n");
        assertEquals(new SmtpReply(250, null, List.of("mx.test", "PIPELINING", "2.0.0 DSN")), channel.readInbound());
        assertEquals(SmtpReply.plain(221, "bye"), channel.readInbound());
    }

    @Test
    void aLineTooLongFailsBeforeItsEndArrives() {
        EmbeddedChannel channel = new EmbeddedChannel(new SmtpReplyDecoder(10));
        assertThrows(TooLongFrameException.class, () -> write(channel, "250 " + "x".repeat(20)));
        write(channel, "\r\n250 ok\r\n");
        assertNull(channel.readInbound(), "nothing is read after the failure");
    }

    @Test
    void aReplyThatNeverEndsFailsAtItsLineLimit() {
        EmbeddedChannel channel = new EmbeddedChannel(new SmtpReplyDecoder(100));
        write(channel, "250-x\r\n".repeat(SmtpReplyDecoder.MAX_LINES - 1));
        assertNull(channel.readInbound());
        assertThrows(TooLongFrameException.class, () -> write(channel, "250-x\r\n"));
        write(channel, "250 ok\r\n");
        assertNull(channel.readInbound(), "nothing is read after the failure");
    }

    @Test
    void linesThatAreNoReplyFail() {
        EmbeddedChannel channel = new EmbeddedChannel(new SmtpReplyDecoder(100));
        assertThrows(CorruptedFrameException.class, () -> write(channel, "250-a\r\n251 b\r\n"));
        assertThrows(CorruptedFrameException.class, () -> new EmbeddedChannel(new SmtpReplyDecoder(100))
                .writeInbound(Unpooled.copiedBuffer("hello\r\n", StandardCharsets.US_ASCII)));
    }

    @Test
    void commandsGoOutAsLinesAndNeverHoldALineBreak() {
        EmbeddedChannel channel = new EmbeddedChannel(SmtpCommandEncoder.INSTANCE);
        channel.writeOutbound(SmtpCommand.of("mail", "FROM:<a@b>", "BODY=8BITMIME"), SmtpCommand.of("QUIT"));
        assertEquals("MAIL FROM:<a@b> BODY=8BITMIME\r\n", ((ByteBuf) channel.readOutbound())
                .toString(StandardCharsets.UTF_8));
        assertEquals("QUIT\r\n", ((ByteBuf) channel.readOutbound()).toString(StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class, () -> SmtpCommand.of("RCPT", "TO:<a@b>\r\nDATA"));
        assertThrows(IllegalArgumentException.class, () -> SmtpCommand.of("MAIL", "FROM:<a\n@b>"));
    }
}
