package dev.mqkit.runtime.control;

import dev.mqkit.api.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * The writing side of the crash log ({@link dev.mqkit.api.harness.CrashLog}): {@link HookTrace} appends every
 * change (a plugin loaded, a call begun, returned or handed back, bytes sent, a violation) as one JSON line,
 * each with one write(2), and libmqhost's crash handler ({@link dev.mqkit.runtime.host.CrashHandler}) appends
 * the signal and the native frames of a crash in plugin code. For test runs only: it costs a write per event.
 * The runtime deletes it when it stops gracefully.
 */
public final class CrashJournal implements AutoCloseable {

    private final FileChannel channel;

    private CrashJournal(FileChannel channel) {
        this.channel = channel;
    }

    /** Creates (or truncates) the file. */
    public static CrashJournal open(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.deleteIfExists(file);
            return new CrashJournal(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the crash log " + file, e);
        }
    }

    /** Appends {@code {"KIND": record}} as one line. */
    void append(String kind, Object record) {
        String line;
        try {
            line = Json.MAPPER.writeValueAsString(Map.of(kind, record)) + "\n";
        } catch (IOException e) {
            return; // a test aid: losing a record must not disturb the runtime
        }
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            // as above
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
