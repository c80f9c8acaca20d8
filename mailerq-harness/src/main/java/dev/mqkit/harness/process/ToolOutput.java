package dev.mqkit.harness.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command-line tool (a compiler, addr2line) to its end and gives what it printed. */
public final class ToolOutput {

    private ToolOutput() {}

    /**
     * Stdout and stderr of {@code command}, run to its end within {@code timeout}.
     *
     * @throws IOException when it cannot be started, fails, or does not end in time (the message says which,
     *                     with the command and its output), or when interrupted
     */
    public static String of(List<String> command, Duration timeout) throws IOException {
        String shown = String.join(" ", command);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run " + shown + ": " + e.getMessage(), e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(shown + " failed: " + output.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + shown, e);
        }
        return output;
    }
}
