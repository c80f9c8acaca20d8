package dev.mqkit.smtp;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Dot-stuffing of a DATA body (RFC 5321 4.5.2), both ways: {@link #stuff} for the side that sends
 * a message, {@link Unstuffer} for the side that receives one.
 */
public final class DotStuffing {
    private static final byte[] END_OF_DATA = ".\r\n".getBytes(StandardCharsets.US_ASCII);

    private DotStuffing() {
    }

    /**
     * The body as it goes over the wire: every line ends with CRLF (bare LF becomes CRLF), a line
     * starting with {@code .} gets another {@code .} in front, and the body ends with a line end so
     * the terminating {@code .} line can follow. Bare CR is left alone.
     */
    public static byte[] stuff(byte[] mime) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(mime.length + mime.length / 64 + 8);
        Stuffer stuffer = new Stuffer();
        stuffer.stuff(mime, 0, mime.length, out::write);
        stuffer.finish(out::write);
        return out.toByteArray();
    }

    /** Where a {@link Stuffer} puts the wire bytes. */
    public interface Sink {
        void write(int b);
    }

    /**
     * {@link #stuff} for a body that comes in pieces (a large message sent a chunk at a time): the
     * same bytes come out as {@code stuff} would make of the pieces joined.
     */
    public static final class Stuffer {
        private boolean lineStart = true;
        /** A CR ended the last piece: whether it starts a CRLF is known with the next byte. */
        private boolean pendingCarriageReturn;

        /** Stuffs {@code length} bytes of {@code mime} from {@code offset}. */
        public void stuff(byte[] mime, int offset, int length, Sink out) {
            for (int i = offset; i < offset + length; i++) {
                byte b = mime[i];
                if (pendingCarriageReturn) {
                    pendingCarriageReturn = false;
                    out.write('\r');
                    if (b == '\n') {
                        out.write('\n');
                        lineStart = true;
                        continue;
                    }
                    lineStart = false;
                }
                if (lineStart && b == '.') {
                    out.write('.');
                }
                if (b == '\n') {
                    out.write('\r');
                    out.write('\n');
                    lineStart = true;
                } else if (b == '\r') {
                    pendingCarriageReturn = true;
                } else {
                    out.write(b);
                    lineStart = false;
                }
            }
        }

        /** After the last piece: a line end unless the body ended with one. */
        public void finish(Sink out) {
            if (pendingCarriageReturn) {
                pendingCarriageReturn = false;
                out.write('\r');
                lineStart = false;
            }
            if (!lineStart) {
                out.write('\r');
                out.write('\n');
                lineStart = true;
            }
        }

        /** After the last piece: {@link #finish} and the terminating {@code .} line. */
        public void end(Sink out) {
            finish(out);
            for (byte b : END_OF_DATA) {
                out.write(b);
            }
        }
    }

    /** Everything sent after the 354: the {@link #stuff stuffed} body and the terminating {@code .} line. */
    public static byte[] stuffWithEnd(byte[] mime) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(mime.length + mime.length / 64 + 8);
        Stuffer stuffer = new Stuffer();
        stuffer.stuff(mime, 0, mime.length, out::write);
        stuffer.end(out::write);
        return out.toByteArray();
    }

    /** Where an {@link Unstuffer} puts what it takes out of the stream. */
    public interface Output {
        /** The next byte of the body, dot-stuffing undone. */
        void write(byte b);

        /** The body holds something a server must refuse; the body is still read to its end. */
        void flag(SmtpInput.DataProblem problem);
    }

    /**
     * Undoes dot-stuffing of one DATA body as it streams in, and finds its end. Only
     * {@code CRLF . CRLF} ends the body, and only after CRLF does a line start: a bare LF ends
     * nothing and makes no leading dot stuffing (so SMTP smuggling sequences such as {@code LF . LF}
     * or {@code LF . CRLF} stay inside the body). Bare LF, bare CR and NUL are kept in the body and
     * flagged. The body starts at a line start, so {@code .CRLF} alone is an empty body.
     */
    public static final class Unstuffer {
        private boolean lineStart = true;
        private boolean dotAtLineStart;
        private boolean carriageReturn;

        /**
         * Takes bytes from {@code in} up to the end of the body and writes the body's bytes to
         * {@code out}; call again with more bytes until it returns true.
         *
         * @return whether the terminating {@code .} line was read; {@code in} then stands right after it
         */
        public boolean read(ByteBuf in, Output out) {
            while (in.isReadable()) {
                byte b = in.readByte();
                if (carriageReturn) {
                    carriageReturn = false;
                    if (b == '\n') {
                        if (dotAtLineStart) {
                            return true;
                        }
                        out.write((byte) '\r');
                        out.write((byte) '\n');
                        lineStart = true;
                        continue;
                    }
                    out.flag(SmtpInput.DataProblem.BARE_CARRIAGE_RETURN);
                    // ".\r" then something else: the leading dot was stuffing, drop it
                    dotAtLineStart = false;
                    out.write((byte) '\r');
                }
                if (lineStart) {
                    lineStart = false;
                    if (b == '.') {
                        dotAtLineStart = true;
                        continue;
                    }
                } else if (dotAtLineStart && b != '\r') {
                    // ".x": the leading dot was stuffing, drop it
                    dotAtLineStart = false;
                }
                switch (b) {
                    case '\r' -> carriageReturn = true;
                    case '\n' -> {
                        out.flag(SmtpInput.DataProblem.BARE_LINE_FEED);
                        dotAtLineStart = false;
                        out.write(b);
                    }
                    case 0 -> {
                        out.flag(SmtpInput.DataProblem.NUL);
                        dotAtLineStart = false;
                        out.write(b);
                    }
                    default -> {
                        dotAtLineStart = false;
                        out.write(b);
                    }
                }
            }
            return false;
        }
    }
}
