package dev.mqkit.smtp;

import dev.mqkit.api.json.LosslessUtf8;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's side of {@link SmtpInputDecoder}: splits the server's byte stream into
 * {@link SmtpReply} values, the lines of a multi-line reply gathered into one
 * ({@link SmtpReply#continues}, {@link SmtpReply#parse}).
 *
 * <p>A line ends with CRLF or a bare LF; its text is read as {@link LosslessUtf8}. A line longer
 * than {@code maxLineLength} bytes (without its line end) fails with a {@link TooLongFrameException}
 * as soon as that many bytes arrived without a line end, lines that are not one reply with a
 * {@link CorruptedFrameException}, and so does a reply of more than {@link #MAX_LINES} lines (a peer
 * that never ends its reply would otherwise fill the heap); after either, nothing more is read.
 */
public final class SmtpReplyDecoder extends ByteToMessageDecoder {
    /** The most lines one reply may have; an EHLO reply, the longest in practice, has a few dozen. */
    public static final int MAX_LINES = 1000;

    private final int maxLineLength;
    private final List<String> lines = new ArrayList<>();
    private boolean failed;

    /** @param maxLineLength the longest reply line read, in bytes without the line end */
    public SmtpReplyDecoder(int maxLineLength) {
        this.maxLineLength = maxLineLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int end = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        int textLength = (end < 0 ? in.writerIndex() : end) - in.readerIndex();
        if (end >= 0 && textLength > 0 && in.getByte(end - 1) == '\r') {
            textLength--;
        }
        if (textLength > maxLineLength) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw new TooLongFrameException("reply line longer than " + maxLineLength + " bytes");
        }
        if (end < 0) {
            return;
        }
        byte[] bytes = new byte[textLength];
        in.getBytes(in.readerIndex(), bytes);
        in.readerIndex(end + 1);
        String line = LosslessUtf8.toText(bytes);
        lines.add(line);
        if (SmtpReply.continues(line)) {
            if (lines.size() >= MAX_LINES) {
                failed = true;
                lines.clear();
                in.skipBytes(in.readableBytes());
                throw new TooLongFrameException("reply of more than " + MAX_LINES + " lines");
            }
            return;
        }
        try {
            out.add(SmtpReply.parse(lines));
        } catch (IllegalArgumentException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw new CorruptedFrameException("malformed reply: " + ClientText.escaped(e.getMessage()));
        } finally {
            lines.clear();
        }
    }
}
