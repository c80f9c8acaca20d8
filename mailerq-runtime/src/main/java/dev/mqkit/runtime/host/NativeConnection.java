package dev.mqkit.runtime.host;

/**
 * An SMTP connection as plugins see it: one MQ_SmtpConnection per plugin,
 * so each has its own MQ_SmtpData, all sharing the socket and the flags.
 */
public final class NativeConnection implements AutoCloseable {

    /** Where MQ_SmtpSend writes: the connection's normal output. Must be thread-safe. */
    @FunctionalInterface
    public interface Output {
        /** Queues bytes to the peer; returns how many were accepted. */
        long send(byte[] bytes);
    }

    private final PluginHost host;
    private final long id;
    private final long address;
    private final Output output;
    private boolean closed;

    NativeConnection(PluginHost host, long id, int fd, Output output) {
        this.host = host;
        this.id = id;
        this.output = output;
        this.address = LibMqHost.mqhost_connection_new(host.id(), id, fd, host.plugins().size());
        if (address == 0) {
            throw new OutOfMemoryError("cannot allocate an MQ_SmtpConnection");
        }
    }

    long id() {
        return id;
    }

    long address() {
        return address;
    }

    long send(byte[] bytes) {
        return output.send(bytes);
    }

    /** What MQ_SmtpSecure answers. */
    public void secure(boolean secure) {
        LibMqHost.mqhost_connection_set_secure(address, secure ? 1 : 0);
    }

    /** The verdict the plugins left with MQ_SetSmtpAuthenticated. */
    public boolean authenticated() {
        return LibMqHost.mqhost_connection_authenticated(address) != 0;
    }

    /** Sets what MQ_SmtpAuthenticated answers, e.g. false before mq_smtp_in_authenticate runs. */
    public void authenticated(boolean authenticated) {
        LibMqHost.mqhost_connection_set_authenticated(address, authenticated ? 1 : 0);
    }

    /** Frees the native connection; call after mq_smtp_in_close has run. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            host.forget(this);
            LibMqHost.mqhost_connection_free(address);
        }
    }
}
