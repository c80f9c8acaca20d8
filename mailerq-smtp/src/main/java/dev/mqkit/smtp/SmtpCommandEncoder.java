package dev.mqkit.smtp;

import dev.mqkit.api.json.LosslessUtf8;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes {@link SmtpCommand} values as command lines ({@link SmtpCommand#wire()}), their text as
 * {@link LosslessUtf8} bytes; other messages (a DATA body, an AUTH response) pass through as they
 * are. Stateless, so {@link #INSTANCE} serves every channel.
 */
@ChannelHandler.Sharable
public final class SmtpCommandEncoder extends MessageToByteEncoder<SmtpCommand> {
    /** The one instance; add it to any number of pipelines. */
    public static final SmtpCommandEncoder INSTANCE = new SmtpCommandEncoder();

    private SmtpCommandEncoder() {
        super(SmtpCommand.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, SmtpCommand command, ByteBuf out) {
        out.writeBytes(LosslessUtf8.toBytes(command.wire()));
    }
}
