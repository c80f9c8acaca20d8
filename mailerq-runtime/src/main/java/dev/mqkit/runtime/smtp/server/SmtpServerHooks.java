package dev.mqkit.runtime.smtp.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.smtp.ReceivedBody;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the server waits for before it answers. Each stage may complete on any thread; the server
 * continues on the channel's event loop.
 *
 * <p>A stage that completes exceptionally with a {@link SmtpRejectionException} makes the server
 * send that exception's reply instead of its own (for {@code mailFrom}, {@code rcptTo},
 * {@code data} and {@code message} the command is then refused). Any other exception is answered
 * with {@code 451 4.3.0} ({@code 421 4.3.0} and a closed connection for {@code connect} and
 * {@code secure}).
 */
public interface SmtpServerHooks {
    /** After accept, BEFORE the 220 greeting. */
    CompletionStage<Void> connect(SmtpSession session);

    /** After the TLS handshake (STARTTLS or implicit TLS port). */
    CompletionStage<Void> secure(SmtpSession session);

    /**
     * configVerdict: null when smtp-username is not configured, else whether the credentials
     * match it. Returns the final verdict (235 or 535).
     */
    CompletionStage<Boolean> authenticate(SmtpSession session, String login, String password, Boolean configVerdict);

    /** After a syntactically valid MAIL FROM, before its 250. */
    CompletionStage<Void> mailFrom(SmtpSession session, String address);

    /** After a valid RCPT TO, before its 250. */
    CompletionStage<Void> rcptTo(SmtpSession session, String address);

    /**
     * After the final dot: the body as received, un-dot-stuffed, maybe in a spool file; it stays
     * open until the stage completed.
     */
    CompletionStage<Void> data(SmtpSession session, ReceivedBody body);

    /**
     * Once per recipient, with the JSON that will be published and whether it is local (its
     * recipient is on local-addresses); returns what to publish: the JSON (maybe changed), and
     * whether it is local (a plugin may make it local or not).
     */
    CompletionStage<Publication> message(SmtpSession session, Publication message);

    /** After the connection is gone (also when the client just drops). */
    CompletionStage<Void> close(SmtpSession session);

    /** Completes everything at once; authenticate returns configVerdict != null && configVerdict. */
    SmtpServerHooks NONE = new SmtpServerHooks() {
        private final CompletionStage<Void> done = CompletableFuture.completedFuture(null);

        @Override
        public CompletionStage<Void> connect(SmtpSession session) {
            return done;
        }

        @Override
        public CompletionStage<Void> secure(SmtpSession session) {
            return done;
        }

        @Override
        public CompletionStage<Boolean> authenticate(SmtpSession session, String login, String password, Boolean configVerdict) {
            return CompletableFuture.completedFuture(configVerdict != null && configVerdict);
        }

        @Override
        public CompletionStage<Void> mailFrom(SmtpSession session, String address) {
            return done;
        }

        @Override
        public CompletionStage<Void> rcptTo(SmtpSession session, String address) {
            return done;
        }

        @Override
        public CompletionStage<Void> data(SmtpSession session, ReceivedBody body) {
            return done;
        }

        @Override
        public CompletionStage<Publication> message(SmtpSession session, Publication message) {
            return CompletableFuture.completedFuture(message);
        }

        @Override
        public CompletionStage<Void> close(SmtpSession session) {
            return done;
        }
    };
}
