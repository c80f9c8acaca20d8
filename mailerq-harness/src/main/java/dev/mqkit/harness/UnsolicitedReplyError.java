package dev.mqkit.harness;

/**
 * The SMTP server sent a reply that no command asked for: from then on the client reads each reply as the
 * answer to the wrong command. {@link SmtpClient} throws it when it finds one, before it sends the next
 * command, after QUIT and when it is closed; the message explains and shows the transcript.
 */
public final class UnsolicitedReplyError extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final String reply;
    private final String explanation;

    UnsolicitedReplyError(String reply, String explanation, String transcript) {
        super(explanation + "\n" + transcript);
        this.reply = reply;
        this.explanation = explanation;
    }

    /** The reply no command asked for, e.g. {@code 250 2.1.0 Ok}. */
    public String reply() {
        return reply;
    }

    /** What happened, without the transcript. */
    public String explanation() {
        return explanation;
    }
}
