package dev.mqkit.smtp;

import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A DATA body as received, byte for byte (dot-stuffing undone): in memory, or in a spool file
 * that only {@link #map()} brings into the process, outside the heap. It holds its share of the
 * {@link InflightBudget} until {@link #close()}, which also deletes the spool file.
 */
public final class ReceivedBody implements AutoCloseable {
    private final byte[] memory;
    private final Path file;
    private final long size;
    private final InflightBudget budget;
    private long taken;

    private ReceivedBody(byte[] memory, Path file, long size, InflightBudget budget, long taken) {
        this.memory = memory;
        this.file = file;
        this.size = size;
        this.budget = budget;
        this.taken = taken;
    }

    /** A body kept in memory, owning {@code taken} bytes of {@code budget}. */
    static ReceivedBody inMemory(byte[] body, InflightBudget budget, long taken) {
        return new ReceivedBody(body, null, body.length, budget, taken);
    }

    /** A body of {@code size} bytes in {@code file}, followed there by one NUL byte. */
    static ReceivedBody spooled(Path file, long size, InflightBudget budget, long taken) {
        return new ReceivedBody(null, file, size, budget, taken);
    }

    /** A body made by the program (tests, a sink), outside any budget. */
    public static ReceivedBody of(byte[] body) {
        return inMemory(body, InflightBudget.UNLIMITED, 0);
    }

    /** The size in bytes. */
    public long size() {
        return size;
    }

    /** Whether the body is in a spool file rather than in memory. */
    public boolean spooled() {
        return file != null;
    }

    /** The whole body in a new array in the heap: for small bodies and tests. */
    public byte[] bytes() {
        if (memory != null) {
            return memory.clone();
        }
        try (Mapped mapped = map()) {
            byte[] copy = new byte[Math.toIntExact(size)];
            mapped.buffer().get(copy);
            return copy;
        }
    }

    /**
     * The body as a read-only buffer: the array wrapped, or the spool file mapped into memory
     * (followed by a NUL byte past its limit, for C hooks). Close it to unmap the file.
     */
    public Mapped map() {
        if (memory != null) {
            return new Mapped(ByteBuffer.wrap(memory).asReadOnlyBuffer(), null);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size + 1);
            return new Mapped(mapped.slice(0, Math.toIntExact(size)), mapped);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spool file " + file, e);
        }
    }

    /** Gives back the budget and deletes the spool file; the body is gone afterwards. */
    @Override
    public synchronized void close() {
        budget.giveBack(taken);
        taken = 0;
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover file in the spool directory is all that remains of it
            }
        }
    }

    /** A view of the body's bytes; closing it unmaps a spool file at once instead of at some GC. */
    public static final class Mapped implements AutoCloseable {
        private final ByteBuffer buffer;
        private final ByteBuffer mapping;

        private Mapped(ByteBuffer buffer, ByteBuffer mapping) {
            this.buffer = buffer;
            this.mapping = mapping;
        }

        /** The body's bytes, position 0 to limit. */
        public ByteBuffer buffer() {
            return buffer.duplicate();
        }

        /** Whether the bytes are outside the heap, in a mapped file followed by a NUL byte. */
        public boolean direct() {
            return mapping != null;
        }

        @Override
        public void close() {
            if (mapping != null) {
                PlatformDependent.freeDirectBuffer(mapping);
            }
        }
    }

    @Override
    public String toString() {
        return "ReceivedBody[" + size + " bytes" + (file != null ? " in " + file : "") + "]";
    }
}
