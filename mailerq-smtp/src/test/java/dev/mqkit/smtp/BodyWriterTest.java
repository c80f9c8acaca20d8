package dev.mqkit.smtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bodies in memory while small, in a spool file past the threshold, always within the budget. */
class BodyWriterTest {
    @TempDir
    Path spool;

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static ReceivedBody write(BodyStorage storage, byte[] bytes) {
        BodyWriter writer = storage.newBody();
        for (byte b : bytes) {
            writer.write(b);
        }
        return writer.finish();
    }

    private long spoolFiles() throws Exception {
        try (Stream<Path> files = Files.list(spool)) {
            return files.count();
        }
    }

    @Test
    void aSmallBodyStaysInMemoryAndHoldsOnlyItsBytesOfTheBudget() throws Exception {
        InflightBudget budget = new InflightBudget(1 << 20);
        byte[] bytes = random(1000);
        try (ReceivedBody body = write(new BodyStorage(4096, spool, budget), bytes)) {
            assertFalse(body.spooled());
            assertArrayEquals(bytes, body.bytes());
            assertEquals(1000, budget.used());
            assertEquals(0, spoolFiles());
        }
        assertEquals(0, budget.used());
    }

    @Test
    void aLargeBodyGoesToASpoolFileThatCloseDeletes() throws Exception {
        InflightBudget budget = new InflightBudget(16 << 20);
        byte[] bytes = random(3 << 20);
        ReceivedBody body = write(new BodyStorage(64 * 1024, spool, budget), bytes);
        assertTrue(body.spooled());
        assertEquals(1, spoolFiles());
        assertEquals(bytes.length, body.size());
        assertArrayEquals(bytes, body.bytes());
        try (ReceivedBody.Mapped mapped = body.map()) {
            assertTrue(mapped.direct());
            assertEquals(bytes.length, mapped.buffer().remaining());
        }
        body.close();
        assertEquals(0, spoolFiles());
        assertEquals(0, budget.used());
    }

    @Test
    void aBodyBeyondTheBudgetIsDroppedAndGivesBackWhatItTook() throws Exception {
        InflightBudget budget = new InflightBudget(256 * 1024);
        BodyWriter writer = new BodyStorage(64 * 1024, spool, budget).newBody();
        for (byte b : random(1 << 20)) {
            writer.write(b);
        }
        assertTrue(writer.overBudget());
        assertNull(writer.finish());
        assertEquals(0, budget.used());
        assertEquals(0, spoolFiles());
    }

    @Test
    void aBodyCutOffByItsConnectionLeavesNothing() throws Exception {
        InflightBudget budget = new InflightBudget(16 << 20);
        BodyWriter writer = new BodyStorage(4096, spool, budget).newBody();
        for (byte b : random(100_000)) {
            writer.write(b);
        }
        assertEquals(1, spoolFiles());
        writer.discard();
        assertEquals(0, spoolFiles());
        assertEquals(0, budget.used());
    }
}
