package dev.mqkit.runtime.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.runtime.queue.MessageQueues;
import dev.mqkit.runtime.smtp.ClientText;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.smtp.SmtpRequestEncoder;
import io.netty.handler.codec.smtp.SmtpResponseDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLException;

/**
 * Outgoing delivery: consumes the outbox and sends each message over SMTP to the message's own
 * {@code smarthost}, else the configured smarthost, else the recipient domain's MX hosts. Every
 * attempt appends an entry to the message's {@code results} array; then the message goes to the
 * results queue and to success or failure, or, after a temporary failure with attempts left, to the
 * retry queue and back to the outbox after the back-off (a delayed publication: the queues hold it).
 * A consumed message is finished, so acknowledged, only once those publications are confirmed.
 *
 * <p>Connections run on the given event loop group (the plugin host's workers), so
 * {@link DeliveryHooks#outData} is called on the connection's own loop.
 */
public final class Deliverer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Deliverer.class.getName());
    private static final int MAX_REPLY_LINE = 8192;

    private final DeliverySettings settings;
    private final MessageQueues queues;
    private final DeliveryHooks hooks;
    private final EventLoopGroup group;
    private final SslContext tls;
    private final MxResolver resolver;
    private volatile MessageQueues.Subscription subscription;
    private volatile boolean closed;

    public Deliverer(DeliverySettings settings, MessageQueues queues, DeliveryHooks hooks, EventLoopGroup group) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.queues = Objects.requireNonNull(queues, "queues");
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.group = Objects.requireNonNull(group, "group");
        this.tls = clientTls(settings.tlsVerify());
        this.resolver = new MxResolver(group.next(), settings.dnsResolver(), settings.replyTimeout());
    }

    /** Starts taking messages from the outbox. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("deliverer is closed");
        }
        if (subscription == null) {
            subscription = queues.consume(queues.names().outbox(), settings.maxConcurrent(), this::deliver);
        }
    }

    /**
     * Makes one delivery attempt for {@code message} (the object is changed: its results grow) and
     * publishes it where it belongs. Completes with how the attempt ended once the queues have taken
     * every publication (on a broker: confirmed), so that the consumed message is acknowledged only
     * then; fails when publishing failed, and the message is handed out again.
     */
    public CompletableFuture<AttemptResult> deliver(ObjectNode message) {
        int attempt = message.path("results").isArray() ? message.get("results").size() + 1 : 1;
        OutgoingMessage outgoing = new OutgoingMessage(message);
        CompletableFuture<AttemptResult> outcome;
        try {
            outcome = attempt(outgoing);
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        return outcome.handle((result, error) -> {
            if (error != null) {
                LOG.log(Level.ERROR, "delivery attempt failed unexpectedly", error);
                result = AttemptResult.failure(true, "4.3.0", "internal error: " + error, "connect", null, null);
            }
            return result;
        }).thenCompose(result -> publish(message, attempt, result).thenApply(published -> result));
    }

    private CompletableFuture<AttemptResult> attempt(OutgoingMessage message) {
        Optional<DeliverySettings.Smarthost> smarthost = messageSmarthost(message.json()).or(settings::smarthost);
        CompletableFuture<List<MxResolver.Endpoint>> endpoints;
        if (smarthost.isPresent()) {
            endpoints = resolver.host(smarthost.get().host(), smarthost.get().port());
        } else {
            String recipient = message.recipient();
            int at = recipient.lastIndexOf('@');
            if (at < 0 || at == recipient.length() - 1) {
                return CompletableFuture.completedFuture(AttemptResult.failure(false, "5.1.3",
                        "recipient '" + recipient + "' has no domain", "connect", null, null));
            }
            endpoints = resolver.mailHosts(recipient.substring(at + 1), settings.deliveryPort());
        }
        CompletableFuture<AttemptResult> result = new CompletableFuture<>();
        endpoints.whenComplete((list, error) -> {
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                boolean permanent = cause instanceof MxResolver.PermanentDnsException;
                result.complete(AttemptResult.noHosts(!permanent, "no host found: "
                        + (cause.getMessage() == null ? cause.toString() : cause.getMessage())));
            } else {
                connect(list, 0, smarthost.orElse(null), message, result, null);
            }
        });
        return result;
    }

    /** Tries the endpoints in order until one accepts the connection; then that session decides. */
    private void connect(List<MxResolver.Endpoint> endpoints, int index, DeliverySettings.Smarthost smarthost,
                         OutgoingMessage message, CompletableFuture<AttemptResult> result, Throwable lastError) {
        if (index >= endpoints.size()) {
            MxResolver.Endpoint last = endpoints.get(endpoints.size() - 1);
            String why = lastError == null ? "no connection" : lastError.getMessage();
            result.complete(AttemptResult.failure(true, "4.4.1", "cannot connect: " + why, "connect", null,
                    last.address().getAddress().getHostAddress()));
            return;
        }
        MxResolver.Endpoint endpoint = endpoints.get(index);
        SmtpClientSession session = new SmtpClientSession(settings, endpoint.host(), smarthost,
                settings.startTls() ? tls : null, message, hooks);
        EventLoop loop = group.next();
        ChannelFuture connecting = new Bootstrap()
                .group(loop)
                .channel(EpollSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        settings.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("replies", new SmtpResponseDecoder(MAX_REPLY_LINE));
                        ch.pipeline().addLast("requests", new SmtpRequestEncoder());
                        ch.pipeline().addLast("session", session);
                    }
                })
                .connect(endpoint.address());
        connecting.addListener(done -> {
            if (done.isSuccess()) {
                session.result().whenComplete((r, e) -> {
                    if (e != null) {
                        result.completeExceptionally(e);
                    } else {
                        result.complete(r);
                    }
                });
            } else {
                LOG.log(Level.DEBUG, "cannot connect to " + endpoint + ": " + done.cause());
                connect(endpoints, index + 1, smarthost, message, result, done.cause());
            }
        });
    }

    /** The message's own {@code smarthost} object, if it has one with a name. */
    private Optional<DeliverySettings.Smarthost> messageSmarthost(ObjectNode json) {
        JsonNode node = json.get("smarthost");
        if (node == null || !node.isObject() || !node.path("name").isTextual() || node.get("name").asText().isEmpty()) {
            return Optional.empty();
        }
        int port = node.path("port").asInt(0);
        if (port <= 0 || port > 65535) {
            port = settings.smarthost().map(DeliverySettings.Smarthost::port).orElse(25);
        }
        return Optional.of(new DeliverySettings.Smarthost(node.get("name").asText(), port,
                node.path("username").asText(""), node.path("password").asText("")));
    }

    /** Publishes the attempt's outcome; completes when every publication is confirmed. */
    private CompletableFuture<Void> publish(ObjectNode message, int attempt, AttemptResult result) {
        JsonNode existing = message.get("results");
        ArrayNode results = existing instanceof ArrayNode array ? array : message.putArray("results");
        result.toJson(results.addObject(), attempt, Instant.now());
        int maxAttempts = message.path("maxattempts").asInt(0) > 0
                ? message.get("maxattempts").asInt() : settings.maxAttempts();
        // addresses from a client, text from a remote server: escaped, so that neither forges a log line
        LOG.log(Level.INFO, "delivery of " + ClientText.escaped(message.path("envelope").asText()) + " -> "
                + ClientText.escaped(message.path("recipient").asText()) + ", attempt " + attempt + ": "
                + ClientText.escaped(result.summary()) + (result.success() ? " (success)"
                : result.permanent() || attempt >= maxAttempts ? " (failure)" : " (retried later)"));
        if (result.permanent() || attempt >= maxAttempts) {
            ObjectNode published = message.deepCopy();
            if (!message.path("keepmime").asBoolean(false)) {
                published.remove("mime");
            }
            return CompletableFuture.allOf(
                    queues.publish(queues.names().results(), published).toCompletableFuture(),
                    queues.publish(result.success() ? queues.names().success() : queues.names().failure(), published)
                            .toCompletableFuture());
        }
        // the retry waits in the queues, not here: on a broker it survives a kill of this process
        return CompletableFuture.allOf(
                queues.publish(queues.names().retry(), message).toCompletableFuture(),
                queues.publishDelayed(queues.names().outbox(), message, settings.retryDelayAfter(attempt))
                        .toCompletableFuture());
    }

    /** One client context per verification mode, shared by all deliverers (making one is slow). */
    private static final SslContext[] CLIENT_TLS = new SslContext[2];

    private static synchronized SslContext clientTls(boolean verify) {
        int index = verify ? 1 : 0;
        if (CLIENT_TLS[index] == null) {
            try {
                SslContextBuilder builder = SslContextBuilder.forClient();
                if (!verify) {
                    // smarthosts in tests and many relays use self-signed certificates; opportunistic TLS
                    // without verification still beats plain text (RFC 7435), so trust any by default
                    builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
                }
                CLIENT_TLS[index] = builder.build();
            } catch (SSLException e) {
                throw new IllegalStateException("cannot set up TLS for outgoing connections", e);
            }
        }
        return CLIENT_TLS[index];
    }

    /**
     * Stops taking messages; messages waiting for a retry wait in the queues. Deliveries in progress
     * finish on their own. The event loop group is not touched.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (subscription != null) {
            subscription.close();
        }
        resolver.close();
    }
}
