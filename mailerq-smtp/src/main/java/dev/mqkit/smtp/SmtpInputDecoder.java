package dev.mqkit.smtp;

import dev.mqkit.api.json.LosslessUtf8;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the byte stream into {@link SmtpInput}: command lines, or a whole DATA body.
 *
 * <p>The decoder hands out one input at a time and then pauses, with reading switched off, until
 * the session asks for the next one with {@link #expectCommand()} or {@link #expectData()}. So
 * pipelined commands wait in the buffer behind a command whose reply is not sent yet, nothing
 * after {@code DATA} is read as a command before the 354 was sent, and what a client pipelined
 * after {@code STARTTLS} stays in the buffer where {@link #discardBuffered()} drops it.
 *
 * <p>Command lines: at most {@code maxLineLength} bytes including CRLF (RFC 5321 4.5.3.1.4: 512,
 * here configurable, 1000 by default); a bare LF also ends a command line. A longer line is
 * discarded up to its end and reported as {@link SmtpInput.LineTooLong}.
 *
 * <p>DATA: a {@link DataBody} reads one body, its size limit, its keeping and its problems;
 * {@link DotStuffing.Unstuffer} undoes the dot-stuffing and finds the end: only
 * {@code CRLF . CRLF} ends the body (a bare LF never does, so SMTP smuggling sequences such as
 * {@code LF . LF} or {@code LF . CRLF} stay inside the body). Lines in the body have no length
 * limit of their own; the body as a whole is limited to {@code maxMessageSize} bytes after
 * un-dot-stuffing. A body that is too big, or that holds a bare LF, a bare CR or a NUL byte, is
 * read to its end and reported with a {@link SmtpInput.DataProblem} so the session can refuse it
 * without dropping the connection.
 *
 * <p>One decoder serves one channel, on its event loop; put it in the pipeline after TLS and
 * before the handler of the dialogue, with {@link SmtpReplyEncoder} beside it for the replies.
 */
public final class SmtpInputDecoder extends ByteToMessageDecoder {
    private enum Mode { COMMAND, DATA }

    private final int maxLineLength;
    private final long maxMessageSize;
    private final BodyStorage storage;

    private ChannelHandlerContext ctx;
    private Mode mode = Mode.COMMAND;
    private boolean paused = true;
    private boolean discardingLongLine;

    /** The DATA body being read, or null outside DATA. */
    private DataBody body;

    /**
     * A decoder for one channel that starts paused: call {@link #expectCommand()} (after the
     * greeting was sent) to receive the first line. The channel's auto-read is switched with the
     * decoder's pauses, so it should start with auto-read off.
     *
     * @param maxLineLength  the longest command line, in bytes with CRLF
     * @param maxMessageSize the largest DATA body kept, in bytes after un-dot-stuffing
     * @param storage        where bodies are kept while they arrive
     */
    public SmtpInputDecoder(int maxLineLength, long maxMessageSize, BodyStorage storage) {
        this.maxLineLength = maxLineLength;
        this.maxMessageSize = maxMessageSize;
        this.storage = storage;
    }

    /** A decoder that keeps bodies in memory, without a budget (a test sink's). */
    public SmtpInputDecoder(int maxLineLength, long maxMessageSize) {
        this(maxLineLength, maxMessageSize, BodyStorage.IN_MEMORY);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        super.handlerAdded(ctx);
    }

    /** Hand out the next command line; call on the event loop. */
    public void expectCommand() {
        mode = Mode.COMMAND;
        resume();
    }

    /** Read a DATA body next; call on the event loop. */
    public void expectData() {
        mode = Mode.DATA;
        body = new DataBody(maxMessageSize, storage);
        resume();
    }

    /** Stop handing out input and stop reading until the next expect call. */
    public void pause() {
        paused = true;
        ctx.channel().config().setAutoRead(false);
    }

    /** Drops whatever was received but not handed out yet (plaintext pipelined after STARTTLS). */
    public void discardBuffered() {
        ByteBuf buffered = internalBuffer();
        buffered.skipBytes(buffered.readableBytes());
    }

    private void resume() {
        paused = false;
        ctx.channel().config().setAutoRead(true);
        // input may already wait in the buffer: decode it, but never from inside a decode call
        ctx.executor().execute(() -> {
            if (!paused && !ctx.isRemoved() && internalBuffer().isReadable()) {
                try {
                    channelRead(ctx, Unpooled.EMPTY_BUFFER);
                } catch (Exception e) {
                    ctx.fireExceptionCaught(e);
                }
            }
        });
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (paused) {
            // do not ask for more bytes while an input waits for its answer
            ctx.fireChannelReadComplete();
        } else {
            super.channelReadComplete(ctx);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (paused || !in.isReadable()) {
            return;
        }
        if (mode == Mode.COMMAND) {
            decodeLine(in, out);
        } else {
            decodeData(in, out);
        }
        if (!out.isEmpty()) {
            pause();
        }
    }

    private void decodeLine(ByteBuf in, List<Object> out) {
        int end = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        if (discardingLongLine) {
            if (end < 0) {
                in.skipBytes(in.readableBytes());
            } else {
                in.readerIndex(end + 1);
                discardingLongLine = false;
                out.add(new SmtpInput.LineTooLong(maxLineLength));
            }
            return;
        }
        if (end < 0) {
            if (in.readableBytes() >= maxLineLength) {
                in.skipBytes(in.readableBytes());
                discardingLongLine = true;
            }
            return;
        }
        int length = end + 1 - in.readerIndex();
        if (length > maxLineLength) {
            in.readerIndex(end + 1);
            out.add(new SmtpInput.LineTooLong(maxLineLength));
            return;
        }
        int textLength = length - 1;
        if (textLength > 0 && in.getByte(end - 1) == '\r') {
            textLength--;
        }
        byte[] bytes = new byte[textLength];
        in.getBytes(in.readerIndex(), bytes);
        String text = LosslessUtf8.toText(bytes);
        in.readerIndex(end + 1);
        out.add(new SmtpInput.Line(text));
    }

    private void decodeData(ByteBuf in, List<Object> out) {
        if (body.read(in)) {
            out.add(body.finish());
            body = null;
            mode = Mode.COMMAND;
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (body != null) {
            body.discard();
            body = null;
        }
    }
}
