package dev.mqkit.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@link SmtpReply} values as SMTP reply lines ({@link SmtpReply#wire()}). Stateless, so
 * {@link #INSTANCE} serves every channel of every server.
 */
@ChannelHandler.Sharable
public final class SmtpReplyEncoder extends MessageToByteEncoder<SmtpReply> {
    /** The one instance; add it to any number of pipelines. */
    public static final SmtpReplyEncoder INSTANCE = new SmtpReplyEncoder();

    private SmtpReplyEncoder() {
        super(SmtpReply.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, SmtpReply reply, ByteBuf out) {
        out.writeCharSequence(reply.wire(), StandardCharsets.UTF_8);
    }
}
