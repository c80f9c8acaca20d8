package dev.mqkit.runtime.delivery;

import dev.mqkit.api.json.LosslessUtf8;
import dev.mqkit.smtp.DotStuffing;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The MIME of one delivery as it goes over the wire after the 354, dot-stuffed and ended with the
 * terminating {@code .} line, a piece at a time:
 * from the JSON's text (its {@link LosslessUtf8} escapes back to the received bytes) or from the
 * bytes a plugin set. A large message is never in memory twice, nor whole as bytes. Not
 * thread-safe: one delivery's event loop reads it.
 */
final class MimeChunks {
    /** Characters or bytes taken per piece. */
    static final int PIECE = 64 * 1024;

    private final String text;
    private final byte[] bytes;
    private final int length;
    private final DotStuffing.Stuffer stuffer = new DotStuffing.Stuffer();
    private int position;

    private MimeChunks(String text, byte[] bytes) {
        this.text = text;
        this.bytes = bytes;
        this.length = text != null ? text.length() : bytes.length;
    }

    static MimeChunks ofText(String mime) {
        return new MimeChunks(mime, null);
    }

    static MimeChunks ofBytes(byte[] mime) {
        return new MimeChunks(null, mime);
    }

    /** Whether {@link #next} has handed out everything, the terminating line included. */
    boolean done() {
        return position > length;
    }

    /** The next piece of wire bytes; the last one ends the body with a line end and the {@code .} line. */
    ByteBuf next(ByteBufAllocator allocator) {
        int end = Math.min(length, position + PIECE);
        if (text != null && end < length && Character.isHighSurrogate(text.charAt(end - 1))) {
            // never split a surrogate pair between two pieces
            end++;
        }
        byte[] piece = text != null ? LosslessUtf8.toBytes(text.substring(position, end)) : null;
        int size = piece != null ? piece.length : end - position;
        ByteBuf out = allocator.buffer(size + size / 32 + 8);
        if (piece != null) {
            stuffer.stuff(piece, 0, piece.length, out::writeByte);
        } else {
            stuffer.stuff(bytes, position, size, out::writeByte);
        }
        if (end == length) {
            stuffer.end(out::writeByte);
            position = length + 1;
        } else {
            position = end;
        }
        return out;
    }
}
