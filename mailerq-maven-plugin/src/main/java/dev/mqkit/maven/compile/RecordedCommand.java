package dev.mqkit.maven.compile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The command line that last made an output, kept in a file beside it, so
 * that a changed flag, define, include path or compiler makes the output
 * stale. Each object keeps its own ({@code <object>.cmd}), the plugin
 * {@code link.cmd}.
 */
final class RecordedCommand {

    private final Path file;

    RecordedCommand(Path file) {
        this.file = file;
    }

    /** Whether the output was made by exactly {@code arguments}. */
    boolean matches(List<String> arguments) throws IOException {
        return Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text(arguments));
    }

    /**
     * Runs the command and records it if it succeeds. The old record goes
     * first: an interrupted or failed run must run again next time.
     */
    ProcessRunner.Outcome run(List<String> arguments, Path directory) throws IOException {
        Files.deleteIfExists(file);
        ProcessRunner.Outcome outcome = ProcessRunner.run(arguments, directory);
        if (outcome.succeeded()) {
            Files.writeString(file, text(arguments), StandardCharsets.UTF_8);
        }
        return outcome;
    }

    private static String text(List<String> arguments) {
        return String.join("\n", arguments) + "\n";
    }
}
