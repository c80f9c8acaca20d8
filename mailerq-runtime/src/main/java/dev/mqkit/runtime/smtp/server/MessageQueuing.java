package dev.mqkit.runtime.smtp.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.json.LosslessUtf8;
import dev.mqkit.runtime.Failures;
import dev.mqkit.runtime.queue.QueuesUnavailableException;
import dev.mqkit.smtp.ClientText;
import dev.mqkit.smtp.ReceivedBody;
import dev.mqkit.smtp.SmtpReply;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What becomes of an accepted DATA body on one connection: the data hook, then the body's x-mq-*
 * fields cut out and made properties ({@link MqHeaderFields}, {@link MqProperties}; 4.0+ per
 * smtp-extract), then every recipient's message ({@link IncomingMessages}) through the message
 * hook in recipient order, then each published in that order; then the reply to the body.
 *
 * <p>A message from a client that did not log in although smtp-username requires it is refused
 * unless it is local (local-addresses, or MQ_setLocal): it is published for the refused queue.
 * The reply is, playing 4.0 or later, 5.13's multi-line 250 naming the id each recipient that was
 * not refused was queued under, or {@code 530 5.7.0} when every recipient was refused (5.13
 * "rejects" such mail without a documented code); playing 3.0, whose docs give no reply, a plain
 * 250, refused or not (3.0 lets the dialogue of such a client run to its end). A hook's refusal
 * (451 for a hook that failed) or 451 when publishing failed replace it; after a failed publish the
 * messages of earlier recipients may have been published. The body, and the in-flight budget and
 * spool file it holds, is let go once the reply is known.
 */
final class MessageQueuing {
    private static final System.Logger LOG = System.getLogger(MessageQueuing.class.getName());

    /** One body's messages on their way, with the ids they are queued under. */
    private record Batch(MailTransaction transaction, List<String> ids, List<Publication> messages,
                         Consumer<SmtpReply> done) {
    }

    private final SmtpServerContext server;
    private final SmtpServerSettings settings;
    private final SmtpSession session;
    private final HookStages stages;

    MessageQueuing(SmtpServerContext server, SmtpSession session, HookStages stages) {
        this.server = server;
        this.settings = server.settings();
        this.session = session;
        this.stages = stages;
    }

    /** Queues {@code body} for the transaction's recipients; {@code done} gets the reply, on the event loop. */
    void queue(MailTransaction transaction, ReceivedBody body, Consumer<SmtpReply> done) {
        Consumer<SmtpReply> released = reply -> {
            body.close();
            done.accept(reply);
        };
        // a connection that goes away stops the stages: the body is let go all the same
        session.channel().closeFuture().addListener(closed -> body.close());
        stages.await(() -> server.hooks().data(session, body), (ignored, failure) -> {
            if (failure != null) {
                released.accept(stages.failureReply(failure, "data"));
                return;
            }
            String mime;
            ObjectNode properties;
            try (ReceivedBody.Mapped bytes = body.map()) {
                if (settings.extractsHeaders()) {
                    MqHeaderFields fields = MqHeaderFields.find(bytes.buffer(), !settings.playsConnectionGeneration());
                    mime = fields.mimeWithout(bytes.buffer());
                    properties = MqProperties.of(fields.fields(), settings.release());
                } else {
                    mime = LosslessUtf8.toText(bytes.buffer());
                    properties = JsonNodeFactory.instance.objectNode();
                }
            }
            IncomingMessages incoming = new IncomingMessages(session, settings, Instant.now(), transaction, mime,
                    properties);
            Batch batch = new Batch(transaction, new ArrayList<>(), new ArrayList<>(), released);
            for (MailTransaction.Recipient recipient : transaction.recipients) {
                String id = QueueIds.next();
                batch.ids.add(id);
                batch.messages.add(new Publication(incoming.forRecipient(recipient, id),
                        settings.localAddresses().contains(recipient.address())));
            }
            messageHook(batch, 0);
        });
    }

    private void messageHook(Batch batch, int index) {
        if (index == batch.messages.size()) {
            publish(batch, 0);
            return;
        }
        Publication message = batch.messages.get(index);
        stages.await(() -> server.hooks().message(session, message), (changed, failure) -> {
            if (failure != null) {
                batch.done.accept(stages.failureReply(failure, "message"));
                return;
            }
            Publication hooked = changed == null ? message : changed;
            batch.messages.set(index, loginMissing() ? hooked.refusedUnlessLocal() : hooked);
            messageHook(batch, index + 1);
        });
    }

    private void publish(Batch batch, int index) {
        if (index == batch.messages.size()) {
            batch.done.accept(queued(batch));
            return;
        }
        stages.await(() -> server.publisher().apply(batch.messages.get(index)), (ignored, failure) -> {
            if (failure != null) {
                Throwable cause = Failures.unwrap(failure);
                // a broker that is down is logged once by the queues, not for every message
                LOG.log(cause instanceof QueuesUnavailableException ? Level.DEBUG : Level.WARNING, session
                        + ": publishing failed after " + index + " of " + batch.messages.size() + " messages", cause);
                batch.done.accept(SmtpReply.of(451, "4.3.0", "Message could not be queued, try again later"));
                return;
            }
            publish(batch, index + 1);
        });
    }

    /** Whether a configured login (smtp-username, smtp-auth) is required and this client did not give it. */
    private boolean loginMissing() {
        return settings.loginRequired() && !session.authenticated();
    }

    private SmtpReply queued(Batch batch) {
        if (!settings.playsConnectionGeneration()) {
            return SmtpReply.of(250, "2.0.0", "Ok");
        }
        List<String> lines = new ArrayList<>();
        lines.add("Ok, your message has been queued using the following identifiers:");
        for (int i = 0; i < batch.ids.size(); i++) {
            if (!batch.messages.get(i).refused()) {
                lines.add(batch.ids.get(i) + " for " + ClientText.escaped(batch.transaction.recipients.get(i).address()));
            }
        }
        if (lines.size() == 1) {
            return SmtpReply.of(530, "5.7.0", "Authentication required");
        }
        return new SmtpReply(250, "2.0.0", lines);
    }
}
