package dev.mqkit.maven.coverage;

import dev.mqkit.maven.compile.Language;
import dev.mqkit.maven.compile.SourceFile;
import dev.mqkit.maven.io.FileContent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which runtime processes lost their counts. gcov's runtime writes a process's counts when it ends through
 * {@code exit()}; a process that crashed or was killed writes none, and nothing in the counts says so. The
 * coverage build therefore gets one more source, {@code runs.c} (a resource), whose constructor leaves a file
 * named after the process's pid in {@code runs/} and whose destructor, which runs from {@code exit()} as gcov's
 * does, removes it: the files left over after the runs are the processes whose counts are missing.
 */
public final class CoverageRuns {

    private CoverageRuns() {
    }

    /** The source to compile into the coverage build in {@code directory}, written there. */
    public static SourceFile source(Path directory) throws IOException {
        String template;
        try (InputStream in = CoverageRuns.class.getResourceAsStream("runs.c")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String runs = directory.resolve("runs").toAbsolutePath().toString()
                .replace("\\", "\\\\").replace("\"", "\\\"");
        Path source = directory.resolve("runs.c");
        Files.createDirectories(directory.resolve("runs"));
        FileContent.writeIfChanged(source, template.replace("@RUNS@", runs).getBytes(StandardCharsets.UTF_8));
        return new SourceFile(source.toAbsolutePath(), Language.C, "mqkit-runs.c.o");
    }

    /** Forgets the processes of earlier runs, as their counts are removed. */
    public static void clear(Path directory) throws IOException {
        for (Path run : runs(directory)) {
            Files.delete(run);
        }
    }

    /** The processes that loaded the coverage build and ended without writing their counts. */
    public static List<String> lost(Path directory) throws IOException {
        List<String> lost = new ArrayList<>();
        for (Path run : runs(directory)) {
            String pid = run.getFileName().toString();
            if (pid.matches("\\d+") && ProcessHandle.of(Long.parseLong(pid)).isPresent()) {
                continue; // still running (mailerq:run): its counts come when it ends
            }
            String started = Files.readString(run, StandardCharsets.US_ASCII).trim();
            lost.add("the runtime process " + pid + (started.matches("\\d+")
                    ? " started at " + Instant.ofEpochSecond(Long.parseLong(started)) : ""));
        }
        return lost;
    }

    private static List<Path> runs(Path directory) throws IOException {
        Path runs = directory.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(runs)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
