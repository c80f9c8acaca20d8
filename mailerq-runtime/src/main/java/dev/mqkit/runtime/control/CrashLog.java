package dev.mqkit.runtime.control;

import dev.mqkit.runtime.host.Hook;
import dev.mqkit.runtime.host.HookArguments;
import dev.mqkit.runtime.host.HookObserver;
import dev.mqkit.runtime.host.Plugin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends {@code call WORKER PLUGIN HOOK} before every hook call and
 * {@code back WORKER} after it returns, each with one write(2), so the lines
 * are in the file even when the plugin then crashes the process. A worker
 * whose last line is a {@code call} was inside that hook. For test runs only:
 * it costs two writes per call.
 */
public final class CrashLog implements HookObserver, AutoCloseable {

    private final FileChannel channel;

    private CrashLog(FileChannel channel) {
        this.channel = channel;
    }

    /** Creates (or truncates) the file. */
    public static CrashLog open(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.deleteIfExists(file);
            return new CrashLog(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the crash log " + file, e);
        }
    }

    @Override
    public void calling(Plugin plugin, Hook hook, int worker, HookArguments arguments) {
        write("call " + worker + " " + plugin.name() + " " + hook.symbol() + "\n");
    }

    /** {@code mq_initialize} and {@code mq_cleanup} run outside the workers: worker -1. */
    @Override
    public void callingGlobal(Plugin plugin, String function) {
        write("call -1 " + plugin.name() + " " + function + "\n");
    }

    @Override
    public void returnedGlobal(Plugin plugin, String function, long nanos) {
        write("back -1\n");
    }

    @Override
    public void returned(Plugin plugin, Hook hook, int worker, boolean tookControl, long nanos) {
        write("back " + worker + "\n");
    }

    private void write(String line) {
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            // a test aid: losing it must not disturb the runtime
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

    /** A hook a worker was inside when the log ended. */
    public record InHook(int worker, String plugin, String hook) {
        @Override
        public String toString() {
            return "in " + hook + " of " + plugin + (worker < 0 ? "" : " (worker " + worker + ")");
        }
    }

    /** Reads a crash log: the hooks that were called and had not returned when it ends. */
    public static List<InHook> inHooks(Path file) {
        List<String> lines;
        try {
            lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            return List.of();
        }
        Map<Integer, InHook> last = new LinkedHashMap<>();
        for (String line : lines) {
            String[] words = line.split(" ");
            try {
                if (words.length == 4 && words[0].equals("call")) {
                    last.put(Integer.parseInt(words[1]), new InHook(Integer.parseInt(words[1]), words[2], words[3]));
                } else if (words.length == 2 && words[0].equals("back")) {
                    last.remove(Integer.parseInt(words[1]));
                }
            } catch (NumberFormatException e) {
                // a line cut by the crash
            }
        }
        return new ArrayList<>(last.values());
    }
}
