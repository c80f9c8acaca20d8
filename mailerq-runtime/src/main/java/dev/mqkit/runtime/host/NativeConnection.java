package dev.mqkit.runtime.host;

/**
 * An SMTP connection as plugins see it: one MQ_SmtpConnection (4.0+:
 * MQ_Connection) per plugin, so each has its own connection data and, from
 * 4.0, its own hand-back token, all sharing the socket and the flags. Served
 * by one worker, on which its hooks run and its hand-backs arrive.
 */
public final class NativeConnection implements AutoCloseable {

    /** Where MQ_SmtpSend (MQ_send) writes: the connection's normal output. Must be thread-safe. */
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

    NativeConnection(PluginHost host, Worker worker, long id, int fd, Output output) {
        this.host = host;
        this.id = id;
        this.output = output;
        this.address = LibMqHost.mqhost_connection_new(host.id(), worker.id(), id, fd, host.plugins().size());
        if (address == 0) {
            throw new OutOfMemoryError("cannot allocate a connection for the plugins");
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

    /** What MQ_SmtpSecure (MQ_secure) answers. */
    public void secure(boolean secure) {
        LibMqHost.mqhost_connection_set_secure(address, secure ? 1 : 0);
    }

    /** The verdict the plugins left with MQ_SetSmtpAuthenticated (MQ_setAuthenticated). */
    public boolean authenticated() {
        return LibMqHost.mqhost_connection_authenticated(address) != 0;
    }

    /** Sets what MQ_SmtpAuthenticated (MQ_authenticated) answers, e.g. false before mq_smtp_in_authenticate runs. */
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
