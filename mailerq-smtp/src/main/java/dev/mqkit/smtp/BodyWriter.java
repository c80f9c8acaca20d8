package dev.mqkit.smtp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Takes one DATA body byte by byte as it arrives and keeps it: in memory while it is small, in a
 * spool file once it passes the threshold of its {@link BodyStorage}, so that no connection holds
 * a large body in the heap. Every byte kept is taken from the storage's {@link InflightBudget}
 * first; a body that does not fit stops being kept ({@link #overBudget()}) and is only counted.
 * One writer per body, on one thread.
 */
public final class BodyWriter {
    private static final System.Logger LOG = System.getLogger(BodyWriter.class.getName());
    /** The budget is taken and the file written in steps of this many bytes. */
    private static final int CHUNK = 64 * 1024;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final BodyStorage storage;
    private byte[] buffer = new byte[512];
    private int buffered;
    private long kept;
    private long taken;
    private Path file;
    private FileChannel channel;
    private boolean overBudget;
    private boolean dropped;

    BodyWriter(BodyStorage storage) {
        this.storage = storage;
    }

    /** The next byte of the body. */
    public void write(byte b) {
        if (dropped) {
            return;
        }
        if (kept == taken && !takeBudget()) {
            return;
        }
        if (buffered == buffer.length) {
            makeRoom();
            if (dropped) {
                return;
            }
        }
        buffer[buffered++] = b;
        kept++;
    }

    /** Stops keeping the body (it is too big, or it will be refused anyway); what it took is given back. */
    public void drop() {
        if (!dropped) {
            dropped = true;
            discard();
        }
    }

    /** Whether bytes had to be dropped because the in-flight budget was used up or the spool failed. */
    public boolean overBudget() {
        return overBudget;
    }

    /**
     * The body as kept, which now owns the budget taken and the spool file; null when it was
     * dropped or could not be written (then {@link #overBudget()}).
     */
    public ReceivedBody finish() {
        if (dropped) {
            return null;
        }
        try {
            if (channel == null) {
                // a small body stays in memory: its exact bytes, and the budget of those only
                storage.budget().giveBack(taken - kept);
                return ReceivedBody.inMemory(Arrays.copyOf(buffer, buffered), storage.budget(), kept);
            }
            // a NUL after the body, not counted in its size: hooks get a C string
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length, buffered + 1));
            buffer[buffered++] = 0;
            flush();
            channel.close();
            channel = null;
            return ReceivedBody.spooled(file, kept, storage.budget(), taken);
        } catch (IOException e) {
            spoolFailed(e);
            return null;
        }
    }

    /** The connection is gone before the end of the body: forget it. */
    public void discard() {
        storage.budget().giveBack(taken);
        taken = 0;
        kept = 0;
        buffer = new byte[0];
        buffered = 0;
        try {
            if (channel != null) {
                channel.close();
            }
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a leftover file in the spool directory is all that remains of it
        } finally {
            channel = null;
            file = null;
        }
    }

    private void spoolFailed(IOException e) {
        LOG.log(System.Logger.Level.WARNING, "cannot write a spool file in " + storage.spoolDirectory()
                + ": " + e + "; the message is refused with 452");
        overBudget = true;
        drop();
    }

    private boolean takeBudget() {
        if (!storage.budget().tryTake(CHUNK)) {
            overBudget = true;
            drop();
            return false;
        }
        taken += CHUNK;
        return true;
    }

    private void makeRoom() {
        if (channel == null && buffer.length < storage.spoolThreshold() && buffer.length < MAX_ARRAY) {
            // still under the threshold: grow in memory
            buffer = Arrays.copyOf(buffer, (int) Math.min(MAX_ARRAY, Math.min(storage.spoolThreshold(), buffer.length * 2L)));
            return;
        }
        try {
            if (channel == null) {
                Files.createDirectories(storage.spoolDirectory());
                file = Files.createTempFile(storage.spoolDirectory(), "mqkit-body-", ".eml");
                channel = FileChannel.open(file, StandardOpenOption.WRITE);
            }
            flush();
            if (buffer.length != CHUNK) {
                buffer = new byte[CHUNK];
            }
        } catch (IOException e) {
            spoolFailed(e);
        }
    }

    private void flush() throws IOException {
        ByteBuffer out = ByteBuffer.wrap(buffer, 0, buffered);
        while (out.hasRemaining()) {
            channel.write(out);
        }
        buffered = 0;
    }
}
