package dev.mqkit.runtime.plugins;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.Hook;
import dev.mqkit.api.MailerqRelease.Generation;
import dev.mqkit.api.json.LosslessUtf8;
import dev.mqkit.runtime.host.HookArguments;
import dev.mqkit.runtime.host.NativeConnection;
import dev.mqkit.runtime.host.NativeMessage;
import dev.mqkit.runtime.host.PluginHost;
import dev.mqkit.runtime.host.Worker;
import dev.mqkit.runtime.smtp.server.Publication;
import dev.mqkit.runtime.smtp.server.SmtpServerHooks;
import dev.mqkit.runtime.smtp.server.SmtpSession;
import dev.mqkit.smtp.ReceivedBody;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The incoming SMTP server's hooks, answered by the plugins' mq_smtp_in_*
 * chains on the worker that serves the connection.
 */
public final class PluginSmtpHooks implements SmtpServerHooks {

    private final PluginHost host;

    public PluginSmtpHooks(PluginHost host) {
        this.host = host;
    }

    private static PluginConnection of(SmtpSession session) {
        return PluginConnection.of(session.channel());
    }

    private static CompletionStage<Void> run(SmtpSession session, Hook hook, HookArguments arguments) {
        return of(session).worker.run(hook, arguments);
    }

    @Override
    public CompletionStage<Void> connect(SmtpSession session) {
        PluginConnection opened = PluginConnection.open(host, session.channel(), session.fileDescriptor(), bytes -> {
            session.send(bytes);
            return bytes.length;
        });
        return opened.worker.run(Hook.SMTP_IN_CONNECT, HookArguments.connection(opened.connection));
    }

    @Override
    public CompletionStage<Void> secure(SmtpSession session) {
        NativeConnection connection = of(session).connection;
        connection.secure(true);
        return run(session, Hook.SMTP_IN_SECURE, HookArguments.connection(connection));
    }

    /**
     * Credentials that smtp-username/smtp-password refuse are refused
     * without asking the plugins. Otherwise, when plugins export
     * mq_smtp_in_authenticate, their final verdict counts, starting from
     * false for the first plugin asked (4.0+: from true when the configured
     * credentials accepted them); without such plugins, the configured
     * credentials decide (no configuration: refused).
     */
    @Override
    public CompletionStage<Boolean> authenticate(SmtpSession session, String login, String password,
            Boolean configVerdict) {
        boolean configured = configVerdict != null;
        if (configured && !configVerdict) {
            return CompletableFuture.completedFuture(false);
        }
        if (!host.exports(Hook.SMTP_IN_AUTHENTICATE)) {
            return CompletableFuture.completedFuture(configured);
        }
        NativeConnection connection = of(session).connection;
        // 2.1/3.x: false for the first plugin asked; 4.0+: true after valid credentials, so the configured
        // ones count
        connection.authenticated(host.generation() == Generation.CONNECTION && configured);
        return run(session, Hook.SMTP_IN_AUTHENTICATE, HookArguments.credentials(connection,
                LosslessUtf8.toBytes(login), LosslessUtf8.toBytes(password)))
                .thenApply(done -> connection.authenticated());
    }

    @Override
    public CompletionStage<Void> mailFrom(SmtpSession session, String address) {
        return run(session, Hook.SMTP_IN_MAILFROM,
                HookArguments.text(of(session).connection, LosslessUtf8.toBytes(address)));
    }

    @Override
    public CompletionStage<Void> rcptTo(SmtpSession session, String address) {
        return run(session, Hook.SMTP_IN_RCPTTO,
                HookArguments.text(of(session).connection, LosslessUtf8.toBytes(address)));
    }

    /** The plugins get the body's bytes as received; a spooled body is mapped, not copied into the heap. */
    @Override
    public CompletionStage<Void> data(SmtpSession session, ReceivedBody body) {
        if (!host.exports(Hook.SMTP_IN_DATA)) {
            return CompletableFuture.completedFuture(null);
        }
        ReceivedBody.Mapped mapped = body.map();
        CompletionStage<Void> run;
        try {
            run = run(session, Hook.SMTP_IN_DATA,
                    HookArguments.text(of(session).connection, mapped.buffer(), mapped.direct()));
        } catch (RuntimeException e) {
            mapped.close();
            throw e;
        }
        return run.whenComplete((done, failure) -> mapped.close());
    }

    /**
     * The message as the plugins leave it, and whether they made it local (MQ_setLocal, 4.0+) or
     * not; it starts as local when its recipient is on local-addresses, which is what MQ_local
     * answers until a plugin changes it.
     */
    @Override
    public CompletionStage<Publication> message(SmtpSession session, Publication message) {
        if (!host.exports(Hook.SMTP_IN_MESSAGE)) {
            return CompletableFuture.completedFuture(message);
        }
        NativeMessage nativeMessage = NativeMessage.incoming(host, message.json().toString(), message.local());
        return run(session, Hook.SMTP_IN_MESSAGE, HookArguments.message(of(session).connection, nativeMessage))
                .thenApply(done -> {
                    try (nativeMessage) {
                        return new Publication(PluginJson.opened(nativeMessage).orElse(message.json()),
                                nativeMessage.local());
                    }
                });
    }

    @Override
    public CompletionStage<Void> close(SmtpSession session) {
        PluginConnection attached = of(session);
        if (attached == null) {
            return CompletableFuture.completedFuture(null);
        }
        return attached.worker.run(Hook.SMTP_IN_CLOSE, HookArguments.connection(attached.connection))
                .whenComplete((done, failure) -> attached.connection.close());
    }
}
