package dev.mqkit.api.json;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Bytes as text and back without loss, for mail that is not valid UTF-8 (an ISO-8859-1 body, a
 * stray 8-bit byte in a command). Well-formed UTF-8 becomes the characters it encodes; every other
 * byte {@code b} becomes the lone surrogate {@code U+DC00 + b} (U+DC80 to U+DCFF), the
 * "surrogateescape" convention of Python's PEP 383. Well-formed UTF-8 never encodes a surrogate,
 * so {@link #toBytes} gives back exactly the bytes {@link #toText} was given.
 *
 * <p>In JSON text such a character is the escape {@code &#92;udcXX}, which is how the runtime's JSON
 * messages carry a {@code mime} that is not UTF-8 ({@code caf\xe9} is {@code "caf&#92;udce9"}).
 */
public final class LosslessUtf8 {
    private static final char ESCAPE_BASE = 0xDC00;

    private LosslessUtf8() {
    }

    /** The text of {@code bytes}. */
    public static String toText(byte[] bytes) {
        return toText(ByteBuffer.wrap(bytes));
    }

    /** The text of the buffer's bytes from its position to its limit (the buffer is not moved). */
    public static String toText(ByteBuffer bytes) {
        return toText(java.util.List.of(bytes));
    }

    /**
     * The text of the buffers' bytes one after the other, each from its position to its limit (none
     * is moved), made in one go: for a body with parts cut out. A buffer should end between UTF-8
     * sequences (a sequence split over two buffers becomes escapes).
     */
    public static String toText(java.util.List<ByteBuffer> parts) {
        int length = 0;
        for (ByteBuffer part : parts) {
            length = Math.addExact(length, part.remaining());
        }
        StringBuilder out = new StringBuilder(length);
        for (ByteBuffer part : parts) {
            append(out, part);
        }
        return out.toString();
    }

    private static void append(StringBuilder out, ByteBuffer bytes) {
        ByteBuffer in = bytes.duplicate();
        while (in.hasRemaining()) {
            int start = in.position();
            int b = in.get() & 0xff;
            if (b < 0x80) {
                out.append((char) b);
                continue;
            }
            int codePoint = sequence(in, start, b);
            if (codePoint < 0) {
                in.position(start + 1);
                out.append((char) (ESCAPE_BASE + b));
            } else {
                out.appendCodePoint(codePoint);
            }
        }
    }

    /**
     * The bytes of {@code text}: UTF-8, with each escape character U+DC80 to U+DCFF back to its
     * byte. Any other lone surrogate (JSON text may hold one) becomes U+FFFD.
     */
    public static byte[] toBytes(String text) {
        if (isAscii(text)) {
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                writeUtf8(out, Character.toCodePoint(c, text.charAt(++i)));
            } else if (c >= ESCAPE_BASE + 0x80 && c <= ESCAPE_BASE + 0xff) {
                out.write(c - ESCAPE_BASE);
            } else if (Character.isSurrogate(c)) {
                writeUtf8(out, 0xFFFD);
            } else {
                writeUtf8(out, c);
            }
        }
        return out.toByteArray();
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The code point of the well-formed sequence (RFC 3629) that starts with {@code first}, or -1. */
    private static int sequence(ByteBuffer in, int start, int first) {
        int length;
        int codePoint;
        int min;
        if (first >= 0xC2 && first <= 0xDF) {
            length = 2;
            codePoint = first & 0x1F;
            min = 0x80;
        } else if (first >= 0xE0 && first <= 0xEF) {
            length = 3;
            codePoint = first & 0x0F;
            min = 0x800;
        } else if (first >= 0xF0 && first <= 0xF4) {
            length = 4;
            codePoint = first & 0x07;
            min = 0x10000;
        } else {
            return -1;
        }
        if (in.limit() - start < length) {
            return -1;
        }
        for (int i = 1; i < length; i++) {
            int next = in.get(start + i) & 0xff;
            if ((next & 0xC0) != 0x80) {
                return -1;
            }
            codePoint = (codePoint << 6) | (next & 0x3F);
        }
        if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
            return -1;
        }
        in.position(start + length);
        return codePoint;
    }

    private static void writeUtf8(java.io.ByteArrayOutputStream out, int codePoint) {
        if (codePoint < 0x80) {
            out.write(codePoint);
        } else if (codePoint < 0x800) {
            out.write(0xC0 | codePoint >> 6);
            out.write(0x80 | codePoint & 0x3F);
        } else if (codePoint < 0x10000) {
            out.write(0xE0 | codePoint >> 12);
            out.write(0x80 | codePoint >> 6 & 0x3F);
            out.write(0x80 | codePoint & 0x3F);
        } else {
            out.write(0xF0 | codePoint >> 18);
            out.write(0x80 | codePoint >> 12 & 0x3F);
            out.write(0x80 | codePoint >> 6 & 0x3F);
            out.write(0x80 | codePoint & 0x3F);
        }
    }
}
