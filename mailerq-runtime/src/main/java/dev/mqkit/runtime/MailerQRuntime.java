package dev.mqkit.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.config.AddressRanges;
import dev.mqkit.api.config.RuntimeConfig;
import dev.mqkit.runtime.delivery.Deliverer;
import dev.mqkit.runtime.delivery.DeliverySettings;
import dev.mqkit.runtime.host.HookObserver;
import dev.mqkit.runtime.host.PluginHost;
import dev.mqkit.runtime.host.PluginHostSettings;
import dev.mqkit.runtime.plugins.PluginDeliveryHooks;
import dev.mqkit.runtime.plugins.PluginSmtpHooks;
import dev.mqkit.runtime.queue.InMemoryQueues;
import dev.mqkit.runtime.queue.JsonMessages;
import dev.mqkit.runtime.queue.MessageQueues;
import dev.mqkit.runtime.queue.QueueNames;
import dev.mqkit.runtime.queue.rabbitmq.BrokerSettings;
import dev.mqkit.runtime.queue.rabbitmq.RabbitQueues;
import dev.mqkit.runtime.smtp.server.Publication;
import dev.mqkit.runtime.smtp.server.SmtpServer;
import dev.mqkit.runtime.smtp.server.SmtpServerSettings;
import dev.mqkit.smtp.ClientText;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The embedded MTA: the plugin host and its workers, incoming SMTP, the
 * queues and outgoing delivery, wired as MailerQ wires them. Received mail
 * goes to the inbox, which is the outbox unless configured otherwise, so it
 * is delivered.
 */
public final class MailerQRuntime implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.mqkit.runtime");

    private final PluginHost host;
    private final MessageQueues queues;
    private final SmtpServer server;
    private final Deliverer deliverer;
    private final SmtpServer.Ports ports;

    private MailerQRuntime(RuntimeConfig config, HookObserver observer) {
        Optional<BrokerSettings> broker = BrokerSettings.from(config); // checked before anything starts
        host = PluginHost.start(PluginHostSettings.from(config, observer));
        try {
            SmtpServerSettings.loopbackOnlyNotice(config).ifPresent(notice -> LOG.log(Level.WARNING, notice));
            queues = openQueues(config, broker);
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
        try {
            server = new SmtpServer(SmtpServerSettings.from(config, localHostName()), new PluginSmtpHooks(host),
                    this::receive, host.eventLoops());
            ports = server.start();
            deliverer = new Deliverer(DeliverySettings.from(config), queues, new PluginDeliveryHooks(host),
                    host.eventLoops());
            deliverer.start();
        } catch (RuntimeException e) {
            host.close();
            queues.close();
            throw e;
        }
    }

    /** Starts everything the configuration describes; throws naming what could not start. */
    public static MailerQRuntime start(RuntimeConfig config) {
        return new MailerQRuntime(config, HookObserver.NONE);
    }

    /** As {@link #start(RuntimeConfig)}, with an observer of every hook call. */
    public static MailerQRuntime start(RuntimeConfig config, HookObserver observer) {
        return new MailerQRuntime(config, observer);
    }

    private CompletableFuture<Void> receive(Publication publication) {
        ObjectNode message = publication.json();
        Optional<String> queue = publication.queue(queues.names());
        LOG.log(Level.INFO, "received " + ClientText.escaped(message.path("envelope").asText()) + " -> "
                + ClientText.escaped(message.path("recipient").asText()) + (publication.local() ? " (local)" : "")
                + (publication.refused() ? " (refused: no login" + (queue.isEmpty() ? ", rabbitmq-refused is empty: dropped)" : ")") : ""));
        if (queue.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        // the 250 waits for this: on a broker, for its confirm
        return queues.publish(queue.get(), message).toCompletableFuture();
    }

    /**
     * The queues: on the broker the configuration names ({@code rabbitmq-address}, 3.0's
     * {@code rabbitmq-host}), else in memory.
     */
    private static MessageQueues openQueues(RuntimeConfig config, Optional<BrokerSettings> broker) {
        QueueNames names = QueueNames.from(config);
        if (broker.isPresent()) {
            return RabbitQueues.start(names, broker.get());
        }
        return new InMemoryQueues(names, config.resultQueueLimit());
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** The plugin host, for traces and hook state. */
    public PluginHost host() {
        return host;
    }

    /** The queues: inbox, outbox, results, success, failure, retry, refused, local; in memory or on the broker. */
    public MessageQueues queues() {
        return queues;
    }

    /** The ports the SMTP server listens on (ephemeral ones resolved). */
    public SmtpServer.Ports ports() {
        return ports;
    }

    /**
     * Puts a JSON message straight into the outbox, as MailerQ users do; returns once the queue has it
     * (on a broker: confirmed), or throws {@link dev.mqkit.runtime.queue.QueuesUnavailableException}.
     */
    public void send(ObjectNode message) {
        JsonMessages.await(queues.publishToOutbox(message));
    }

    /**
     * Stops as MailerQ does: no new connections, in-flight ones finished
     * within a bound, delivery stopped, then the plugins' context and global
     * clean-up.
     */
    @Override
    public void close() {
        try {
            server.close();
            deliverer.close();
        } finally {
            host.close();
            queues.close();
            LOG.log(Level.INFO, "stopped");
        }
    }
}
