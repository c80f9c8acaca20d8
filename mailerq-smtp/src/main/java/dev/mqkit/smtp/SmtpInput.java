package dev.mqkit.smtp;

/** What {@link SmtpInputDecoder} hands to the session: one command line, or one whole DATA body. */
public sealed interface SmtpInput {

    /** A command line (or an AUTH response) without its line end. */
    record Line(String text) implements SmtpInput {
    }

    /** A command line longer than the limit; its bytes were discarded up to its line end. */
    record LineTooLong(int limit) implements SmtpInput {
    }

    /**
     * The body of a DATA command up to (not including) the terminating {@code CRLF.CRLF}, with
     * dot-stuffing undone.
     *
     * @param body    the body as kept (the receiver closes it), or null when it was too big or did
     *                not fit the in-flight budget
     * @param size    the body's size in bytes, counted while streaming even when not kept
     * @param problem why the body must be refused, or null
     */
    record Data(ReceivedBody body, long size, DataProblem problem) implements SmtpInput {
    }

    /** Why a DATA body is refused even though it was read to its end. */
    enum DataProblem {
        TOO_BIG,
        /** The server's in-flight budget was used up while it arrived. */
        NO_STORAGE,
        BARE_LINE_FEED,
        BARE_CARRIAGE_RETURN,
        NUL
    }
}
