package dev.mqkit.runtime.smtp.server;

import dev.mqkit.smtp.BodyStorage;
import dev.mqkit.smtp.InflightBudget;
import dev.mqkit.smtp.ServerTlsContexts;
import dev.mqkit.smtp.SmtpInputDecoder;
import dev.mqkit.smtp.SmtpReply;
import dev.mqkit.smtp.SmtpReplyEncoder;
import dev.mqkit.smtp.SmtpTimeoutHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The incoming SMTP server: listens on the plain ports (with STARTTLS) and the implicit-TLS ports
 * of its settings, runs every connection's dialogue on the given worker group (an epoll event
 * loop per worker: the hooks of a connection are called on its loop), and publishes each accepted
 * message once per recipient.
 *
 * <p>The 250 after DATA is sent only after every recipient's message was published, so nothing
 * accepted with 250 is lost.
 */
public final class SmtpServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SmtpServer.class.getName());

    /** The ports a started server listens on, in the order of the settings. */
    public record Ports(List<Integer> plain, List<Integer> tls) {
        public Ports {
            plain = List.copyOf(plain);
            tls = List.copyOf(tls);
        }
    }

    private final SmtpServerSettings settings;
    private final SmtpServerHooks hooks;
    private final Function<Publication, CompletionStage<Void>> publisher;
    private final EventLoopGroup workers;
    private final ChannelGroup connections = new DefaultChannelGroup("smtp-in", GlobalEventExecutor.INSTANCE);
    private final Set<CompletableFuture<Void>> unfinished = ConcurrentHashMap.newKeySet();
    private final ClientAdmission admission;
    private final InflightBudget budget;
    private final List<Channel> listeners = new ArrayList<>();
    private final Supplier<SslContext> selfSigned;
    private EventLoopGroup boss;
    private boolean started;
    private boolean closed;

    /**
     * @param workers the event loops (epoll) that serve the connections; not shut down by {@link #close()}
     */
    public SmtpServer(SmtpServerSettings settings, SmtpServerHooks hooks,
                      Function<Publication, CompletionStage<Void>> publisher, EventLoopGroup workers) {
        this(settings, hooks, publisher, workers, () -> ServerTlsContexts.forServer(null, null, settings.hostname()));
    }

    /** A server whose self-signed TLS context, when no certificate is configured, comes from {@code selfSigned}. */
    SmtpServer(SmtpServerSettings settings, SmtpServerHooks hooks,
               Function<Publication, CompletionStage<Void>> publisher, EventLoopGroup workers,
               Supplier<SslContext> selfSigned) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.admission = new ClientAdmission(settings);
        this.budget = new InflightBudget(settings.maxInflightBytes());
        this.selfSigned = Objects.requireNonNull(selfSigned, "selfSigned");
    }

    /**
     * Binds every port of the settings.
     *
     * @return the bound ports (an ephemeral port where the settings say 0)
     * @throws IllegalStateException naming the address that could not be bound; nothing stays bound then
     */
    public synchronized Ports start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        // configured files are read here, so that a start with unusable ones fails; the self-signed
        // certificate (key pair, BouncyCastle, the JDK's TLS set-up) is made once the ports are open
        boolean configured = settings.certificate() != null || settings.privateKey() != null;
        CompletableFuture<SslContext> sslContext = configured
                ? CompletableFuture.completedFuture(
                        ServerTlsContexts.forServer(settings.certificate(), settings.privateKey(), settings.hostname()))
                : new CompletableFuture<>();
        SmtpServerContext context = new SmtpServerContext(settings, hooks, publisher, sslContext,
                new BodyStorage(settings.spoolThreshold(), settings.spoolDirectory(), budget));
        boss = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        List<Integer> plain = new ArrayList<>();
        List<Integer> tls = new ArrayList<>();
        try {
            for (int port : settings.plainPorts()) {
                plain.add(bind(context, port, false));
            }
            for (int port : settings.tlsPorts()) {
                tls.add(bind(context, port, true));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        if (!configured) {
            Thread maker = new Thread(() -> {
                try {
                    sslContext.complete(selfSigned.get());
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.ERROR, "cannot make the self-signed TLS context", e);
                    sslContext.completeExceptionally(e);
                }
            }, "smtp-tls-context");
            maker.setDaemon(true);
            maker.start();
        }
        Ports ports = new Ports(plain, tls);
        LOG.log(Level.INFO, "SMTP server {0} listening on {1}, plain ports {2}, TLS ports {3}",
                settings.hostname(), settings.bindAddress(), ports.plain(), ports.tls());
        return ports;
    }

    private int bind(SmtpServerContext context, int port, boolean implicitTls) {
        InetSocketAddress address = new InetSocketAddress(settings.bindAddress(), port);
        // as MailerQ: an IPv4 listener hands out AF_INET sockets, not v4-mapped AF_INET6 ones
        SocketProtocolFamily family = address.getAddress() instanceof Inet4Address
                ? SocketProtocolFamily.INET : SocketProtocolFamily.INET6;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channelFactory(() -> new EpollServerSocketChannel(family))
                .option(ChannelOption.SO_BACKLOG, 256)
                .option(ChannelOption.SO_REUSEADDR, true)
                // reading starts when the dialogue is ready for it (after the connect hook)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        InetAddress client = ((InetSocketAddress) channel.remoteAddress()).getAddress();
                        SmtpReply refusal = admission.admit(client, connections.size());
                        if (refusal != null) {
                            // refused before any hook: MailerQ never sees such a connection either
                            channel.pipeline().addLast(SmtpReplyEncoder.INSTANCE);
                            channel.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
                            return;
                        }
                        channel.closeFuture().addListener(closed -> admission.left(client));
                        connections.add(channel);
                        CompletableFuture<Void> finished = new CompletableFuture<>();
                        unfinished.add(finished);
                        finished.whenComplete((ignored, error) -> unfinished.remove(finished));
                        channel.pipeline().addLast(
                                new SmtpTimeoutHandler(),
                                new SmtpInputDecoder(settings.maxLineLength(), settings.maxMessageSize(), context.bodies()),
                                SmtpReplyEncoder.INSTANCE,
                                new SmtpSessionHandler(context, implicitTls, finished));
                    }
                });
        ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IllegalStateException("cannot listen for SMTP" + (implicitTls ? " over TLS" : "") + " on "
                    + address + ": " + bound.cause().getMessage(), bound.cause());
        }
        synchronized (this) {
            listeners.add(bound.channel());
        }
        return ((InetSocketAddress) bound.channel().localAddress()).getPort();
    }

    /** The bytes of messages being received right now, against smtp-max-inflight. */
    public InflightBudget inflight() {
        return budget;
    }

    /** The number of connections open right now. */
    public int connectionCount() {
        return connections.size();
    }

    /**
     * Stops accepting, lets every connection finish what it is doing (a connection waiting for a
     * command is told {@code 421 4.3.2} at once; one in the middle of a message finishes it
     * first), and waits for them and their close hooks within the settings' shutdown timeout;
     * connections still open after that are closed. The worker group is left running.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Channel listener : listeners) {
            listener.close().awaitUninterruptibly();
        }
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        for (Channel connection : connections) {
            connection.pipeline().fireUserEventTriggered(SmtpShutdown.REQUESTED);
        }
        if (!connections.newCloseFuture().awaitUninterruptibly(remainingMillis(deadline))) {
            LOG.log(Level.WARNING, "{0} SMTP connections still open after {1}: closing them",
                    connections.size(), settings.shutdownTimeout());
            connections.close().awaitUninterruptibly(1000);
        }
        try {
            CompletableFuture.allOf(unfinished.toArray(CompletableFuture[]::new))
                    .get(Math.max(remainingMillis(deadline), 1000), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.log(Level.WARNING, "{0} SMTP close hooks have not finished", unfinished.size());
        } catch (Exception e) {
            LOG.log(Level.WARNING, "waiting for SMTP close hooks failed", e);
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        LOG.log(Level.INFO, "SMTP server {0} stopped", settings.hostname());
    }

    private static long remainingMillis(long deadline) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
}
