package dev.mqkit.runtime.queue.rabbitmq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import com.rabbitmq.client.ShutdownSignalException;
import dev.mqkit.api.config.ConfigException;
import dev.mqkit.api.json.Json;
import dev.mqkit.runtime.Failures;
import dev.mqkit.runtime.queue.MessageConsumer;
import dev.mqkit.runtime.queue.MessageQueues;
import dev.mqkit.runtime.queue.QueueNames;
import dev.mqkit.runtime.queue.QueueThreads;
import dev.mqkit.runtime.queue.QueuesUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;

/**
 * The queues on a RabbitMQ broker, as MailerQ keeps them: routing key = queue name, on 3.0's
 * {@code rabbitmq-exchange} (a direct exchange each queue is bound to by its name) or 5.13's default
 * exchange; the configured queues (and 3.0's exchange) declared at every connection unless
 * {@code rabbitmq-declare} is false, durable and with persistent messages unless configured otherwise.
 *
 * <p>A publication completes when the broker confirmed it (publisher confirms), so a 250 is given only
 * for mail the broker has. Consumed messages are acknowledged when the consumer's stage completes and
 * handed out again (nack, requeue) when it fails, and at most {@code rabbitmq-qos} (and the consumer's
 * own prefetch) are unacknowledged at once: a message is taken off the outbox only once its result or
 * its retry is confirmed. A delayed publication goes to a queue of the runtime's own,
 * {@code QUEUE.delay-MSms}, whose message TTL dead-letters it into {@code QUEUE} when due: the broker
 * holds retries, so they survive the runtime and any runtime on the broker may make the next attempt.
 *
 * <p>While the broker is unreachable, publications fail at once with {@link QueuesUnavailableException}
 * and nothing is consumed; the {@link BrokerLink} reconnects and the consumers carry on.
 */
public final class RabbitQueues implements MessageQueues, BrokerLink.Session {
    private static final System.Logger LOG = System.getLogger(RabbitQueues.class.getName());
    private static final long POLL_INTERVAL_MILLIS = 20;

    private final QueueNames names;
    private final BrokerSettings settings;
    private final BrokerLink link;
    private final AMQP.BasicProperties properties;
    /** Every publication goes through this thread: confirm sequence numbers need one order, and a broker
     * that blocks publishers (a memory alarm) blocks this thread, not an event loop. */
    private final ExecutorService publishing = QueueThreads.single("mq-rabbitmq-publish");
    private final List<RabbitSubscription> subscriptions = new CopyOnWriteArrayList<>();
    /** The confirm channels: incoming mail's own, so that its 250 does not wait behind delivery outcomes. */
    private enum Lane {
        INCOMING, OUTCOMES
    }

    // publishing thread only, reset on every connection
    private final ConfirmingPublisher[] publishers = new ConfirmingPublisher[Lane.values().length];
    private Connection publisherConnection;
    private static final long IDLE_DELAY_QUEUE_MILLIS = 60_000;
    private static final long DELAY_QUEUE_REDECLARE_MILLIS = 30_000;
    /** The broker's largest x-message-ttl and x-expires, 2^32 - 1 ms, less the idle minute expiry adds. */
    static final long LONGEST_DELAY_MILLIS = 0xFFFF_FFFFL - IDLE_DELAY_QUEUE_MILLIS;
    private final Set<String> declared = new java.util.HashSet<>();
    /** When this connection last declared each delay queue (System.nanoTime), publishing thread only. */
    private final Map<String, Long> delayQueuesDeclared = new java.util.HashMap<>();
    private volatile boolean closed;

    private RabbitQueues(QueueNames names, BrokerSettings settings) {
        this.names = Objects.requireNonNull(names);
        this.settings = Objects.requireNonNull(settings);
        this.properties = (settings.persistent() ? MessageProperties.PERSISTENT_BASIC : MessageProperties.BASIC)
                .builder().contentType("application/json").build();
        this.link = new BrokerLink(settings.brokers(), this);
    }

    /** Connects (see {@link BrokerLink#start}) and declares the queues; throws naming the key at fault. */
    public static RabbitQueues start(QueueNames names, BrokerSettings settings) {
        RabbitQueues queues = new RabbitQueues(names, settings);
        queues.link.start();
        return queues;
    }

    @Override
    public QueueNames names() {
        return names;
    }

    /** Whether the broker is connected now. */
    public boolean connected() {
        return link.isConnected();
    }

    // ----- BrokerLink.Session: on the link's thread -----

    @Override
    public void connected(Connection connection) throws IOException {
        try (Channel channel = connection.createChannel()) {
            if (settings.declare()) {
                if (!settings.exchange().isEmpty()) {
                    channel.exchangeDeclare(settings.exchange(), "direct", settings.durable());
                }
                for (String queue : configuredQueues()) {
                    declare(channel, queue);
                }
            } else {
                for (String queue : List.of(names.outbox(), names.inbox())) {
                    channel.queueDeclarePassive(queue);
                }
            }
        } catch (IOException e) {
            throw topologyError(e);
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
        for (RabbitSubscription subscription : subscriptions) {
            subscription.attach(connection);
        }
    }

    private Set<String> configuredQueues() {
        Set<String> queues = new LinkedHashSet<>();
        for (String queue : List.of(names.outbox(), names.inbox(), names.results(), names.success(), names.failure(),
                names.retry(), names.refused(), names.local())) {
            if (!queue.isEmpty()) {
                queues.add(queue);
            }
        }
        return queues;
    }

    private void declare(Channel channel, String queue) throws IOException {
        channel.queueDeclare(queue, settings.durable(), false, false, null);
        if (!settings.exchange().isEmpty()) {
            channel.queueBind(queue, settings.exchange(), queue);
        }
    }

    private RuntimeException topologyError(IOException e) {
        String reason = reason(e);
        if (reason.contains("PRECONDITION_FAILED")) {
            return new ConfigException("RabbitMQ has a queue or exchange of the runtime with other settings (" + reason
                    + "): make rabbitmq-durable match it, delete it on the broker, or set rabbitmq-declare: false");
        }
        if (reason.contains("NOT_FOUND")) {
            return new ConfigException("rabbitmq-declare is false and RabbitMQ lacks a queue (" + reason + "): declare "
                    + "the rabbitmq-outbox and rabbitmq-inbox queues on the broker, or set rabbitmq-declare: true");
        }
        return new QueuesUnavailableException("cannot declare the queues on RabbitMQ: " + reason, e);
    }

    private static String reason(Throwable e) {
        return Failures.find(e, ShutdownSignalException.class)
                .map(ShutdownSignalException::getReason)
                .filter(AMQP.Channel.Close.class::isInstance)
                .map(close -> ((AMQP.Channel.Close) close).getReplyText())
                .orElse(String.valueOf(e.getMessage()));
    }

    // ----- publishing -----

    @Override
    public CompletionStage<Void> publish(String queue, ObjectNode message) {
        Objects.requireNonNull(queue, "queue name");
        byte[] body = serialize(message);
        return onPublishingThread(future -> {
            ConfirmingPublisher target = publisher(Lane.INCOMING, queue);
            target.publish(settings.exchange(), queue, properties, body, future);
        });
    }

    /** One serialisation and one hand-over to the publishing thread for all the queues, on the outcomes' channel. */
    @Override
    public CompletionStage<Void> publishOutcome(List<String> queues, ObjectNode message) {
        List<String> targets = List.copyOf(queues);
        byte[] body = serialize(message);
        return onPublishingThread(all -> {
            CompletableFuture<?>[] each = new CompletableFuture<?>[targets.size()];
            for (int i = 0; i < each.length; i++) {
                CompletableFuture<Void> confirmed = new CompletableFuture<>();
                each[i] = confirmed;
                try {
                    publisher(Lane.OUTCOMES, targets.get(i)).publish(settings.exchange(), targets.get(i), properties, body,
                            confirmed);
                } catch (IOException | RuntimeException e) {
                    confirmed.completeExceptionally(e instanceof QueuesUnavailableException ? e
                            : new QueuesUnavailableException("cannot publish to RabbitMQ: " + reason(e), e));
                }
            }
            CompletableFuture.allOf(each).whenComplete((ok, error) -> {
                if (error == null) {
                    all.complete(null);
                } else {
                    all.completeExceptionally(Failures.unwrap(error));
                }
            });
        });
    }

    @Override
    public CompletionStage<Void> publishDelayed(String queue, ObjectNode message, Duration delay) {
        Objects.requireNonNull(queue, "queue name");
        byte[] body = serialize(message);
        long millis = delayBucket(delay.toMillis());
        String waiting = delayQueue(queue, millis);
        return onPublishingThread(future -> {
            ConfirmingPublisher target = publisher(Lane.OUTCOMES, null);
            declareDelayQueue(waiting, queue, millis);
            target.publish("", waiting, properties, body, future);
        });
    }

    /**
     * The delay a message waits for {@code millis}: rounded up to two significant digits (1234 ms waits
     * 1300 ms, at most a tenth longer, never shorter), so that delays of any length, such as a message's
     * {@code nextattempt}, share a bounded number of delay queues. The broker takes no TTL or expiry beyond
     * 2^32 - 1 ms (some 49 days): a longer delay waits that long, and a message whose {@code nextattempt} is
     * still ahead then is held back once more by delivery.
     */
    public static long delayBucket(long millis) {
        if (millis < 100) {
            return Math.max(0, millis);
        }
        if (millis >= LONGEST_DELAY_MILLIS) {
            return LONGEST_DELAY_MILLIS;
        }
        long step = 1;
        while (millis / step >= 100) {
            step *= 10;
        }
        return Math.min((millis + step - 1) / step * step, LONGEST_DELAY_MILLIS);
    }

    /** The runtime's queue that holds messages for {@code queue} for {@code millis}. */
    public static String delayQueue(String queue, long millis) {
        return queue + ".delay-" + millis + "ms";
    }

    /** What runs on the publishing thread: it publishes and completes {@code confirmed} once the broker confirmed. */
    private interface PublishingTask {
        void run(CompletableFuture<Void> confirmed) throws IOException;
    }

    private CompletionStage<Void> onPublishingThread(PublishingTask task) {
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        if (closed) {
            confirmed.completeExceptionally(new QueuesUnavailableException("the queues are closed"));
            return confirmed;
        }
        try {
            publishing.execute(() -> {
                try {
                    task.run(confirmed);
                } catch (IOException | RuntimeException e) {
                    confirmed.completeExceptionally(e instanceof QueuesUnavailableException ? e
                            : new QueuesUnavailableException("cannot publish to RabbitMQ: " + reason(e), e));
                }
            });
        } catch (RejectedExecutionException e) {
            confirmed.completeExceptionally(new QueuesUnavailableException("the queues are closed"));
        }
        return confirmed;
    }

    /** The lane's publisher on the current connection (publishing thread); declares {@code queue} on first use. */
    private ConfirmingPublisher publisher(Lane lane, String queue) throws IOException {
        Connection connection = link.connection();
        if (connection != publisherConnection) {
            declared.clear();
            delayQueuesDeclared.clear();
            java.util.Arrays.fill(publishers, null);
            publisherConnection = connection;
        }
        ConfirmingPublisher publisher = publishers[lane.ordinal()];
        if (publisher == null || !publisher.isOpen()) {
            publisher = new ConfirmingPublisher(connection);
            publishers[lane.ordinal()] = publisher;
        }
        // queues named by a message's "queues" member are declared too, so that its results are not dropped
        if (queue != null && settings.declare() && !declared.contains(queue) && !configuredQueues().contains(queue)) {
            withChannel(connection, channel -> declare(channel, queue));
            // only once the broker took the declaration: a refused one is tried again, not taken for done
            declared.add(queue);
        }
        return publisher;
    }

    /**
     * Declares the delay queue unless this connection did so in the last {@link #DELAY_QUEUE_REDECLARE_MILLIS}:
     * a declaration keeps the queue from expiring for its TTL and a minute more, so it covers the messages
     * published in the half minute after it, and a retry does not cost three round trips on the thread that
     * incoming mail's confirms wait behind.
     */
    private void declareDelayQueue(String waiting, String target, long millis) throws IOException {
        long now = System.nanoTime();
        Long last = delayQueuesDeclared.get(waiting);
        if (last != null && now - last < TimeUnit.MILLISECONDS.toNanos(DELAY_QUEUE_REDECLARE_MILLIS)) {
            return;
        }
        withChannel(link.connection(), channel -> channel.queueDeclare(waiting, settings.durable(), false, false, Map.of(
                "x-message-ttl", millis,
                // an idle delay queue goes away a minute after its last messages were due
                "x-expires", millis + IDLE_DELAY_QUEUE_MILLIS,
                "x-dead-letter-exchange", settings.exchange(),
                "x-dead-letter-routing-key", target)));
        delayQueuesDeclared.put(waiting, now);
    }

    private interface ChannelWork {
        void run(Channel channel) throws IOException;
    }

    private static void withChannel(Connection connection, ChannelWork work) throws IOException {
        try (Channel channel = connection.createChannel()) {
            work.run(channel);
        } catch (TimeoutException e) {
            throw new IOException(e);
        } catch (com.rabbitmq.client.AlreadyClosedException e) {
            // the work closed it with an error, reported by the work itself
        }
    }

    private static byte[] serialize(ObjectNode message) {
        Objects.requireNonNull(message, "message");
        try {
            return Json.MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the message as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A message body as MailerQ publishes it: JSON, or gzipped JSON with content-encoding gzip. */
    static ObjectNode parse(byte[] body, AMQP.BasicProperties properties) throws IOException {
        InputStream in = new ByteArrayInputStream(body);
        if (properties != null && "gzip".equalsIgnoreCase(properties.getContentEncoding())) {
            in = new GZIPInputStream(in);
        }
        JsonNode node = Json.MAPPER.readTree(in);
        if (!(node instanceof ObjectNode object)) {
            throw new IOException("not a JSON object");
        }
        return object;
    }

    // ----- consuming -----

    @Override
    public Subscription consume(String queue, int prefetch, MessageConsumer consumer) {
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be at least 1, not " + prefetch);
        }
        RabbitSubscription subscription = new RabbitSubscription(queue, Math.min(prefetch, settings.qos()), consumer,
                subscriptions::remove);
        subscriptions.add(subscription);
        if (link.isConnected()) {
            try {
                subscription.attach(link.connection());
            } catch (IOException | RuntimeException e) {
                // the connection went meanwhile: the next one attaches it
                LOG.log(System.Logger.Level.DEBUG, "cannot consume " + queue + " now: " + e);
            }
        }
        return subscription;
    }

    // ----- inspection, for tests -----

    @Override
    public Optional<ObjectNode> poll(String queue, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Channel channel = null;
        try {
            while (true) {
                try {
                    if (channel == null || !channel.isOpen()) {
                        channel = link.connection().createChannel();
                    }
                    GetResponse response = channel.basicGet(queue, false);
                    if (response != null) {
                        ObjectNode message = parse(response.getBody(), response.getProps());
                        channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
                        return Optional.of(message);
                    }
                } catch (IOException | QueuesUnavailableException | com.rabbitmq.client.AlreadyClosedException e) {
                    // no such queue yet, or no broker now: as an empty queue, until the time is up
                }
                if (System.nanoTime() >= deadline) {
                    return Optional.empty();
                }
                Thread.sleep(POLL_INTERVAL_MILLIS);
            }
        } finally {
            closeQuietly(channel);
        }
    }

    /** Takes every waiting message unacknowledged on a channel of its own, then closes it: they all go back, in order. */
    @Override
    public List<ObjectNode> snapshot(String queue) {
        List<ObjectNode> messages = new ArrayList<>();
        Channel channel = null;
        try {
            channel = link.connection().createChannel();
            GetResponse response;
            while ((response = channel.basicGet(queue, false)) != null) {
                messages.add(parse(response.getBody(), response.getProps()));
            }
        } catch (IOException | com.rabbitmq.client.AlreadyClosedException e) {
            if (!reason(e).contains("NOT_FOUND")) {
                throw new QueuesUnavailableException("cannot read queue '" + queue + "' on RabbitMQ: " + reason(e), e);
            }
            // a queue never declared is empty
        } finally {
            closeQuietly(channel);
        }
        return messages;
    }

    private static void closeQuietly(Channel channel) {
        if (channel != null && channel.isOpen()) {
            try {
                channel.close();
            } catch (IOException | TimeoutException | RuntimeException e) {
                // going anyway
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (RabbitSubscription subscription : List.copyOf(subscriptions)) {
            subscription.close();
        }
        publishing.shutdown();
        try {
            publishing.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        link.close();
    }
}
