package dev.mqkit.harness.sink;

import dev.mqkit.smtp.MailArguments;
import dev.mqkit.smtp.ReceivedBody;
import dev.mqkit.smtp.SaslCredentials;
import dev.mqkit.smtp.SaslExchange;
import dev.mqkit.smtp.SelfSignedCertificate;
import dev.mqkit.smtp.ServerTlsContexts;
import dev.mqkit.smtp.SmtpCommand;
import dev.mqkit.smtp.SmtpInput;
import dev.mqkit.smtp.SmtpInputDecoder;
import dev.mqkit.smtp.SmtpReply;
import dev.mqkit.smtp.SmtpReplyEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * A small scriptable SMTP server on 127.0.0.1 and a free port (unless {@link Builder#bind}), for tests: it accepts mail and
 * records every message it answered with 250 after DATA. It offers STARTTLS (a self-signed
 * certificate) and, when given credentials, AUTH PLAIN and LOGIN. With {@link #when} it answers a
 * stage of the dialogue differently: another reply, a delay, a dropped connection, all or N times.
 *
 * <pre>{@code
 * try (SmtpSink sink = SmtpSink.builder().credentials("user", "secret").start()) {
 *     sink.when(Stage.RCPT).times(1).reply(451, "4.3.0 try again later");
 *     ... deliver to 127.0.0.1:sink.port() ...
 *     ReceivedMessage m = sink.awaitMessages(1, Duration.ofSeconds(5)).get(0);
 * }
 * }</pre>
 */
public final class SmtpSink implements AutoCloseable {
    private static final int MAX_LINE = 1 << 20;
    private static CompletableFuture<SslContext> sharedTls;

    private final boolean tlsOffered;
    private final String username;
    private final String password;
    private final boolean authRequired;
    private final EventLoopGroup group;
    private final Channel server;
    private final List<Rule> rules = new ArrayList<>();
    private final List<ReceivedMessage> messages = new ArrayList<>();
    private final List<String> commands = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Consumer<ReceivedMessage> onMessage;

    private SmtpSink(Builder builder) throws InterruptedException {
        this.tlsOffered = builder.tls;
        this.username = builder.username;
        this.password = builder.password;
        this.authRequired = builder.authRequired;
        this.onMessage = builder.onMessage;
        CompletableFuture<SslContext> tls = tlsOffered ? tlsContext() : null;
        this.group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            this.server = new ServerBootstrap()
                    .group(group)
                    .channel(EpollServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            connections.incrementAndGet();
                            // the decoder switches reading on when the session asks for the next input
                            ch.config().setAutoRead(false);
                            ch.pipeline().addLast("decoder", new SmtpInputDecoder(MAX_LINE, Long.MAX_VALUE));
                            ch.pipeline().addLast("encoder", SmtpReplyEncoder.INSTANCE);
                            ch.pipeline().addLast("session", new Session(tls));
                        }
                    })
                    .bind(builder.host, builder.port).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    /** A sink with STARTTLS and without AUTH. */
    public static SmtpSink start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The port it listens on. */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** Adds a rule for {@code stage}, after the stage's earlier rules; configure it with its methods. */
    public Rule when(Stage stage) {
        Rule rule = new Rule(stage);
        synchronized (rules) {
            rules.add(rule);
        }
        return rule;
    }

    /** Forgets all rules. */
    public void resetRules() {
        synchronized (rules) {
            rules.clear();
        }
    }

    /** The messages accepted so far, in order. */
    public List<ReceivedMessage> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /** Waits until at least {@code count} messages were accepted; fails with AssertionError on timeout. */
    public List<ReceivedMessage> awaitMessages(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (messages) {
            while (messages.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("SMTP sink received " + messages.size() + " of " + count
                            + " messages within " + timeout.toMillis() + " ms; commands seen: " + commands());
                }
                TimeUnit.NANOSECONDS.timedWait(messages, left);
            }
            return List.copyOf(messages);
        }
    }

    /** Every command line received so far, over all connections (message data not included). */
    public List<String> commands() {
        synchronized (commands) {
            return List.copyOf(commands);
        }
    }

    /** Number of connections accepted so far. */
    public int connectionCount() {
        return connections.get();
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private Rule nextRule(Stage stage) {
        synchronized (rules) {
            for (Rule rule : rules) {
                if (rule.stage() == stage && rule.use()) {
                    return rule;
                }
            }
        }
        return null;
    }

    /**
     * The sinks' TLS context, made once and on a thread of its own: a sink listens at once, and the certificate
     * and the JDK's TLS are ready by the time a client asks for STARTTLS (the runtime a sink serves starts
     * meanwhile).
     */
    private static synchronized CompletableFuture<SslContext> tlsContext() {
        if (sharedTls == null) {
            sharedTls = CompletableFuture.supplyAsync(
                    () -> ServerTlsContexts.forServer(SelfSignedCertificate.generate("localhost")));
        }
        return sharedTls;
    }

    /** Options of a sink. */
    public static final class Builder {
        private boolean tls = true;
        private String username;
        private String password;
        private boolean authRequired;
        private String host = "127.0.0.1";
        private int port;
        private Consumer<ReceivedMessage> onMessage = message -> { };

        private Builder() {
        }

        /** Called with each message the sink accepted, on its event loop: must be quick and must not throw. */
        public Builder onMessage(Consumer<ReceivedMessage> listener) {
            this.onMessage = listener;
            return this;
        }

        /**
         * Listens on {@code host} and {@code port} instead of 127.0.0.1 and a free port (e.g. a second
         * sink on 127.0.0.2 with the first one's port, as another MX host).
         */
        public Builder bind(String host, int port) {
            this.host = host;
            this.port = port;
            return this;
        }

        /** Whether STARTTLS is offered (default true). */
        public Builder tls(boolean offered) {
            this.tls = offered;
            return this;
        }

        /** Offers AUTH PLAIN and LOGIN and accepts these credentials only; MAIL then requires AUTH. */
        public Builder credentials(String username, String password) {
            this.username = username;
            this.password = password;
            this.authRequired = true;
            return this;
        }

        /** Whether MAIL FROM is refused before AUTH when credentials are set (default true). */
        public Builder authRequired(boolean required) {
            this.authRequired = required;
            return this;
        }

        public SmtpSink start() {
            try {
                return new SmtpSink(this);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the SMTP sink", e);
            }
        }
    }

    /** What the session reads after a reply went out. */
    private enum Next { COMMAND, DATA, CLOSE }

    /**
     * One connection's dialogue, on the server's own vocabulary: {@link SmtpInputDecoder} hands one
     * input at a time and waits until the reply to it went out, {@link SmtpReplyEncoder} writes the
     * replies, {@link MailArguments} and {@link SaslExchange} read MAIL, RCPT and AUTH. Runs on the
     * connection's event loop only.
     */
    private final class Session extends SimpleChannelInboundHandler<SmtpInput> {
        private final CompletableFuture<SslContext> tls;
        private ChannelHandlerContext ctx;
        private SmtpInputDecoder decoder;
        private boolean secure;
        private String helo;
        private String envelope;
        private final List<String> recipients = new ArrayList<>();
        private SaslExchange exchange;
        private String authenticated;
        private String authMechanism;

        Session(CompletableFuture<SslContext> tls) {
            this.tls = tls;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
            this.decoder = ctx.pipeline().get(SmtpInputDecoder.class);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            reply(Stage.CONNECT, SmtpReply.plain(220, "localhost ESMTP mqkit sink"), code -> Next.COMMAND);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, SmtpInput input) {
            if (input instanceof SmtpInput.Line line && exchange != null) {
                authStep(exchange.respond(line.text()));
            } else if (input instanceof SmtpInput.Line line) {
                synchronized (commands) {
                    commands.add(line.text());
                }
                command(SmtpCommand.parse(line.text()));
            } else if (input instanceof SmtpInput.Data data) {
                endOfData(data);
            } else {
                send(SmtpReply.of(500, "5.5.6", "Line too long"), Next.COMMAND);
            }
        }

        private void command(SmtpCommand command) {
            String argument = command.argument();
            switch (command.verb()) {
                case "EHLO" -> reply(Stage.EHLO, SmtpReply.plain(250, ehloLines(argument)), code -> greeted(code, argument));
                case "HELO" -> reply(Stage.HELO, SmtpReply.plain(250, "localhost"), code -> greeted(code, argument));
                case "STARTTLS" -> {
                    if (tls == null || secure) {
                        send(SmtpReply.of(502, "5.5.1", "STARTTLS not available"), Next.COMMAND);
                    } else {
                        reply(Stage.STARTTLS, SmtpReply.of(220, "2.0.0", "Ready to start TLS"), this::startTls);
                    }
                }
                case "AUTH" -> auth(argument);
                case "MAIL" -> mail(argument);
                case "RCPT" -> rcpt(argument);
                case "DATA" -> {
                    if (recipients.isEmpty()) {
                        send(SmtpReply.of(503, "5.5.1", "RCPT first"), Next.COMMAND);
                    } else {
                        reply(Stage.DATA, SmtpReply.plain(354, "End data with <CR><LF>.<CR><LF>"),
                                code -> code == 354 ? Next.DATA : Next.COMMAND);
                    }
                }
                case "RSET" -> reply(Stage.RSET, SmtpReply.of(250, "2.0.0", "Ok"), code -> {
                    resetTransaction();
                    return Next.COMMAND;
                });
                case "NOOP" -> reply(Stage.NOOP, SmtpReply.of(250, "2.0.0", "Ok"), code -> Next.COMMAND);
                case "QUIT" -> reply(Stage.QUIT, SmtpReply.of(221, "2.0.0", "Bye"), code -> Next.CLOSE);
                default -> send(SmtpReply.of(500, "5.5.2", "Command not recognised"), Next.COMMAND);
            }
        }

        private String[] ehloLines(String name) {
            List<String> lines = new ArrayList<>();
            lines.add("localhost greets " + name);
            lines.add("8BITMIME");
            lines.add("ENHANCEDSTATUSCODES");
            if (tls != null && !secure) {
                lines.add("STARTTLS");
            }
            if (username != null) {
                lines.add("AUTH PLAIN LOGIN");
            }
            return lines.toArray(String[]::new);
        }

        private Next greeted(int code, String name) {
            if (code / 100 == 2) {
                helo = name;
                resetTransaction();
            }
            return Next.COMMAND;
        }

        private Next startTls(int code) {
            if (code == 220) {
                // startTls: the 220 itself still goes out in plain text; what was pipelined after STARTTLS is dropped (RFC 3207)
                ctx.pipeline().addFirst("tls", new SslHandler(tls.join().newEngine(ctx.alloc()), true));
                decoder.discardBuffered();
                secure = true;
                helo = null;
                resetTransaction();
            }
            return Next.COMMAND;
        }

        private void mail(String argument) {
            if (helo == null) {
                send(SmtpReply.of(503, "5.5.1", "EHLO or HELO first"), Next.COMMAND);
            } else if (authRequired && username != null && authenticated == null) {
                send(SmtpReply.of(530, "5.7.0", "Authentication required"), Next.COMMAND);
            } else {
                try {
                    String address = MailArguments.mailFrom(argument).address();
                    reply(Stage.MAIL, SmtpReply.of(250, "2.1.0", "Ok"), code -> {
                        if (code / 100 == 2) {
                            resetTransaction();
                            envelope = address;
                        }
                        return Next.COMMAND;
                    });
                } catch (MailArguments.Invalid invalid) {
                    send(invalid.reply(), Next.COMMAND);
                }
            }
        }

        private void rcpt(String argument) {
            if (envelope == null) {
                send(SmtpReply.of(503, "5.5.1", "MAIL first"), Next.COMMAND);
                return;
            }
            try {
                String address = MailArguments.rcptTo(argument).address();
                reply(Stage.RCPT, SmtpReply.of(250, "2.1.5", "Ok"), code -> {
                    if (code / 100 == 2) {
                        recipients.add(address);
                    }
                    return Next.COMMAND;
                });
            } catch (MailArguments.Invalid invalid) {
                send(invalid.reply(), Next.COMMAND);
            }
        }

        private void resetTransaction() {
            envelope = null;
            recipients.clear();
        }

        private void auth(String argument) {
            if (username == null) {
                send(SmtpReply.of(502, "5.5.1", "AUTH not available"), Next.COMMAND);
            } else if (authenticated != null) {
                send(SmtpReply.of(503, "5.5.1", "Already authenticated"), Next.COMMAND);
            } else {
                exchange = new SaslExchange();
                authStep(exchange.start(argument));
            }
        }

        private void authStep(SaslExchange.Step step) {
            if (step instanceof SaslExchange.Challenge challenge) {
                send(challenge.reply(), Next.COMMAND);
                return;
            }
            exchange = null;
            if (step instanceof SaslExchange.Refused refused) {
                send(refused.reply(), Next.COMMAND);
                return;
            }
            SaslExchange.Done done = (SaslExchange.Done) step;
            SaslCredentials given = done.credentials();
            if (!username.equals(given.login()) || !password.equals(given.password())) {
                send(SmtpReply.of(535, "5.7.8", "Authentication credentials invalid"), Next.COMMAND);
                return;
            }
            reply(Stage.AUTH, SmtpReply.of(235, "2.7.0", "Authentication successful"), code -> {
                if (code == 235) {
                    authenticated = given.login();
                    authMechanism = done.mechanism();
                }
                return Next.COMMAND;
            });
        }

        /** The sink keeps every body as it came, even one that a strict server would refuse. */
        private void endOfData(SmtpInput.Data data) {
            byte[] mime;
            try (ReceivedBody body = data.body()) {
                mime = body.bytes();
            }
            ReceivedMessage message = new ReceivedMessage(helo, envelope, recipients, mime, secure,
                    authenticated, authenticated == null ? null : authMechanism);
            reply(Stage.MESSAGE, SmtpReply.of(250, "2.0.0", "Ok: queued"), code -> {
                if (code / 100 == 2) {
                    synchronized (messages) {
                        messages.add(message);
                        messages.notifyAll();
                    }
                    onMessage.accept(message);
                }
                resetTransaction();
                return Next.COMMAND;
            });
        }

        /**
         * Answers at {@code stage} as scripted, or with {@code standard}; {@code effect} gets the code sent and
         * says what to read next.
         */
        private void reply(Stage stage, SmtpReply standard, IntFunction<Next> effect) {
            Rule rule = nextRule(stage);
            Runnable answer;
            if (rule != null && rule.dropping()) {
                answer = ctx::close;
            } else {
                SmtpReply chosen = rule != null && rule.code() != null
                        ? SmtpReply.plain(rule.code(), rule.text().split("\n", -1))
                        : standard;
                answer = () -> {
                    Next next = effect.apply(chosen.code());
                    send(chosen, chosen.code() == 421 ? Next.CLOSE : next);
                };
            }
            Duration delay = rule == null ? Duration.ZERO : rule.delayDuration();
            if (delay.isZero()) {
                answer.run();
            } else {
                ctx.executor().schedule(answer, delay.toNanos(), TimeUnit.NANOSECONDS);
            }
        }

        private void send(SmtpReply reply, Next next) {
            ChannelFuture written = ctx.writeAndFlush(reply);
            switch (next) {
                case COMMAND -> decoder.expectCommand();
                case DATA -> decoder.expectData();
                case CLOSE -> written.addListener(ChannelFutureListener.CLOSE);
                default -> throw new AssertionError(next);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
