package dev.mqkit.test.sink;

import dev.mqkit.runtime.tls.SelfSignedCertificate;
import dev.mqkit.runtime.tls.ServerTlsContexts;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

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
    private static volatile SslContext sharedTls;

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

    private SmtpSink(Builder builder) throws InterruptedException {
        this.tlsOffered = builder.tls;
        this.username = builder.username;
        this.password = builder.password;
        this.authRequired = builder.authRequired;
        SslContext tls = tlsOffered ? tlsContext() : null;
        this.group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            this.server = new ServerBootstrap()
                    .group(group)
                    .channel(EpollServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            connections.incrementAndGet();
                            ch.pipeline().addLast("lines", new LineBasedFrameDecoder(MAX_LINE, false, false));
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

    private static SslContext tlsContext() {
        SslContext context = sharedTls;
        if (context == null) {
            synchronized (SmtpSink.class) {
                context = sharedTls;
                if (context == null) {
                    context = ServerTlsContexts.forServer(SelfSignedCertificate.generate("localhost"));
                    sharedTls = context;
                }
            }
        }
        return context;
    }

    /** Options of a sink. */
    public static final class Builder {
        private boolean tls = true;
        private String username;
        private String password;
        private boolean authRequired;
        private String host = "127.0.0.1";
        private int port;

        private Builder() {
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

    private enum AuthStep { NONE, PLAIN, LOGIN_USER, LOGIN_PASSWORD }

    /** One connection's dialogue; runs on the connection's event loop only. */
    private final class Session extends SimpleChannelInboundHandler<ByteBuf> {
        private final SslContext tls;
        private boolean secure;
        private String helo;
        private String envelope;
        private final List<String> recipients = new ArrayList<>();
        private ByteArrayOutputStream data;
        private AuthStep authStep = AuthStep.NONE;
        private String loginUser;
        private String authenticated;
        private String authMechanism;

        Session(SslContext tls) {
            this.tls = tls;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            reply(ctx, Stage.CONNECT, 220, "localhost ESMTP mqkit sink", code -> { });
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            if (data != null) {
                dataLine(ctx, frame);
                return;
            }
            String line = frame.toString(StandardCharsets.UTF_8);
            line = line.endsWith("\r\n") ? line.substring(0, line.length() - 2)
                    : line.substring(0, line.length() - 1);
            if (authStep != AuthStep.NONE) {
                authLine(ctx, line);
                return;
            }
            synchronized (commands) {
                commands.add(line);
            }
            command(ctx, line);
        }

        private void command(ChannelHandlerContext ctx, String line) {
            int space = line.indexOf(' ');
            String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
            String argument = space < 0 ? "" : line.substring(space + 1).trim();
            switch (verb) {
                case "EHLO" -> reply(ctx, Stage.EHLO, 250, ehloText(argument), code -> {
                    if (code / 100 == 2) {
                        resetSession(argument);
                    }
                });
                case "HELO" -> reply(ctx, Stage.HELO, 250, "localhost", code -> {
                    if (code / 100 == 2) {
                        resetSession(argument);
                    }
                });
                case "STARTTLS" -> {
                    if (tls == null || secure) {
                        send(ctx, 502, "5.5.1 STARTTLS not available");
                    } else {
                        reply(ctx, Stage.STARTTLS, 220, "2.0.0 Ready to start TLS", code -> {
                            if (code == 220) {
                                // startTls: the 220 itself still goes out in plain text
                                ctx.pipeline().addFirst("tls", new SslHandler(tls.newEngine(ctx.alloc()), true));
                                secure = true;
                                helo = null;
                                resetTransaction();
                            }
                        });
                    }
                }
                case "AUTH" -> auth(ctx, argument);
                case "MAIL" -> {
                    if (helo == null) {
                        send(ctx, 503, "5.5.1 EHLO or HELO first");
                    } else if (authRequired && username != null && authenticated == null) {
                        send(ctx, 530, "5.7.0 Authentication required");
                    } else if (!argument.toUpperCase(Locale.ROOT).startsWith("FROM:")) {
                        send(ctx, 501, "5.5.4 Syntax: MAIL FROM:<address>");
                    } else {
                        String address = address(argument.substring(5));
                        reply(ctx, Stage.MAIL, 250, "2.1.0 Ok", code -> {
                            if (code / 100 == 2) {
                                resetTransaction();
                                envelope = address;
                            }
                        });
                    }
                }
                case "RCPT" -> {
                    if (envelope == null) {
                        send(ctx, 503, "5.5.1 MAIL first");
                    } else if (!argument.toUpperCase(Locale.ROOT).startsWith("TO:")) {
                        send(ctx, 501, "5.5.4 Syntax: RCPT TO:<address>");
                    } else {
                        String address = address(argument.substring(3));
                        reply(ctx, Stage.RCPT, 250, "2.1.5 Ok", code -> {
                            if (code / 100 == 2) {
                                recipients.add(address);
                            }
                        });
                    }
                }
                case "DATA" -> {
                    if (recipients.isEmpty()) {
                        send(ctx, 503, "5.5.1 RCPT first");
                    } else {
                        reply(ctx, Stage.DATA, 354, "End data with <CR><LF>.<CR><LF>", code -> {
                            if (code == 354) {
                                data = new ByteArrayOutputStream();
                            }
                        });
                    }
                }
                case "RSET" -> reply(ctx, Stage.RSET, 250, "2.0.0 Ok", code -> resetTransaction());
                case "NOOP" -> reply(ctx, Stage.NOOP, 250, "2.0.0 Ok", code -> { });
                case "QUIT" -> reply(ctx, Stage.QUIT, 221, "2.0.0 Bye", code -> { }, true);
                default -> send(ctx, 500, "5.5.2 Command not recognised");
            }
        }

        private String ehloText(String name) {
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
            return String.join("\n", lines);
        }

        private void resetSession(String name) {
            helo = name;
            resetTransaction();
        }

        private void resetTransaction() {
            envelope = null;
            recipients.clear();
            data = null;
        }

        private void auth(ChannelHandlerContext ctx, String argument) {
            if (username == null) {
                send(ctx, 502, "5.5.1 AUTH not available");
                return;
            }
            if (authenticated != null) {
                send(ctx, 503, "5.5.1 Already authenticated");
                return;
            }
            String[] parts = argument.split(" ", 2);
            String mechanism = parts[0].toUpperCase(Locale.ROOT);
            String initial = parts.length > 1 ? parts[1].trim() : null;
            switch (mechanism) {
                case "PLAIN" -> {
                    authMechanism = "PLAIN";
                    if (initial == null) {
                        authStep = AuthStep.PLAIN;
                        send(ctx, 334, "");
                    } else {
                        checkPlain(ctx, initial);
                    }
                }
                case "LOGIN" -> {
                    authMechanism = "LOGIN";
                    if (initial == null) {
                        authStep = AuthStep.LOGIN_USER;
                        send(ctx, 334, b64("Username:"));
                    } else {
                        loginUser = unb64(initial);
                        authStep = AuthStep.LOGIN_PASSWORD;
                        send(ctx, 334, b64("Password:"));
                    }
                }
                default -> send(ctx, 504, "5.5.4 Unrecognised authentication type");
            }
        }

        private void authLine(ChannelHandlerContext ctx, String line) {
            AuthStep step = authStep;
            authStep = AuthStep.NONE;
            if (line.equals("*")) {
                send(ctx, 501, "5.0.0 Authentication cancelled");
                return;
            }
            switch (step) {
                case PLAIN -> checkPlain(ctx, line);
                case LOGIN_USER -> {
                    loginUser = unb64(line);
                    authStep = AuthStep.LOGIN_PASSWORD;
                    send(ctx, 334, b64("Password:"));
                }
                case LOGIN_PASSWORD -> finishAuth(ctx, loginUser, unb64(line));
                default -> throw new IllegalStateException(step.name());
            }
        }

        private void checkPlain(ChannelHandlerContext ctx, String base64) {
            String decoded = unb64(base64);
            String[] fields = decoded == null ? new String[0] : decoded.split("\0", -1);
            if (fields.length != 3) {
                send(ctx, 501, "5.5.2 Cannot decode AUTH PLAIN response");
                return;
            }
            finishAuth(ctx, fields[1], fields[2]);
        }

        private void finishAuth(ChannelHandlerContext ctx, String user, String pass) {
            boolean good = username.equals(user) && password.equals(pass);
            if (!good) {
                send(ctx, 535, "5.7.8 Authentication credentials invalid");
                return;
            }
            reply(ctx, Stage.AUTH, 235, "2.7.0 Authentication successful", code -> {
                if (code == 235) {
                    authenticated = user;
                }
            });
        }

        private void dataLine(ChannelHandlerContext ctx, ByteBuf frame) {
            int length = frame.readableBytes();
            boolean dot = length > 0 && frame.getByte(frame.readerIndex()) == '.';
            if (dot && (length == 2 && frame.getByte(frame.readerIndex() + 1) == '\n'
                    || length == 3 && frame.getByte(frame.readerIndex() + 1) == '\r'
                    && frame.getByte(frame.readerIndex() + 2) == '\n')) {
                endOfData(ctx);
                return;
            }
            if (dot) {
                frame.skipBytes(1);
            }
            byte[] bytes = new byte[frame.readableBytes()];
            frame.readBytes(bytes);
            data.writeBytes(bytes);
        }

        private void endOfData(ChannelHandlerContext ctx) {
            byte[] bytes = data.toByteArray();
            data = null;
            ReceivedMessage message = new ReceivedMessage(helo, envelope, recipients, bytes, secure,
                    authenticated, authenticated == null ? null : authMechanism);
            reply(ctx, Stage.MESSAGE, 250, "2.0.0 Ok: queued", code -> {
                if (code / 100 == 2) {
                    synchronized (messages) {
                        messages.add(message);
                        messages.notifyAll();
                    }
                }
                resetTransaction();
            });
        }

        private void reply(ChannelHandlerContext ctx, Stage stage, int code, String text, IntConsumer effect) {
            reply(ctx, stage, code, text, effect, false);
        }

        /** Answers at {@code stage} as scripted or with the default; {@code effect} gets the code sent. */
        private void reply(ChannelHandlerContext ctx, Stage stage, int code, String text, IntConsumer effect,
                           boolean closeAfter) {
            Rule rule = nextRule(stage);
            Runnable answer;
            if (rule != null && rule.dropping()) {
                answer = () -> ctx.close();
            } else {
                int finalCode = rule != null && rule.code() != null ? rule.code() : code;
                String finalText = rule != null && rule.code() != null ? rule.text() : text;
                boolean close = closeAfter || finalCode == 421;
                answer = () -> {
                    effect.accept(finalCode);
                    var written = send(ctx, finalCode, finalText);
                    if (close) {
                        written.addListener(ChannelFutureListener.CLOSE);
                    }
                };
            }
            Duration delay = rule == null ? Duration.ZERO : rule.delayDuration();
            if (delay.isZero()) {
                answer.run();
            } else {
                ctx.executor().schedule(answer, delay.toNanos(), TimeUnit.NANOSECONDS);
            }
        }

        private io.netty.channel.ChannelFuture send(ChannelHandlerContext ctx, int code, String text) {
            String[] lines = text.split("\n", -1);
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < lines.length; i++) {
                out.append(code).append(i == lines.length - 1 ? ' ' : '-').append(lines[i]).append("\r\n");
            }
            return ctx.writeAndFlush(Unpooled.copiedBuffer(out, StandardCharsets.UTF_8));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof TooLongFrameException) {
                send(ctx, 500, "5.5.6 Line too long").addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.close();
            }
        }
    }

    private static String address(String text) {
        String value = text.trim();
        int close = value.indexOf('>');
        if (value.startsWith("<") && close > 0) {
            return value.substring(1, close);
        }
        int space = value.indexOf(' ');
        return space < 0 ? value : value.substring(0, space);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(String text) {
        try {
            return new String(Base64.getDecoder().decode(text.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
