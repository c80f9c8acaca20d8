package dev.mqkit.runtime.queue.rabbitmq;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.ForgivingExceptionHandler;
import dev.mqkit.api.config.ConfigException;
import dev.mqkit.runtime.Failures;
import dev.mqkit.runtime.queue.QueueThreads;
import dev.mqkit.runtime.queue.QueuesUnavailableException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one connection to the broker, kept up: when it cannot be made or is lost, it is tried again with
 * back-off ({@value #FIRST_RETRY_MILLIS} ms doubling up to {@value #MAX_RETRY_MILLIS} ms) on a thread of
 * its own, for as long as the runtime runs. The log says once that the broker is gone and once that it
 * is back; the attempts between are logged at debug level only.
 */
final class BrokerLink implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(BrokerLink.class.getName());
    static final long FIRST_RETRY_MILLIS = 250;
    static final long MAX_RETRY_MILLIS = 5000;

    /**
     * What runs on every (re)connection, on the link's thread. A lost connection needs nothing of it: the
     * publishers' channels fail their pending confirms, and the consumers' deliveries go back by themselves.
     */
    interface Session {
        /** Declares and subscribes on a new connection; an exception closes it and the link tries again. */
        void connected(Connection connection) throws IOException;
    }

    private final List<BrokerSettings.Broker> brokers;
    private final Session session;
    private final ScheduledExecutorService thread = QueueThreads.scheduled("mq-rabbitmq-link");
    private volatile Connection connection;
    private volatile boolean closed;
    private long retryMillis = FIRST_RETRY_MILLIS; // link thread only
    private long downSince; // link thread only; 0 while up

    BrokerLink(List<BrokerSettings.Broker> brokers, Session session) {
        this.brokers = brokers;
        this.session = session;
    }

    /**
     * Connects once, in the caller's thread. A broker that cannot be reached is not fatal (MailerQ, too,
     * waits for its broker): the runtime starts, answers incoming mail with 451 and keeps trying. A broker
     * that refuses the login or the vhost, or queues that do not match, stop the start.
     */
    void start() {
        try {
            thread.submit(() -> {
                attempt(true);
                return null;
            }).get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to RabbitMQ", e);
        }
    }

    /** The open connection, or a failure saying the broker is unavailable. */
    Connection connection() {
        Connection current = connection;
        if (current == null || !current.isOpen()) {
            throw unavailable();
        }
        return current;
    }

    boolean isConnected() {
        Connection current = connection;
        return current != null && current.isOpen();
    }

    QueuesUnavailableException unavailable() {
        return new QueuesUnavailableException("RabbitMQ at " + brokers.get(0) + " is not connected");
    }

    /** Runs on the link's thread. */
    private void attempt(boolean atStart) {
        if (closed) {
            return;
        }
        Exception last = null;
        for (BrokerSettings.Broker broker : brokers) {
            Connection opened;
            try {
                opened = factory(broker).newConnection("mailerq-runtime");
            } catch (PossibleAuthenticationFailureException e) {
                last = new ConfigException("RabbitMQ at " + broker + " refused the login: check the user and password "
                        + "in " + keyOf(broker) + " (" + e.getMessage() + ")", e);
                continue;
            } catch (IOException | TimeoutException e) {
                last = refusedVhost(broker, e) ? new ConfigException("RabbitMQ at " + broker + " has no virtual host '"
                        + broker.vhost() + "' or refuses it to user '" + broker.user() + "': create it (rabbitmqctl "
                        + "add_vhost " + broker.vhost() + ", set_permissions) or fix " + keyOf(broker), e) : e;
                continue;
            }
            try {
                session.connected(opened);
            } catch (IOException | RuntimeException e) {
                closeQuietly(opened);
                if (atStart && e instanceof RuntimeException runtime) {
                    throw runtime; // queues that do not match: the user must act
                }
                last = e;
                continue;
            }
            connection = opened;
            opened.addShutdownListener(this::lost);
            if (downSince != 0) {
                LOG.log(Level.INFO, "connected to RabbitMQ at " + broker + " again after "
                        + Duration.ofMillis(System.currentTimeMillis() - downSince).toSeconds()
                        + " s: incoming mail is queued and delivery goes on");
                downSince = 0;
            } else {
                LOG.log(Level.INFO, "connected to RabbitMQ at " + broker);
            }
            retryMillis = FIRST_RETRY_MILLIS;
            return;
        }
        if (atStart && last instanceof ConfigException config) {
            throw config;
        }
        if (downSince == 0) {
            downSince = System.currentTimeMillis();
            LOG.log(Level.WARNING, "cannot reach RabbitMQ at " + brokers.get(0) + (brokers.size() > 1 ? " (nor the others)" : "")
                    + ": " + describe(last) + "; incoming mail gets 451 and delivery waits until it is back; "
                    + "trying again every few seconds");
        } else {
            LOG.log(Level.DEBUG, "RabbitMQ still unreachable: " + describe(last));
        }
        schedule();
    }

    private void schedule() {
        if (closed) {
            return;
        }
        long delay = retryMillis;
        retryMillis = Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
        try {
            thread.schedule(() -> attempt(false), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private void lost(ShutdownSignalException cause) {
        if (cause.isInitiatedByApplication() && closed) {
            return;
        }
        try {
            thread.execute(() -> {
                if (downSince == 0) {
                    downSince = System.currentTimeMillis();
                    LOG.log(Level.WARNING, "lost the connection to RabbitMQ at " + brokers.get(0) + " (" + describe(cause)
                            + "): incoming mail gets 451 and delivery waits until it is back; reconnecting");
                }
                connection = null;
                schedule();
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private static boolean refusedVhost(BrokerSettings.Broker broker, Exception e) {
        return Failures.first(e, t -> t.getMessage() != null && t.getMessage().contains("NOT_ALLOWED")).isPresent();
    }

    private static String keyOf(BrokerSettings.Broker broker) {
        return broker.tls() || broker.vhost().isEmpty() ? "rabbitmq-address" : "rabbitmq-address (rabbitmq-user, "
                + "rabbitmq-password, rabbitmq-vhost in 3.0)";
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "no broker";
        }
        // the first cause that says something, else the innermost
        Throwable root = Failures.first(e, t -> t.getMessage() != null || t.getCause() == null).orElse(e);
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    private static ConnectionFactory factory(BrokerSettings.Broker broker) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(broker.host());
        factory.setPort(broker.port());
        factory.setUsername(broker.user());
        factory.setPassword(broker.password());
        factory.setVirtualHost(broker.vhost());
        if (broker.tls()) {
            try {
                factory.useSslProtocol();
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("cannot set up TLS for " + broker, e);
            }
        }
        // this link reconnects itself: one place that knows, logs once and fails what waits
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        factory.setConnectionTimeout(5000);
        factory.setHandshakeTimeout(5000);
        factory.setRequestedHeartbeat(10);
        factory.setExceptionHandler(new QuietExceptionHandler());
        return factory;
    }

    /** A lost connection is reported by the link, once; the client's own per-event lines would repeat it. */
    private static final class QuietExceptionHandler extends ForgivingExceptionHandler {
        @Override
        public void handleUnexpectedConnectionDriverException(Connection conn, Throwable exception) {
            LOG.log(Level.DEBUG, "RabbitMQ connection driver: " + exception);
        }

        @Override
        protected void log(String message, Throwable e) {
            LOG.log(Level.DEBUG, message + ": " + e);
        }
    }

    private static void closeQuietly(Connection opened) {
        try {
            opened.close(2000);
        } catch (IOException | RuntimeException e) {
            // it was going anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
        Connection current = connection;
        if (current != null && current.isOpen()) {
            closeQuietly(current);
        }
    }
}
