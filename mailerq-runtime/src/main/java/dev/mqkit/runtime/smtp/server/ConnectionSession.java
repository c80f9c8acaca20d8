package dev.mqkit.runtime.smtp.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.unix.UnixChannel;
import java.net.InetSocketAddress;

/**
 * The {@link SmtpSession} of one connection: what the session handler knows about the connection,
 * shown to the hooks. Written on the event loop only; read from anywhere (hence volatile).
 */
final class ConnectionSession implements SmtpSession {
    private final Channel channel;
    private final int fileDescriptor;
    private final InetSocketAddress localAddress;
    private final InetSocketAddress remoteAddress;
    private volatile boolean secure;
    private volatile String login;
    private volatile String heloName;

    ConnectionSession(Channel channel) {
        this.channel = channel;
        this.fileDescriptor = channel instanceof UnixChannel unix ? unix.fd().intValue() : -1;
        this.localAddress = (InetSocketAddress) channel.localAddress();
        this.remoteAddress = (InetSocketAddress) channel.remoteAddress();
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public int fileDescriptor() {
        return fileDescriptor;
    }

    @Override
    public boolean secure() {
        return secure;
    }

    void secure(boolean secure) {
        this.secure = secure;
    }

    @Override
    public boolean authenticated() {
        return login != null;
    }

    @Override
    public String login() {
        return login;
    }

    void login(String login) {
        this.login = login;
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String heloName() {
        return heloName;
    }

    void heloName(String heloName) {
        this.heloName = heloName;
    }

    @Override
    public void send(byte[] bytes) {
        channel.writeAndFlush(Unpooled.copiedBuffer(bytes));
    }

    @Override
    public String toString() {
        return "SmtpSession[" + remoteAddress + " -> " + localAddress + "]";
    }
}
