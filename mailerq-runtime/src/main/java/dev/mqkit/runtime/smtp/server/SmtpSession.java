package dev.mqkit.runtime.smtp.server;

/** One incoming connection as the hooks see it. */
public interface SmtpSession {
    /** The connection's channel; the host keeps its per-connection state in the channel's attributes. */
    io.netty.channel.Channel channel();

    /** The real socket: ((EpollSocketChannel) channel).fd().intValue(). */
    int fileDescriptor();

    /** TLS active. */
    boolean secure();

    boolean authenticated();

    /** Null until authenticated. */
    String login();

    java.net.InetSocketAddress localAddress();

    java.net.InetSocketAddress remoteAddress();

    /** Null before EHLO/HELO. */
    String heloName();

    /** Raw bytes to the peer through the connection's normal output (MQ_SmtpSend). Thread-safe. */
    void send(byte[] bytes);
}
