package dev.mqkit.runtime.smtp.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;

/** Writes {@link SmtpReply} values as SMTP reply lines. Stateless, so one instance serves every channel. */
@ChannelHandler.Sharable
final class SmtpReplyEncoder extends MessageToByteEncoder<SmtpReply> {
    static final SmtpReplyEncoder INSTANCE = new SmtpReplyEncoder();

    private SmtpReplyEncoder() {
        super(SmtpReply.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, SmtpReply reply, ByteBuf out) {
        out.writeCharSequence(reply.wire(), StandardCharsets.UTF_8);
    }
}
