package dev.mqkit.runtime.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.runtime.Failures;
import dev.mqkit.runtime.queue.MessageQueues;
import dev.mqkit.smtp.ClientText;
import dev.mqkit.smtp.SmtpCommandEncoder;
import dev.mqkit.smtp.SmtpReplyDecoder;
import dev.mqkit.smtp.SmtpTimeoutHandler;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.NetUtil;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
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
    /**
     * Longest reply line read; a longer one is an {@code overflow} result. SMTP allows 512 (RFC 5321
     * 4.5.3.1.5); MailerQ gives up on lines "(way) too long" without a figure: 2048 leaves room for
     * verbose servers.
     */
    static final int MAX_REPLY_LINE = 2048;

    private final DeliverySettings settings;
    private final MessageQueues queues;
    private final DeliveryHooks hooks;
    private final EventLoopGroup group;
    private final SslContext tls;
    private final MxResolver resolver;
    private final DeliveryLimits limits;
    private final ResultFormat format;
    private final ResultQueues resultQueues;
    private volatile MessageQueues.Subscription subscription;
    private volatile boolean closed;

    public Deliverer(DeliverySettings settings, MessageQueues queues, DeliveryHooks hooks, EventLoopGroup group) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.queues = Objects.requireNonNull(queues, "queues");
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.group = Objects.requireNonNull(group, "group");
        this.tls = clientTls(settings.tlsVerify());
        this.resolver = new MxResolver(group.next(), settings.dnsResolver(), settings.replyTimeout());
        this.limits = new DeliveryLimits(settings);
        this.format = ResultFormat.of(settings.release());
        this.resultQueues = new ResultQueues(queues.names(), settings.release());
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
     * then; fails when publishing failed, and the message is handed out again. Completes with null
     * when the message was not attempted because its {@code nextattempt} lies ahead: it then waits in
     * the queues and goes back to the outbox at that time.
     */
    public CompletableFuture<AttemptResult> deliver(ObjectNode message) {
        Instant now = Instant.now();
        Optional<Instant> notBefore = limits.notBefore(message, now);
        if (notBefore.isPresent()) {
            return backToOutboxAt(message, notBefore.get(), now).thenApply(published -> null);
        }
        OutgoingMessage outgoing = new OutgoingMessage(message);
        CompletableFuture<AttemptResult> outcome;
        if (limits.expired(message, now)) {
            outcome = CompletableFuture.completedFuture(AttemptResult.before(AttemptResult.Kind.EXPIRED,
                    AttemptResult.Phase.PROCESS, "past its maxattempts or maxdelivertime when taken from the outbox"));
        } else {
            try {
                outcome = attempt(outgoing);
            } catch (RuntimeException e) {
                outcome = CompletableFuture.failedFuture(e);
            }
        }
        return outcome.handle((result, error) -> {
            if (error != null) {
                LOG.log(Level.ERROR, "delivery attempt failed unexpectedly", error);
                result = AttemptResult.failure(AttemptResult.Kind.ERROR, AttemptResult.Phase.PROCESS, true,
                        "internal error: " + error, null, null, null);
            }
            return result;
        }).thenCompose(result -> publish(outgoing, result).thenApply(published -> result));
    }

    private CompletableFuture<AttemptResult> attempt(OutgoingMessage message) {
        Optional<DeliverySettings.Smarthost> smarthost = messageSmarthost(message.json()).or(settings::smarthost);
        SendingIp ip = sendingIp(message.json());
        if (ip.failure() != null) {
            return CompletableFuture.completedFuture(ip.failure());
        }
        CompletableFuture<List<MxResolver.Endpoint>> endpoints;
        if (smarthost.isPresent()) {
            endpoints = resolver.host(smarthost.get().host(), smarthost.get().port());
        } else {
            String recipient = message.recipient();
            int at = recipient.lastIndexOf('@');
            if (at < 0 || at == recipient.length() - 1) {
                return CompletableFuture.completedFuture(AttemptResult.before(AttemptResult.Kind.INVALID,
                        AttemptResult.Phase.PROCESS, "recipient '" + recipient + "' has no domain"));
            }
            endpoints = resolver.mailHosts(recipient.substring(at + 1), settings.deliveryPort());
        }
        CompletableFuture<AttemptResult> result = new CompletableFuture<>();
        endpoints.whenComplete((list, error) -> {
            if (error != null) {
                Throwable cause = Failures.unwrap(error);
                // rescheduled even when the domain does not exist: DNS may be down for a while
                // (https://www.mailerq.com/documentation/3.0/result-queue)
                result.complete(AttemptResult.before(AttemptResult.Kind.NOHOSTS, AttemptResult.Phase.DNS,
                        "no host found: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage())));
            } else {
                connect(list, 0, smarthost.orElse(null), ip.address(), message, result, null);
            }
        });
        return result;
    }

    /** The local address to send from, or the result of there being none, or neither (the system picks). */
    private record SendingIp(InetAddress address, AttemptResult failure) {
    }

    /**
     * The message's {@code ips}: one picked at random. 3.0 picks among all and an address this host does not have is a
     * {@code bind} result; 4.0 and later pick among those this host has, none is a bind error and an empty list a
     * process error (<a href="https://www.mailerq.com/documentation/5.13/json-messages">5.13/json-messages</a>). Not an
     * array: the system's choice.
     */
    private SendingIp sendingIp(ObjectNode json) {
        JsonNode ips = json.get("ips");
        if (ips == null || !ips.isArray()) {
            return new SendingIp(null, null);
        }
        if (ips.isEmpty()) {
            return settings.connectionGeneration()
                    ? new SendingIp(null, AttemptResult.before(AttemptResult.Kind.NO_IP, AttemptResult.Phase.PROCESS,
                            "ips is empty: no address to send from"))
                    : new SendingIp(null, null);
        }
        List<String> written = new ArrayList<>();
        ips.forEach(ip -> written.add(ip.asText()));
        if (settings.connectionGeneration()) {
            List<InetAddress> own = written.stream().map(Deliverer::localAddress).filter(Objects::nonNull).toList();
            return own.isEmpty()
                    ? new SendingIp(null, AttemptResult.before(AttemptResult.Kind.BIND, AttemptResult.Phase.BIND,
                            "none of the ips " + ips + " is an address of this host"))
                    : new SendingIp(own.get(ThreadLocalRandom.current().nextInt(own.size())), null);
        }
        String picked = written.get(ThreadLocalRandom.current().nextInt(written.size()));
        InetAddress address = localAddress(picked);
        return address == null
                ? new SendingIp(null, AttemptResult.before(AttemptResult.Kind.BIND, AttemptResult.Phase.BIND,
                        "cannot bind " + picked + ": not an address of this host"))
                : new SendingIp(address, null);
    }

    /** The IP literal as an address of this host, or null when it is no literal or not this host's. */
    private static InetAddress localAddress(String ip) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(ip.trim());
        if (bytes == null) {
            return null;
        }
        try {
            InetAddress address = InetAddress.getByAddress(bytes);
            return address.isAnyLocalAddress() || NetworkInterface.getByInetAddress(address) == null ? null : address;
        } catch (IOException e) {
            return null;
        }
    }

    /** Tries the endpoints in order until one accepts the connection; then that session decides. */
    private void connect(List<MxResolver.Endpoint> endpoints, int index, DeliverySettings.Smarthost smarthost,
                         InetAddress localIp, OutgoingMessage message, CompletableFuture<AttemptResult> result,
                         Throwable lastError) {
        if (index >= endpoints.size()) {
            MxResolver.Endpoint last = endpoints.get(endpoints.size() - 1);
            boolean timedOut = lastError instanceof ConnectTimeoutException;
            String why = lastError == null ? "no connection" : Failures.describe(lastError);
            result.complete(AttemptResult.failure(timedOut ? AttemptResult.Kind.CONNECT : AttemptResult.Kind.REFUSED,
                    AttemptResult.Phase.CONNECT, true, "cannot connect: " + why,
                    localIp == null ? null : localIp.getHostAddress(), last.address().getAddress().getHostAddress(),
                    null));
            return;
        }
        MxResolver.Endpoint endpoint = endpoints.get(index);
        SmtpClientSession session = new SmtpClientSession(settings, endpoint.host(), smarthost,
                settings.startTls() ? tls : null, message, hooks);
        EventLoop loop = group.next();
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(EpollSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        settings.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("timeouts", new SmtpTimeoutHandler());
                        ch.pipeline().addLast("replies", new SmtpReplyDecoder(MAX_REPLY_LINE));
                        ch.pipeline().addLast("commands", SmtpCommandEncoder.INSTANCE);
                        ch.pipeline().addLast("session", session);
                    }
                });
        ChannelFuture connecting = localIp == null ? bootstrap.connect(endpoint.address())
                : bootstrap.connect(endpoint.address(), new InetSocketAddress(localIp, 0));
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
                connect(endpoints, index + 1, smarthost, localIp, message, result, done.cause());
            }
        });
    }

    /**
     * The message's own {@code smarthost} object, if it names a host: {@code name} in 3.0
     * (<a href="https://www.mailerq.com/documentation/3.0/smarthost">3.0/smarthost</a>), {@code hostname} from 4.0
     * (<a href="https://www.mailerq.com/documentation/5.13/smarthost">5.13/smarthost</a>). Its port may be a number or
     * text; without one, the configured smarthost's port, else 25.
     */
    private Optional<DeliverySettings.Smarthost> messageSmarthost(ObjectNode json) {
        JsonNode node = json.get("smarthost");
        String hostMember = settings.connectionGeneration() ? "hostname" : "name";
        if (node == null || !node.isObject() || !node.path(hostMember).isTextual()
                || node.get(hostMember).asText().isEmpty()) {
            return Optional.empty();
        }
        int port = node.path("port").asInt(0);
        if (port <= 0 || port > 65535) {
            port = settings.smarthost().map(DeliverySettings.Smarthost::port).orElse(25);
        }
        return Optional.of(new DeliverySettings.Smarthost(node.get(hostMember).asText(), port,
                node.path("username").asText(""), node.path("password").asText("")));
    }

    /**
     * Appends the attempt's entry and publishes the message where it belongs now: final (results plus
     * success or failure, without its mime unless keepmime) or, with a retry ahead, the retry queue and,
     * at the retry's time, the outbox. Completes when every publication is confirmed.
     */
    private CompletableFuture<Void> publish(OutgoingMessage outgoing, AttemptResult result) {
        ObjectNode message = outgoing.json();
        Instant now = Instant.now();
        int attempt = DeliveryLimits.attemptsMade(message) + 1;
        format.append(message, result, attempt, now);
        format.describe(message, outgoing);
        Optional<Instant> retryAt = result.permanent() ? Optional.empty() : limits.retryAt(message, attempt, now);
        ResultQueues.Outcome outcome = result.success() ? ResultQueues.Outcome.SUCCESS
                : retryAt.isPresent() ? ResultQueues.Outcome.RETRY : ResultQueues.Outcome.FAILURE;
        // addresses from a client, text from a remote server: escaped, so that neither forges a log line
        LOG.log(Level.INFO, "delivery of " + ClientText.escaped(message.path("envelope").asText()) + " -> "
                + ClientText.escaped(message.path("recipient").asText()) + ", attempt " + attempt + ": "
                + ClientText.escaped(result.summary()) + switch (outcome) {
                    case SUCCESS -> " (success)";
                    case FAILURE -> " (failure)";
                    case RETRY -> " (retried at " + UtcTime.format(retryAt.get()) + ")";
                });
        List<CompletableFuture<Void>> publications = new ArrayList<>();
        ObjectNode published = message;
        if (outcome != ResultQueues.Outcome.RETRY) {
            published = message.deepCopy();
            if (!keepsMime(message)) {
                published.remove("mime");
            }
        } else {
            publications.add(backToOutboxAt(message, retryAt.get(), now));
        }
        List<String> destinations = resultQueues.destinations(message, outcome);
        if (!destinations.isEmpty()) {
            publications.add(queues.publishOutcome(destinations, published).toCompletableFuture());
        }
        return CompletableFuture.allOf(publications.toArray(CompletableFuture[]::new));
    }

    /**
     * keepmime: 1 or true (<a href="https://www.mailerq.com/documentation/3.0/result-queue">3.0/result-queue</a>), as a
     * number, a boolean or text.
     */
    private static boolean keepsMime(ObjectNode message) {
        JsonNode keep = message.get("keepmime");
        return keep != null && (keep.asBoolean(false) || keep.asText().equals("1"));
    }

    /**
     * Publishes the message to the outbox at {@code time}. The queues hold it until then, not this
     * deliverer: on a broker it survives a kill of this process.
     */
    private CompletableFuture<Void> backToOutboxAt(ObjectNode message, Instant time, Instant now) {
        Duration delay = Duration.between(now, time);
        return queues.publishDelayed(queues.names().outbox(), message, delay.isNegative() ? Duration.ZERO : delay)
                .toCompletableFuture();
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
