package dev.mqkit.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both ways of dot-stuffing; the decoder's tests cover unstuffing on a channel. */
class DotStuffingTest {
    private static String stuff(String text) {
        return new String(DotStuffing.stuff(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    /** What an unstuffer writes and flags. */
    private static final class Recorded implements DotStuffing.Output {
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final List<SmtpInput.DataProblem> problems = new ArrayList<>();

        @Override
        public void write(byte b) {
            body.write(b);
        }

        @Override
        public void flag(SmtpInput.DataProblem problem) {
            problems.add(problem);
        }

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void dotStuffing() {
        assertEquals("", stuff(""));
        assertEquals("..\r\n", stuff("."));
        assertEquals("a\r\n..b\r\n...\r\n", stuff("a\n.b\r\n..\n"));
        assertEquals("a\rb\r\n", stuff("a\rb"), "bare CR is data");
        assertEquals("x.\r\n\r\n", stuff("x.\r\n\r\n"), "only a dot at the start of a line is doubled");
    }

    @Test
    void aBodyStuffedInPiecesIsStuffedAsAWhole() {
        byte[] mime = "a\r\n.b\r\n\r\r\n..\n.\rx\r".getBytes(StandardCharsets.US_ASCII);
        for (int cut = 0; cut <= mime.length; cut++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DotStuffing.Stuffer stuffer = new DotStuffing.Stuffer();
            stuffer.stuff(mime, 0, cut, out::write);
            stuffer.stuff(mime, cut, mime.length - cut, out::write);
            stuffer.finish(out::write);
            assertEquals(new String(DotStuffing.stuff(mime), StandardCharsets.US_ASCII), out.toString(StandardCharsets.US_ASCII),
                    "cut at " + cut);
        }
    }

    @Test
    void stuffWithEndAddsTheTerminatingLine() {
        assertEquals(".\r\n", new String(DotStuffing.stuffWithEnd(new byte[0]), StandardCharsets.US_ASCII));
        assertEquals("..a\r\n.\r\n", new String(DotStuffing.stuffWithEnd(".a".getBytes(StandardCharsets.US_ASCII)),
                StandardCharsets.US_ASCII));
    }

    @Test
    void unstuffingUndoesStuffingUpToTheEnd() {
        String mime = ".one\r\n..two\r\n.\r\nGrüße\r\n";
        ByteBuf wire = Unpooled.wrappedBuffer(DotStuffing.stuffWithEnd(mime.getBytes(StandardCharsets.UTF_8)),
                "NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
        Recorded out = new Recorded();
        assertTrue(new DotStuffing.Unstuffer().read(wire, out));
        assertEquals(mime, out.text());
        assertEquals(List.of(), out.problems);
        assertEquals("NOOP\r\n", wire.toString(StandardCharsets.US_ASCII), "what follows the end is left");
    }

    @Test
    void unstuffingGoesOnWithTheNextBytes() {
        DotStuffing.Unstuffer unstuffer = new DotStuffing.Unstuffer();
        Recorded out = new Recorded();
        assertFalse(unstuffer.read(Unpooled.copiedBuffer("a\n..b\r", StandardCharsets.US_ASCII), out));
        assertFalse(unstuffer.read(Unpooled.copiedBuffer("\n.", StandardCharsets.US_ASCII), out));
        assertTrue(unstuffer.read(Unpooled.copiedBuffer("\r\n", StandardCharsets.US_ASCII), out));
        assertEquals("a\n..b\r\n", out.text(), "no line starts after a bare LF");
        assertEquals(List.of(SmtpInput.DataProblem.BARE_LINE_FEED), out.problems);
    }
}
