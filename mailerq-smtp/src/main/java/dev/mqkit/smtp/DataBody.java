package dev.mqkit.smtp;

import io.netty.buffer.ByteBuf;

/**
 * One DATA body as it arrives, for {@link SmtpInputDecoder}: {@link DotStuffing.Unstuffer} undoes
 * the stuffing and finds the end, the size is counted against {@code maxMessageSize} (past it the
 * body is counted on but no longer kept), the {@link BodyWriter} keeps it in memory or a spool file
 * within the in-flight budget, and the first {@link SmtpInput.DataProblem} found is remembered. The
 * body is always read to its end, so that the session can refuse it and go on.
 */
final class DataBody implements DotStuffing.Output {
    private final long maxMessageSize;
    private final DotStuffing.Unstuffer unstuffer = new DotStuffing.Unstuffer();
    private final BodyWriter writer;
    private long size;
    private SmtpInput.DataProblem problem;

    DataBody(long maxMessageSize, BodyStorage storage) {
        this.maxMessageSize = maxMessageSize;
        this.writer = storage.newBody();
    }

    /**
     * Reads the body's bytes from {@code in}; call again with more bytes until it returns true.
     *
     * @return whether the body ended; {@code in} then stands right after its terminating line
     */
    boolean read(ByteBuf in) {
        return unstuffer.read(in, this);
    }

    @Override
    public void write(byte b) {
        size++;
        if (size > maxMessageSize) {
            // counted on, not kept
            flag(SmtpInput.DataProblem.TOO_BIG);
            writer.drop();
        } else {
            writer.write(b);
            if (writer.overBudget()) {
                flag(SmtpInput.DataProblem.NO_STORAGE);
            }
        }
    }

    @Override
    public void flag(SmtpInput.DataProblem found) {
        if (problem == null) {
            problem = found;
        }
    }

    /** The body once it ended: kept, or null with the problem why not. */
    SmtpInput.Data finish() {
        ReceivedBody kept = writer.finish();
        if (problem == null && kept == null) {
            problem = SmtpInput.DataProblem.NO_STORAGE;
        }
        return new SmtpInput.Data(kept, size, problem);
    }

    /** The connection went away in the middle of the body: its spool file and budget go too. */
    void discard() {
        writer.discard();
    }
}
