package dev.mqkit.runtime.smtp.server;

import dev.mqkit.runtime.Failures;
import dev.mqkit.smtp.ClientText;
import dev.mqkit.smtp.MailArguments;
import dev.mqkit.smtp.SaslCredentials;
import dev.mqkit.smtp.SaslExchange;
import dev.mqkit.smtp.SmtpCommand;
import dev.mqkit.smtp.SmtpInput;
import dev.mqkit.smtp.SmtpInputDecoder;
import dev.mqkit.smtp.SmtpReply;
import dev.mqkit.smtp.SmtpTimeoutHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The SMTP dialogue of one connection (RFC 5321 with PIPELINING, SIZE, 8BITMIME,
 * ENHANCEDSTATUSCODES, DSN, STARTTLS and AUTH PLAIN/LOGIN).
 *
 * <p>DSN (RFC 3461) is offered when the played release does (3.0 always, 4.0+ per dsn-advertise);
 * its parameters are refused with 555 when it is not. A client that does not log in although
 * smtp-username requires it is not stopped here: its mail is received and refused in
 * {@link MessageQueuing}, as MailerQ receives it for its refused queue.
 *
 * <p>It takes one {@link SmtpInput} at a time from the {@link SmtpInputDecoder}, calls the hook
 * for it, and only when the hook's stage completed sends the reply and asks the decoder for the
 * next input. So pipelined commands are answered in order, each after its own hook, and a slow
 * hook delays exactly its own reply. Everything here runs on the channel's event loop; hook
 * stages may complete on any thread and the dialogue carries on back on the loop
 * ({@link HookStages}). The handler keeps the dialogue's state and chooses the replies; an AUTH
 * exchange is a {@link dev.mqkit.smtp.SaslExchange}, and an accepted body goes to
 * {@link MessageQueuing}.
 *
 * <p>Hostile input: a line holding a CR or NUL is refused with 501 before it is parsed, client
 * text is echoed and logged only {@link ClientText#escaped escaped}, an internal error is answered
 * 451 instead of leaving the line unanswered, and after {@code errorLimit} error replies since the
 * last accepted message the connection is closed with 421 (as Postfix's smtpd_hard_error_limit).
 */
final class SmtpSessionHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(SmtpSessionHandler.class.getName());
    private static final SmtpReply INSUFFICIENT_STORAGE =
            SmtpReply.of(452, "4.3.1", "Insufficient system storage, try again later");

    private final SmtpServerContext server;
    private final SmtpServerSettings settings;
    private final SmtpServerHooks hooks;
    private final boolean implicitTls;
    private final CompletableFuture<Void> finished;

    private ChannelHandlerContext ctx;
    private SmtpInputDecoder decoder;
    private SmtpTimeoutHandler timeouts;
    private ConnectionSession session;
    private HookStages stages;
    private MessageQueuing queuing;

    private boolean closing;
    private boolean stopping;
    private boolean idle;
    private boolean extended;
    /** Error replies since the connection opened or the last accepted message. */
    private int errors;
    /** The AUTH exchange waiting for the client's answer to a challenge; null while commands come. */
    private SaslExchange sasl;
    private MailTransaction transaction;

    /**
     * @param finished completed once the close hook has run (or failed) after the connection is gone
     */
    SmtpSessionHandler(SmtpServerContext server, boolean implicitTls, CompletableFuture<Void> finished) {
        this.server = server;
        this.settings = server.settings();
        this.hooks = server.hooks();
        this.implicitTls = implicitTls;
        this.finished = finished;
    }

    // ---------------------------------------------------------------- connection life

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.decoder = ctx.pipeline().get(SmtpInputDecoder.class);
        this.timeouts = ctx.pipeline().get(SmtpTimeoutHandler.class);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        session = new ConnectionSession(ctx.channel());
        stages = new HookStages(ctx.channel(), session);
        queuing = new MessageQueuing(server, session, stages);
        LOG.log(Level.DEBUG, "{0}: connected{1}", session, implicitTls ? " (implicit TLS)" : "");
        stages.await(() -> hooks.connect(session), (ignored, failure) -> {
            if (failure != null) {
                refuseAndClose(failure, "connect");
            } else if (implicitTls) {
                stages.await(server::sslContext, (context, unusable) -> {
                    if (unusable != null) {
                        LOG.log(Level.ERROR, session + ": no TLS context, closing", Failures.unwrap(unusable));
                        ctx.close();
                    } else {
                        startTls(context, false);
                    }
                });
            } else {
                greet();
            }
        });
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        timeouts.suspend();
        if (session == null) {
            finished.complete(null);
            return;
        }
        LOG.log(Level.DEBUG, "{0}: disconnected", session);
        stages.connectionClosed(() -> {
            CompletionStage<Void> close;
            try {
                close = hooks.close(session);
            } catch (RuntimeException e) {
                close = CompletableFuture.failedFuture(e);
            }
            close.whenComplete((ignored, error) -> {
                if (error != null) {
                    LOG.log(Level.WARNING, session + ": close hook failed", Failures.unwrap(error));
                }
                finished.complete(null);
            });
        });
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || Failures.find(cause, javax.net.ssl.SSLException.class).isPresent()) {
            LOG.log(Level.DEBUG, "{0}: {1}", session, cause.toString());
        } else {
            LOG.log(Level.WARNING, session + ": closing after an unexpected error", cause);
        }
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            handshakeDone(handshake);
        } else if (event == SmtpTimeoutHandler.EXPIRED) {
            if (!closing) {
                closeWith(SmtpReply.of(421, "4.4.2", settings.hostname() + " Timeout waiting for client input, closing connection"));
            }
        } else if (event == SmtpShutdown.REQUESTED) {
            stopping = true;
            if (idle && !closing) {
                closeWith(shutdownReply());
            }
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    private void greet() {
        reply(SmtpReply.plain(220, settings.hostname() + " ESMTP mqkit"));
        awaitLine();
    }

    // ---------------------------------------------------------------- input

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        idle = false;
        timeouts.suspend();
        if (closing || stages.closed()) {
            return;
        }
        try {
            dispatch(msg);
        } catch (RuntimeException e) {
            // never an exception instead of a reply
            LOG.log(Level.ERROR, session + ": internal error on " + ClientText.escaped(String.valueOf(msg)), e);
            sasl = null;
            finish(SmtpReply.of(451, "4.3.0", "Local error in processing"));
        }
    }

    private void dispatch(Object msg) {
        if (msg instanceof SmtpInput.Line line && ClientText.hasForbiddenControl(line.text())) {
            sasl = null;
            finish(SmtpReply.of(501, "5.5.2", "Syntax error: bare CR or NUL in the command line"));
        } else if (msg instanceof SmtpInput.Line line) {
            if (sasl == null) {
                command(line.text());
            } else {
                authStep(sasl, sasl.respond(line.text()));
            }
        } else if (msg instanceof SmtpInput.LineTooLong tooLong) {
            sasl = null;
            finish(SmtpReply.of(500, "5.5.6", "Line too long (at most " + tooLong.limit() + " bytes with CRLF)"));
        } else if (msg instanceof SmtpInput.Data data) {
            dataReceived(data);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void command(String line) {
        SmtpCommand command = SmtpCommand.parse(line);
        switch (command.verb()) {
            case "EHLO" -> helo(command, true);
            case "HELO" -> helo(command, false);
            case "MAIL" -> mail(command);
            case "RCPT" -> rcpt(command);
            case "DATA" -> data(command);
            case "RSET" -> {
                if (command.hasArgument()) {
                    finish(SmtpReply.of(501, "5.5.4", "RSET takes no arguments"));
                } else {
                    transaction = null;
                    finish(SmtpReply.of(250, "2.0.0", "Reset OK"));
                }
            }
            case "NOOP" -> finish(SmtpReply.of(250, "2.0.0", "OK"));
            case "QUIT" -> closeWith(SmtpReply.of(221, "2.0.0", settings.hostname() + " closing connection"));
            case "VRFY" -> finish(command.hasArgument()
                    ? SmtpReply.of(252, "2.5.2", "Cannot VRFY user, but will accept message and attempt delivery")
                    : SmtpReply.of(501, "5.5.4", "Syntax: VRFY <address>"));
            case "HELP" -> finish(SmtpReply.of(214, "2.0.0",
                    "Commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP STARTTLS AUTH"));
            case "STARTTLS" -> starttls(command);
            case "AUTH" -> auth(command);
            case "EXPN", "TURN", "ETRN", "ATRN", "BDAT", "SEND", "SOML", "SAML" ->
                    finish(SmtpReply.of(502, "5.5.1", command.verb() + " not implemented"));
            case "" -> finish(SmtpReply.of(500, "5.5.2", "Syntax error, empty command"));
            default -> finish(SmtpReply.of(500, "5.5.1", "Command unrecognized"));
        }
    }

    // ---------------------------------------------------------------- EHLO, HELO

    private void helo(SmtpCommand command, boolean ehlo) {
        if (!command.hasArgument()) {
            finish(SmtpReply.of(501, "5.5.2", "Syntax: " + (ehlo ? "EHLO" : "HELO") + " <domain>"));
            return;
        }
        String name = command.argument().split(" ", 2)[0];
        transaction = null;
        extended = ehlo;
        session.heloName(name);
        if (!ehlo) {
            finish(SmtpReply.plain(250, settings.hostname()));
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(settings.hostname() + " greets " + ClientText.escaped(name));
        lines.add("PIPELINING");
        lines.add("SIZE " + settings.maxMessageSize());
        lines.add("8BITMIME");
        lines.add("ENHANCEDSTATUSCODES");
        if (settings.dsnOffered()) {
            lines.add("DSN");
        }
        if (!session.secure()) {
            lines.add("STARTTLS");
        }
        if (authOffered()) {
            lines.add("AUTH PLAIN LOGIN");
        }
        finish(new SmtpReply(250, null, lines));
    }

    private boolean authOffered() {
        return session.secure() || settings.allowPlaintextAuth();
    }

    // ---------------------------------------------------------------- MAIL, RCPT

    private void mail(SmtpCommand command) {
        if (session.heloName() == null) {
            finish(SmtpReply.of(503, "5.5.1", "Send EHLO or HELO first"));
            return;
        }
        if (transaction != null) {
            finish(SmtpReply.of(503, "5.5.1", "Nested MAIL command"));
            return;
        }
        MailArguments arguments;
        try {
            arguments = MailArguments.mailFrom(command.argument());
        } catch (MailArguments.Invalid invalid) {
            finish(invalid.reply());
            return;
        }
        Optional<SmtpReply> refusal = arguments.mailRefusal(extended, settings.maxMessageSize(), authOffered(),
                settings.dsnOffered());
        if (refusal.isPresent()) {
            finish(refusal.get());
            return;
        }
        String sender = arguments.address();
        stages.await(() -> hooks.mailFrom(session, sender), (ignored, failure) -> {
            if (failure != null) {
                finish(stages.failureReply(failure, "mailFrom"));
            } else {
                transaction = new MailTransaction(sender, arguments.declaredSize(), arguments.parameters().get("RET"),
                        arguments.parameters().get("ENVID"));
                finish(SmtpReply.of(250, "2.1.0", "Sender <" + ClientText.escaped(sender) + "> OK"));
            }
        });
    }

    private void rcpt(SmtpCommand command) {
        if (transaction == null) {
            finish(SmtpReply.of(503, "5.5.1", "Need MAIL before RCPT"));
            return;
        }
        MailArguments arguments;
        try {
            arguments = MailArguments.rcptTo(command.argument());
        } catch (MailArguments.Invalid invalid) {
            finish(invalid.reply());
            return;
        }
        Optional<SmtpReply> refusal = arguments.rcptRefusal(extended, settings.dsnOffered());
        if (refusal.isPresent()) {
            finish(refusal.get());
            return;
        }
        if (transaction.recipients.size() >= settings.maxRecipients()) {
            finish(SmtpReply.of(452, "4.5.3", "Too many recipients (at most " + settings.maxRecipients() + ")"));
            return;
        }
        String recipient = arguments.address();
        MailTransaction current = transaction;
        stages.await(() -> hooks.rcptTo(session, recipient), (ignored, failure) -> {
            if (failure != null) {
                finish(stages.failureReply(failure, "rcptTo"));
            } else {
                current.recipients.add(new MailTransaction.Recipient(recipient, arguments.parameters().get("NOTIFY"),
                        arguments.parameters().get("ORCPT")));
                finish(SmtpReply.of(250, "2.1.5", "Recipient <" + ClientText.escaped(recipient) + "> OK"));
            }
        });
    }

    // ---------------------------------------------------------------- DATA

    private void data(SmtpCommand command) {
        if (command.hasArgument()) {
            finish(SmtpReply.of(501, "5.5.4", "DATA takes no arguments"));
        } else if (transaction == null) {
            finish(SmtpReply.of(503, "5.5.1", "Need MAIL before DATA"));
        } else if (transaction.recipients.isEmpty()) {
            finish(SmtpReply.of(554, "5.5.0", "No valid recipients"));
        } else if (!server.bodies().budget().fits(transaction.declaredSize)) {
            finish(INSUFFICIENT_STORAGE);
        } else {
            reply(SmtpReply.plain(354, "End data with <CR><LF>.<CR><LF>"));
            timeouts.expect(settings.dataTimeout(), settings.dataDeadline());
            decoder.expectData();
        }
    }

    private void dataReceived(SmtpInput.Data data) {
        MailTransaction current = transaction;
        transaction = null;
        if ((current == null || data.problem() != null) && data.body() != null) {
            data.body().close();
        }
        if (current == null) {
            finish(SmtpReply.of(503, "5.5.1", "No mail transaction"));
            return;
        }
        if (data.problem() != null) {
            finish(switch (data.problem()) {
                case TOO_BIG -> SmtpReply.of(552, "5.3.4", "Message too big (" + data.size() + " bytes, at most "
                        + settings.maxMessageSize() + ")");
                case NO_STORAGE -> INSUFFICIENT_STORAGE;
                case BARE_LINE_FEED -> SmtpReply.of(550, "5.6.0", "Message refused: bare LF without CR");
                case BARE_CARRIAGE_RETURN -> SmtpReply.of(550, "5.6.0", "Message refused: bare CR without LF");
                case NUL -> SmtpReply.of(550, "5.6.0", "Message refused: NUL byte");
            });
            return;
        }
        queuing.queue(current, data.body(), reply -> {
            if (reply.positive()) {
                errors = 0;
            }
            finish(reply);
        });
    }

    // ---------------------------------------------------------------- STARTTLS

    private void starttls(SmtpCommand command) {
        if (command.hasArgument()) {
            finish(SmtpReply.of(501, "5.5.4", "STARTTLS takes no arguments"));
        } else if (session.secure()) {
            finish(SmtpReply.of(503, "5.5.1", "TLS already active"));
        } else {
            stages.await(server::sslContext, (context, unusable) -> {
                if (unusable != null) {
                    LOG.log(Level.ERROR, session + ": no TLS context", Failures.unwrap(unusable));
                    finish(SmtpReply.of(454, "4.7.0", "TLS not available due to temporary reason"));
                    return;
                }
                // the 220 is the SslHandler's first write and goes out in plaintext; what the client
                // pipelined after STARTTLS is dropped (RFC 3207 section 6) and the dialogue starts afresh
                startTls(context, true);
                reply(SmtpReply.of(220, "2.0.0", "Ready to start TLS"));
                decoder.discardBuffered();
                transaction = null;
                extended = false;
                session.heloName(null);
                session.login(null);
            });
        }
    }

    private void startTls(SslContext context, boolean afterStarttls) {
        SslHandler ssl = new SslHandler(context.newEngine(ctx.alloc()), afterStarttls);
        long handshakeMillis = settings.commandTimeout().toMillis();
        ssl.setHandshakeTimeout(handshakeMillis > 0 ? handshakeMillis : 0, TimeUnit.MILLISECONDS);
        ctx.pipeline().addFirst("tls", ssl);
        ctx.channel().read();
    }

    private void handshakeDone(SslHandshakeCompletionEvent handshake) {
        if (!handshake.isSuccess()) {
            LOG.log(Level.DEBUG, "{0}: TLS handshake failed: {1}", session, handshake.cause().toString());
            ctx.close();
            return;
        }
        session.secure(true);
        stages.await(() -> hooks.secure(session), (ignored, failure) -> {
            if (failure != null) {
                refuseAndClose(failure, "secure");
            } else if (implicitTls) {
                greet();
            } else {
                awaitLine();
            }
        });
    }

    // ---------------------------------------------------------------- AUTH

    private void auth(SmtpCommand command) {
        if (!extended) {
            finish(SmtpReply.of(503, "5.5.1", "Send EHLO first"));
            return;
        }
        if (session.authenticated()) {
            finish(SmtpReply.of(503, "5.5.1", "Already authenticated"));
            return;
        }
        if (transaction != null) {
            finish(SmtpReply.of(503, "5.5.1", "AUTH not allowed during a mail transaction"));
            return;
        }
        if (!authOffered()) {
            finish(SmtpReply.of(538, "5.7.11", "Encryption required for requested authentication mechanism"));
            return;
        }
        SaslExchange exchange = new SaslExchange();
        authStep(exchange, exchange.start(command.argument()));
    }

    private void authStep(SaslExchange exchange, SaslExchange.Step step) {
        if (step instanceof SaslExchange.Challenge challenge) {
            sasl = exchange;
            finish(challenge.reply());
        } else {
            sasl = null;
            if (step instanceof SaslExchange.Done done) {
                checkCredentials(done.credentials());
            } else {
                finish(((SaslExchange.Refused) step).reply());
            }
        }
    }

    private void checkCredentials(SaslCredentials credentials) {
        Boolean configVerdict = settings.loginRequired()
                ? settings.acceptsLogin(credentials.login(), credentials.password()) : null;
        stages.await(() -> hooks.authenticate(session, credentials.login(), credentials.password(), configVerdict), (verdict, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, session + ": authenticate hook failed", Failures.unwrap(failure));
                finish(SmtpReply.of(454, "4.7.0", "Temporary authentication failure"));
            } else if (Boolean.TRUE.equals(verdict)) {
                session.login(credentials.login());
                finish(SmtpReply.of(235, "2.7.0", "Authentication successful"));
            } else {
                // a refused login is answered late, so that guessing passwords is slow
                SmtpReply refused = SmtpReply.of(535, "5.7.8", "Authentication credentials invalid");
                ctx.executor().schedule(() -> finish(refused), settings.authFailureDelay().toNanos(), TimeUnit.NANOSECONDS);
            }
        });
    }

    // ---------------------------------------------------------------- replies and waiting

    private void reply(SmtpReply reply) {
        ctx.writeAndFlush(reply).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    /**
     * Send the reply to the current input, then take the next one; after the last error reply the
     * limit allows, say 421 and close instead.
     */
    private void finish(SmtpReply reply) {
        if (closing || stages.closed()) {
            return;
        }
        reply(reply);
        if (!reply.positive() && ++errors >= settings.errorLimit()) {
            closeWith(SmtpReply.of(421, "4.7.0", settings.hostname() + " Error: too many errors"));
            return;
        }
        awaitLine();
    }

    private void awaitLine() {
        if (closing || stages.closed()) {
            return;
        }
        if (stopping && sasl == null) {
            closeWith(shutdownReply());
            return;
        }
        idle = true;
        Duration timeout = transaction != null || sasl != null ? settings.commandTimeout() : settings.idleTimeout();
        timeouts.expect(timeout, settings.commandDeadline());
        decoder.expectCommand();
    }

    private SmtpReply shutdownReply() {
        return SmtpReply.of(421, "4.3.2", settings.hostname() + " Service shutting down, closing connection");
    }

    private void closeWith(SmtpReply reply) {
        closing = true;
        idle = false;
        timeouts.suspend();
        decoder.pause();
        ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
    }

    private void refuseAndClose(Throwable failure, String hook) {
        closeWith(stages.failureReply(failure, hook,
                SmtpReply.of(421, "4.3.0", settings.hostname() + " Local error, closing connection")));
    }
}
