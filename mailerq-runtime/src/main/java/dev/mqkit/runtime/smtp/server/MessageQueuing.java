package dev.mqkit.runtime.smtp.server;

import dev.mqkit.runtime.queue.QueuesUnavailableException;
import dev.mqkit.runtime.smtp.ClientText;
import dev.mqkit.runtime.smtp.LosslessUtf8;
import dev.mqkit.runtime.smtp.ReceivedBody;
import dev.mqkit.runtime.smtp.SmtpReply;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What becomes of an accepted DATA body on one connection: the data hook, then every recipient's
 * message ({@link IncomingMessages}) through the message hook in recipient order, then each
 * published in that order; then the reply to the body. That is a 250 naming the id each
 * recipient was queued under, a hook's refusal (451 for a hook that failed), or 451 when
 * publishing failed, after which the messages of earlier recipients may have been published.
 * The body, and the in-flight budget and spool file it holds, is let go once the reply is known.
 */
final class MessageQueuing {
    private static final System.Logger LOG = System.getLogger(MessageQueuing.class.getName());

    /** One body's messages on their way, with the ids they are queued under. */
    private record Batch(MailTransaction transaction, List<String> ids, List<Publication> messages,
                         Consumer<SmtpReply> done) {
    }

    private final SmtpServerContext server;
    private final SmtpSession session;
    private final HookStages stages;

    MessageQueuing(SmtpServerContext server, SmtpSession session, HookStages stages) {
        this.server = server;
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
            try (ReceivedBody.Mapped bytes = body.map()) {
                mime = LosslessUtf8.toText(bytes.buffer());
            }
            IncomingMessages incoming = new IncomingMessages(session, server.settings().hostname(), Instant.now(),
                    transaction.sender, mime);
            Batch batch = new Batch(transaction, new ArrayList<>(), new ArrayList<>(), released);
            for (String recipient : transaction.recipients) {
                String id = QueueIds.next();
                batch.ids.add(id);
                batch.messages.add(Publication.inbox(incoming.forRecipient(recipient, id)));
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
        stages.await(() -> server.hooks().message(session, message.json()), (changed, failure) -> {
            if (failure != null) {
                batch.done.accept(stages.failureReply(failure, "message"));
                return;
            }
            batch.messages.set(index, changed == null ? message : changed);
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
                Throwable cause = HookStages.unwrap(failure);
                // a broker that is down is logged once by the queues, not for every message
                LOG.log(cause instanceof QueuesUnavailableException ? Level.DEBUG : Level.WARNING, session
                        + ": publishing failed after " + index + " of " + batch.messages.size() + " messages", cause);
                batch.done.accept(SmtpReply.of(451, "4.3.0", "Message could not be queued, try again later"));
                return;
            }
            publish(batch, index + 1);
        });
    }

    private static SmtpReply queued(Batch batch) {
        List<String> lines = new ArrayList<>();
        lines.add("Ok, your message has been queued using the following identifiers:");
        for (int i = 0; i < batch.ids.size(); i++) {
            lines.add(batch.ids.get(i) + " for " + ClientText.escaped(batch.transaction.recipients.get(i)));
        }
        return new SmtpReply(250, "2.0.0", lines);
    }
}
