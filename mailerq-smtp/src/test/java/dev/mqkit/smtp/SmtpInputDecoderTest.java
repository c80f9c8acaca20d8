package dev.mqkit.smtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Line splitting, pausing, and DATA decoding, on an embedded channel. */
class SmtpInputDecoderTest {
    private final SmtpInputDecoder decoder = new SmtpInputDecoder(1000, 100);
    private final EmbeddedChannel channel = new EmbeddedChannel(decoder);

    private void feed(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
        channel.runPendingTasks();
    }

    private Object next() {
        channel.runPendingTasks();
        return channel.readInbound();
    }

    private SmtpInput.Data data(String text) {
        decoder.expectData();
        feed(text);
        return (SmtpInput.Data) next();
    }

    private static String mime(SmtpInput.Data data) {
        return new String(data.body().bytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void handsOutOneLineAtATimeAndStopsReading() {
        decoder.expectCommand();
        feed("EHLO a\r\nNOOP\nQUIT\r\n");
        assertEquals(new SmtpInput.Line("EHLO a"), next());
        assertNull(next(), "a second line before the first was answered");
        assertFalse(channel.config().isAutoRead());
        decoder.expectCommand();
        assertTrue(channel.config().isAutoRead());
        assertEquals(new SmtpInput.Line("NOOP"), next());
        decoder.expectCommand();
        assertEquals(new SmtpInput.Line("QUIT"), next());
    }

    @Test
    void waitsForTheRestOfALine() {
        decoder.expectCommand();
        feed("NO");
        assertNull(next());
        feed("OP\r\n");
        assertEquals(new SmtpInput.Line("NOOP"), next());
    }

    @Test
    void discardsWhatWasBufferedOnRequest() {
        decoder.expectCommand();
        feed("STARTTLS\r\nRCPT TO:<x@y>\r\n");
        assertEquals(new SmtpInput.Line("STARTTLS"), next());
        decoder.discardBuffered();
        decoder.expectCommand();
        assertNull(next());
        feed("EHLO b\r\n");
        assertEquals(new SmtpInput.Line("EHLO b"), next());
    }

    @Test
    void reportsTooLongLinesAtTheirEnd() {
        decoder.expectCommand();
        feed("x".repeat(999) + "\r\n");
        assertEquals(new SmtpInput.LineTooLong(1000), next());
        decoder.expectCommand();
        feed("y".repeat(1500));
        assertNull(next());
        feed("yyy\r\nNOOP\r\n");
        assertEquals(new SmtpInput.LineTooLong(1000), next());
        decoder.expectCommand();
        assertEquals(new SmtpInput.Line("NOOP"), next());
    }

    @Test
    void undoesDotStuffingAndEndsOnlyAtCrLfDotCrLf() {
        SmtpInput.Data data = data("..one\r\n.two\r\n...\r\n\r\n.\r\n");
        assertEquals(".one\r\ntwo\r\n..\r\n\r\n", mime(data));
        assertNull(data.problem());
        assertEquals(data.body().size(), data.size());
    }

    @Test
    void emptyBody() {
        SmtpInput.Data data = data(".\r\n");
        assertArrayEquals(new byte[0], data.body().bytes());
    }

    @Test
    void endSplitOverReads() {
        decoder.expectData();
        feed("abc\r");
        feed("\n.");
        assertNull(next());
        feed("\r");
        assertNull(next());
        feed("\nNOOP\r\n");
        assertEquals("abc\r\n", mime((SmtpInput.Data) next()));
        decoder.expectCommand();
        assertEquals(new SmtpInput.Line("NOOP"), next());
    }

    @Test
    void bareLineFeedsDoNotEndTheBodyAndAreFlagged() {
        SmtpInput.Data data = data("a\n.\nb\n.\r\nc\r\n.\r\n");
        assertEquals(SmtpInput.DataProblem.BARE_LINE_FEED, data.problem());
        assertEquals("a\n.\nb\n.\r\nc\r\n", mime(data));
    }

    @Test
    void bareCarriageReturnsAndNulsAreFlagged() {
        assertEquals(SmtpInput.DataProblem.BARE_CARRIAGE_RETURN, data("a\rb\r\n.\r\n").problem());
        assertEquals(SmtpInput.DataProblem.NUL, data("a\0b\r\n.\r\n").problem());
    }

    @Test
    void countsTheSizeOfABodyTooBigToKeep() {
        SmtpInput.Data data = data("z".repeat(150) + "\r\n.\r\n");
        assertEquals(SmtpInput.DataProblem.TOO_BIG, data.problem());
        assertNull(data.body());
        assertEquals(152, data.size());
        SmtpInput.Data limit = data("w".repeat(98) + "\r\n.\r\n");
        assertNull(limit.problem());
        assertEquals(100, limit.size());
    }
}
