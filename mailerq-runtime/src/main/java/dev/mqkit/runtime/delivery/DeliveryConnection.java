package dev.mqkit.runtime.delivery;

/** One outgoing connection as the hook sees it. */
public interface DeliveryConnection {
    /**
     * The Netty channel; its event loop is the thread hooks are called on, and the host keeps its
     * per-connection state in its attributes.
     */
    io.netty.channel.Channel channel();

    /** The socket's file descriptor (for getpeername/getsockname), or -1 if the transport has none. */
    int fileDescriptor();

    /** Whether STARTTLS succeeded on this connection. */
    boolean secure();
}
