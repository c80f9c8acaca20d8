package dev.mqkit.runtime.delivery;

import dev.mqkit.runtime.Failures;
import dev.mqkit.runtime.Stages;
import dev.mqkit.runtime.delivery.AttemptResult.Kind;
import dev.mqkit.runtime.delivery.AttemptResult.Phase;
import dev.mqkit.smtp.ClientText;
import dev.mqkit.smtp.SaslCredentials;
import dev.mqkit.smtp.SmtpCommand;
import dev.mqkit.smtp.SmtpReply;
import dev.mqkit.smtp.SmtpTimeoutHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.unix.UnixChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * The client side of one outgoing SMTP connection: greeting, EHLO (HELO when EHLO is refused),
 * STARTTLS when offered, AUTH PLAIN or LOGIN when credentials are given, MAIL FROM, RCPT TO, DATA,
 * the {@link DeliveryHooks#outData} hook, the dot-stuffed MIME, the {@link DeliveryHooks#outSent}
 * hook, QUIT. Runs on the channel's event
 * loop; {@link #result()} completes once with how the attempt ended, before QUIT.
 *
 * <p>It speaks the server's vocabulary: {@link SmtpReply} values from
 * {@link dev.mqkit.smtp.SmtpReplyDecoder}, {@link SmtpCommand} values to
 * {@link dev.mqkit.smtp.SmtpCommandEncoder}, the MIME as wire bytes, and the reply timeout
 * kept by the {@link SmtpTimeoutHandler} before them in the pipeline.
 */
final class SmtpClientSession extends SimpleChannelInboundHandler<SmtpReply> implements DeliveryConnection {
    private static final System.Logger LOG = System.getLogger(SmtpClientSession.class.getName());
    private static final Duration QUIT_WAIT = Duration.ofSeconds(2);

    private enum Step {
        GREETING(Phase.GREETING), EHLO(Phase.EHLO), HELO(Phase.HELO), STARTTLS(Phase.STARTTLS),
        AUTH_PLAIN(Phase.AUTH_PLAIN), AUTH_LOGIN(Phase.AUTH_LOGIN), AUTH_LOGIN_USER(Phase.AUTH_USERNAME),
        AUTH_LOGIN_PASSWORD(Phase.AUTH_PASSWORD), MAIL(Phase.MAIL), RCPT(Phase.RCPT), DATA(Phase.DATA),
        HOOK(Phase.DATA), CONTENT(Phase.MESSAGE), QUIT(Phase.MESSAGE);

        final Phase phase;

        Step(Phase phase) {
            this.phase = phase;
        }
    }

    private final DeliverySettings settings;
    private final String serverName;
    private final DeliverySettings.Smarthost credentials;
    private final SslContext tls;
    private final OutgoingMessage message;
    private final DeliveryHooks hooks;
    private final CompletableFuture<AttemptResult> result = new CompletableFuture<>();

    private Channel channel;
    private SmtpTimeoutHandler timeouts;
    private Step step = Step.GREETING;
    private boolean secure;
    private boolean finished;
    private Set<String> extensions = new HashSet<>();
    private Set<String> authMechanisms = new HashSet<>();
    /** The peer's name: the first word of its greeting. */
    private String mta;
    /**
     * While the plugins' mq_smtp_out_sent chain runs; how the attempt ended meanwhile waits in heldEnd,
     * the first ending kept: a reply to the MIME beats the connection's close that may follow it.
     */
    private boolean sentHookRunning;
    private AttemptResult heldEnd;

    /**
     * @param serverName  the server's host name (for TLS server name indication and verification)
     * @param credentials the smarthost whose username/password to authenticate with, or null
     * @param tls         client TLS context, or null to never use STARTTLS
     */
    SmtpClientSession(DeliverySettings settings, String serverName, DeliverySettings.Smarthost credentials,
                      SslContext tls, OutgoingMessage message, DeliveryHooks hooks) {
        this.settings = settings;
        this.serverName = serverName;
        this.credentials = credentials;
        this.tls = tls;
        this.message = message;
        this.hooks = hooks;
    }

    CompletableFuture<AttemptResult> result() {
        return result;
    }

    // ----- DeliveryConnection -----

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public int fileDescriptor() {
        return channel instanceof UnixChannel unix ? unix.fd().intValue() : -1;
    }

    @Override
    public boolean secure() {
        return secure;
    }

    // ----- the dialogue -----

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        timeouts = ctx.pipeline().get(SmtpTimeoutHandler.class);
        armTimeout();
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, SmtpReply reply) {
        cancelTimeout();
        if (finished) {
            if (step == Step.QUIT) {
                ctx.close();
            }
            return;
        }
        int code = reply.code();
        switch (step) {
            case GREETING -> {
                String[] words = reply.lines().get(0).trim().split("\\s+", 2);
                mta = words[0].isEmpty() ? null : words[0];
                if (code == 220) {
                    ehlo();
                } else {
                    endWith(reply);
                }
            }
            case EHLO -> {
                if (code == 250) {
                    readExtensions(reply.lines());
                    afterEhlo();
                } else if (code / 100 == 5) {
                    send(Step.HELO, SmtpCommand.of("HELO", settings.heloName()));
                } else {
                    endWith(reply);
                }
            }
            case HELO -> {
                if (code == 250) {
                    extensions = new HashSet<>();
                    authMechanisms = new HashSet<>();
                    afterEhlo();
                } else {
                    endWith(reply);
                }
            }
            case STARTTLS -> {
                if (code == 220) {
                    startTls();
                } else {
                    // opportunistic: a server that cannot do TLS after all is used without it
                    extensions.remove("STARTTLS");
                    afterEhlo();
                }
            }
            case AUTH_PLAIN, AUTH_LOGIN_PASSWORD -> {
                if (code == 235) {
                    mailFrom();
                } else {
                    endWith(reply);
                }
            }
            case AUTH_LOGIN -> {
                if (code == 334) {
                    sendLine(Step.AUTH_LOGIN_USER, SaslCredentials.encode(credentials.username()));
                } else {
                    endWith(reply);
                }
            }
            case AUTH_LOGIN_USER -> {
                if (code == 334) {
                    sendLine(Step.AUTH_LOGIN_PASSWORD, SaslCredentials.encode(credentials.password()));
                } else {
                    endWith(reply);
                }
            }
            case MAIL -> {
                if (code / 100 == 2) {
                    rcptTo();
                } else {
                    endWith(reply);
                }
            }
            case RCPT -> {
                if (code / 100 == 2) {
                    send(Step.DATA, SmtpCommand.of("DATA"));
                } else {
                    endWith(reply);
                }
            }
            case DATA -> {
                if (code == 354) {
                    callHook();
                } else {
                    endWith(reply);
                }
            }
            case CONTENT -> endWith(reply);
            default -> LOG.log(Level.WARNING, "unexpected reply " + ClientText.escaped(reply.toString())
                    + " in step " + step);
        }
    }

    private void ehlo() {
        send(Step.EHLO, SmtpCommand.of("EHLO", settings.heloName()));
    }

    private void readExtensions(List<String> lines) {
        Set<String> found = new HashSet<>();
        Set<String> mechanisms = new HashSet<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] words = lines.get(i).trim().toUpperCase(Locale.ROOT).split("[ =]+");
            if (words.length == 0 || words[0].isEmpty()) {
                continue;
            }
            found.add(words[0]);
            if (words[0].equals("AUTH")) {
                for (int w = 1; w < words.length; w++) {
                    mechanisms.add(words[w]);
                }
            }
        }
        extensions = found;
        authMechanisms = mechanisms;
    }

    private void afterEhlo() {
        if (!secure && tls != null && settings.startTls() && extensions.contains("STARTTLS")) {
            send(Step.STARTTLS, SmtpCommand.of("STARTTLS"));
            return;
        }
        if (credentials != null && credentials.authenticates()) {
            if (authMechanisms.contains("PLAIN")) {
                String response = new SaslCredentials(credentials.username(), credentials.password()).plainResponse();
                send(Step.AUTH_PLAIN, SmtpCommand.of("AUTH", "PLAIN", response));
            } else if (authMechanisms.contains("LOGIN")) {
                send(Step.AUTH_LOGIN, SmtpCommand.of("AUTH", "LOGIN"));
            } else {
                finish(failure(Kind.ERROR, Phase.EHLO, false, "server offers neither AUTH PLAIN nor AUTH LOGIN"
                        + (secure ? "" : " (and no TLS)")));
            }
            return;
        }
        mailFrom();
    }

    private void startTls() {
        SSLEngine engine = tls.newEngine(channel.alloc(), serverName, remotePort());
        if (settings.tlsVerify()) {
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
        }
        SslHandler handler = new SslHandler(engine);
        handler.setHandshakeTimeoutMillis(settings.replyTimeout().toMillis());
        channel.pipeline().addFirst("tls", handler);
        handler.handshakeFuture().addListener(done -> {
            if (finished) {
                return;
            }
            if (done.isSuccess()) {
                secure = true;
                ehlo();
            } else {
                finish(failure(Kind.TLS, Phase.STARTTLS, true, "TLS handshake failed: " + done.cause().getMessage()));
            }
        });
    }

    private void mailFrom() {
        try {
            List<String> parameters = new ArrayList<>();
            parameters.add("FROM:<" + message.envelope() + ">");
            // the MIME a plugin may set later is not known yet: the JSON's decides
            var mime = message.json().get("mime");
            if (extensions.contains("8BITMIME") && mime != null && mime.isTextual() && !isAscii(mime.textValue())) {
                parameters.add("BODY=8BITMIME");
            }
            if (extensions.contains("SMTPUTF8") && !(isAscii(message.envelope()) && isAscii(message.recipient()))) {
                parameters.add("SMTPUTF8");
            }
            if (extensions.contains("DSN")) {
                dsnParameter("RET", "ret", parameters);
                dsnParameter("ENVID", "envid", parameters);
            }
            send(Step.MAIL, SmtpCommand.of("MAIL", parameters.toArray(String[]::new)));
        } catch (IllegalArgumentException e) {
            finish(failure(Kind.INVALID, Phase.MAIL, false, "invalid envelope address: " + e.getMessage()));
        }
    }

    private void rcptTo() {
        try {
            List<String> parameters = new ArrayList<>();
            parameters.add("TO:<" + message.recipient() + ">");
            if (extensions.contains("DSN")) {
                dsnParameter("NOTIFY", "notify", parameters);
                dsnParameter("ORCPT", "orcpt", parameters);
            }
            send(Step.RCPT, SmtpCommand.of("RCPT", parameters.toArray(String[]::new)));
        } catch (IllegalArgumentException e) {
            finish(failure(Kind.INVALID, Phase.RCPT, false, "invalid recipient address: " + e.getMessage()));
        }
    }

    /**
     * Adds {@code KEYWORD=value} for the message's {@code dsn.member} (RFC 3461), copied as given, as MailerQ
     * copies DSN values; a value with spaces or control characters would break the command and is left out.
     */
    private void dsnParameter(String keyword, String member, List<String> parameters) {
        var value = message.json().path("dsn").path(member);
        if (!value.isTextual() && !value.isNumber()) {
            return;
        }
        String text = value.asText();
        if (text.isEmpty() || !text.chars().allMatch(c -> c > 32 && c < 127)) {
            LOG.log(Level.WARNING, "dsn." + member + " " + ClientText.escaped(text) + " of the message to "
                    + ClientText.escaped(message.recipient()) + " is not a DSN parameter value (printable ASCII "
                    + "without spaces): " + keyword + " left out");
            return;
        }
        parameters.add(keyword + "=" + text);
    }

    private void callHook() {
        step = Step.HOOK;
        Stages.awaitOnLoop(channel.eventLoop(), () -> hooks.outData(this, message), (ok, error) -> afterHook(error));
    }

    private void afterHook(Throwable error) {
        if (finished) {
            return;
        }
        if (error != null) {
            finish(failure(Kind.ERROR, Phase.DATA, true, "mq_smtp_out_data failed: " + error));
            return;
        }
        byte[] mime = message.mime();
        MimeChunks content;
        if (mime != null) {
            content = MimeChunks.ofBytes(mime);
        } else {
            var json = message.json().get("mime");
            if (json == null || !json.isTextual()) {
                finish(failure(Kind.NODATA, Phase.DATA, false, "message has no mime"));
                return;
            }
            // the bytes the JSON's text stands for, escapes of non-UTF-8 bytes back to those bytes
            content = MimeChunks.ofText(json.textValue());
        }
        step = Step.CONTENT;
        writeContent(content);
    }

    /** One piece of the MIME at a time, the next once the last was written: a large body is never queued whole. */
    private void writeContent(MimeChunks content) {
        if (finished) {
            return;
        }
        ByteBuf piece = content.next(channel.alloc());
        armTimeout();
        if (content.done()) {
            channel.writeAndFlush(piece).addListener(write -> {
                writeDone(write);
                if (write.isSuccess() && !finished) {
                    callSentHook();
                }
            });
            return;
        }
        channel.writeAndFlush(piece).addListener(write -> {
            if (write.isSuccess()) {
                writeContent(content);
            } else {
                writeDone(write);
            }
        });
    }

    /** The MIME is out: the plugins see what went over the line before the reply is handled. */
    private void callSentHook() {
        sentHookRunning = true;
        Stages.awaitOnLoop(channel.eventLoop(), () -> hooks.outSent(this, message),
                (ok, error) -> afterSentHook(error));
    }

    private void afterSentHook(Throwable error) {
        sentHookRunning = false;
        if (error != null) {
            // the MIME is out: the peer's reply decides the attempt, whatever the hook did
            LOG.log(Level.WARNING, "mq_smtp_out_sent failed in the runtime; the delivery goes on", error);
        }
        AttemptResult end = heldEnd;
        heldEnd = null;
        if (end != null) {
            finish(end);
        }
    }

    // ----- endings -----

    /** The attempt ends with the peer's reply. */
    private void endWith(SmtpReply reply) {
        finish(AttemptResult.reply(reply, step.phase, localIp(), remoteIp(), mta, extensions.contains("DSN")));
    }

    private AttemptResult failure(Kind kind, Phase phase, boolean temporaryError, String description) {
        return AttemptResult.failure(kind, phase, temporaryError, description, localIp(), remoteIp(), mta);
    }

    /** Records how the attempt ended, then says goodbye politely where the protocol allows. */
    private void finish(AttemptResult outcome) {
        if (finished) {
            return;
        }
        if (sentHookRunning) {
            // mq_smtp_out_sent runs before the attempt's end is handled
            if (heldEnd == null) {
                heldEnd = outcome;
            }
            return;
        }
        finished = true;
        cancelTimeout();
        result.complete(outcome);
        boolean midData = step == Step.HOOK || (step == Step.CONTENT && !outcome.success() && outcome.code() == 0);
        if (channel == null || !channel.isActive() || midData) {
            if (channel != null) {
                channel.close();
            }
            return;
        }
        step = Step.QUIT;
        channel.writeAndFlush(SmtpCommand.of("QUIT"));
        channel.eventLoop().schedule(() -> {
            channel.close();
        }, QUIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimeout();
        finish(failure(Kind.LOST, step.phase, true, "connection closed by the server"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String what = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        LOG.log(Level.DEBUG, "outgoing connection to " + serverName + " failed in step " + step, cause);
        Kind kind = Failures.find(cause, TooLongFrameException.class).isPresent() ? Kind.OVERFLOW
                : Failures.find(cause, SSLException.class).isPresent() ? Kind.TLS : Kind.LOST;
        finish(failure(kind, kind == Kind.TLS ? Phase.STARTTLS : step.phase, true, kind == Kind.OVERFLOW
                ? "reply line longer than " + Deliverer.MAX_REPLY_LINE + " characters" : "connection error: " + what));
        ctx.close();
    }

    // ----- sending -----

    private void send(Step next, SmtpCommand command) {
        step = next;
        channel.writeAndFlush(command).addListener(this::writeDone);
        armTimeout();
    }

    /** Sends a bare line (AUTH LOGIN answers), not a command. */
    private void sendLine(Step next, String line) {
        step = next;
        ByteBuf bytes = Unpooled.copiedBuffer(line + "\r\n", StandardCharsets.US_ASCII);
        channel.writeAndFlush(bytes).addListener(this::writeDone);
        armTimeout();
    }

    private void writeDone(io.netty.util.concurrent.Future<? super Void> write) {
        if (!write.isSuccess() && !finished) {
            Throwable cause = write.cause();
            finish(failure(Kind.LOST, step.phase, true, "cannot send: " + cause));
            channel.close();
        }
    }

    /** Waits for the reply to what was just sent: at most the reply timeout, however the bytes trickle in. */
    private void armTimeout() {
        timeouts.expect(Duration.ZERO, settings.replyTimeout());
    }

    private void cancelTimeout() {
        timeouts.suspend();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == SmtpTimeoutHandler.EXPIRED) {
            if (!finished) {
                finish(failure(Kind.TIMEOUT, step.phase, true, "no reply within "
                        + settings.replyTimeout().toMillis() + " ms"));
                channel.close();
            }
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    // ----- helpers -----

    private String localIp() {
        return channel != null && channel.localAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() : null;
    }

    private String remoteIp() {
        return channel != null && channel.remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() : null;
    }

    private int remotePort() {
        return channel.remoteAddress() instanceof InetSocketAddress a ? a.getPort() : -1;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 127) {
                return false;
            }
        }
        return true;
    }
}
