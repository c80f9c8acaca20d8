package dev.mqkit.runtime.smtp.server;

import dev.mqkit.smtp.SmtpReply;

/**
 * Completes a hook stage exceptionally to refuse the command with a reply of the hook's choosing,
 * for example {@code 550 5.7.1} for a recipient a plugin does not want.
 */
public final class SmtpRejectionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient SmtpReply reply;

    public SmtpRejectionException(SmtpReply reply) {
        super(reply.toString(), null, false, false);
        this.reply = reply;
    }

    public SmtpReply reply() {
        return reply;
    }
}
