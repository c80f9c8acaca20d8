package dev.mqkit.header.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a real C or C++ compiler from a test. Shared objects are built once per
 * build and reused by every test that asks for the same source and flags.
 */
public final class NativeCompiler {

    /** What a compiler run printed and how it ended. */
    public record Result(int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    private static final Map<String, Boolean> AVAILABLE = new ConcurrentHashMap<>();
    private static final Map<Path, Object> BUILD_LOCKS = new ConcurrentHashMap<>();

    private final String command;

    private NativeCompiler(String command) {
        this.command = command;
    }

    /** The compiler named {@code command} ("gcc", "clang++", …), which the test requires. */
    public static NativeCompiler of(String command) {
        require(command);
        return new NativeCompiler(command);
    }

    /** The C compiler the build was told to use (property {@code cc}, default gcc). */
    public static NativeCompiler cc() {
        return of(System.getProperty("cc", "gcc"));
    }

    /** The C++ compiler of the same family as {@link #cc()}. */
    public static NativeCompiler cxx() {
        return of(System.getProperty("cxx", "g++"));
    }

    public String command() {
        return command;
    }

    /** The directory with mailerq.h. */
    public static Path includeDir() {
        return Paths.get(System.getProperty("mqkit.include"));
    }

    /** A fixture under src/test/c. */
    public static Path fixture(String name) {
        return Paths.get(System.getProperty("mqkit.fixtures")).resolve(name);
    }

    /** A scratch directory under target/ for this build's native outputs. */
    public static Path workDir() {
        Path dir = Paths.get(System.getProperty("mqkit.work", "target/native-tests"));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dir, e);
        }
    }

    /**
     * Skips the test when the compiler is missing on a developer machine, and
     * fails it on CI, where .ci/run installs every compiler the tests use.
     */
    public static void require(String command) {
        boolean present = AVAILABLE.computeIfAbsent(command, NativeCompiler::probe);
        if (!present && "true".equals(System.getenv("CI"))) {
            fail(command + " is not installed; .ci/run installs it (apt-get install clang)");
        }
        assumeTrue(present, command + " is not installed; install it to run this test");
    }

    private static boolean probe(String command) {
        try {
            Process process = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs the compiler with these arguments and -I for mailerq.h. */
    public Result run(List<String> arguments) {
        List<String> commandLine = new ArrayList<>();
        commandLine.add(command);
        commandLine.add("-I" + includeDir());
        commandLine.addAll(arguments);
        return exec(commandLine);
    }

    /** Runs any command, returning its merged output. */
    public static Result exec(List<String> commandLine) {
        try {
            Process process = new ProcessBuilder(commandLine).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", commandLine));
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + commandLine.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", commandLine), e);
        }
    }

    /** Compiles source text (written to a file named {@code fileName}) with these flags. */
    public Result compileText(String fileName, String source, List<String> flags) {
        Path file = workDir().resolve("sources").resolve(fileName);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, source);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
        List<String> arguments = new ArrayList<>(flags);
        arguments.add("-c");
        arguments.add(file.toString());
        arguments.add("-o");
        arguments.add(file + ".o");
        return run(arguments);
    }

    /**
     * Builds {@code source} into a shared object with hidden visibility, once:
     * later calls with the same output name reuse it unless the source or a
     * header beside it (which it may include) changed.
     */
    public Path sharedObject(Path source, String outputName, List<String> flags) {
        return sharedObject(source, outputName, flags, List.of());
    }

    /** As {@link #sharedObject(Path, String, List)}, linking {@code libraries} (-l…, -L…) after the source. */
    public Path sharedObject(Path source, String outputName, List<String> flags, List<String> libraries) {
        Path output = workDir().resolve("lib").resolve(outputName);
        synchronized (BUILD_LOCKS.computeIfAbsent(output, key -> new Object())) {
            try {
                if (Files.exists(output) && Files.getLastModifiedTime(output).compareTo(newestInput(source)) > 0) {
                    return output;
                }
                Files.createDirectories(output.getParent());
            } catch (IOException e) {
                throw new IllegalStateException("cannot stat " + output, e);
            }
            List<String> arguments = new ArrayList<>(List.of(
                    "-shared", "-fPIC", "-fvisibility=hidden", "-Wall", "-Wextra", "-Werror", "-g"));
            arguments.addAll(flags);
            arguments.add(source.toString());
            arguments.addAll(libraries);
            arguments.add("-o");
            arguments.add(output.toString());
            Result result = run(arguments);
            if (!result.succeeded()) {
                throw new AssertionError("cannot build " + source + ":\n" + result.output());
            }
            return output;
        }
    }

    /** When the source or the newest header beside it was last changed. */
    private static FileTime newestInput(Path source) throws IOException {
        FileTime newest = Files.getLastModifiedTime(source);
        try (Stream<Path> siblings = Files.list(source.toAbsolutePath().getParent())) {
            for (Path header : siblings.filter(file -> file.getFileName().toString().endsWith(".h")).toList()) {
                FileTime changed = Files.getLastModifiedTime(header);
                if (changed.compareTo(newest) > 0) {
                    newest = changed;
                }
            }
        }
        return newest;
    }

    /** The names a shared object defines in its dynamic symbol table (read with nm -D). */
    public static TreeSet<String> exportedSymbols(Path sharedObject) {
        Result result = exec(List.of("nm", "-D", "--defined-only", sharedObject.toString()));
        if (!result.succeeded()) {
            throw new AssertionError("nm failed on " + sharedObject + ":\n" + result.output());
        }
        TreeSet<String> names = new TreeSet<>();
        for (String line : result.output().split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 3 && "TDBRVW".indexOf(fields[1].charAt(0)) >= 0) {
                names.add(fields[2]);
            }
        }
        return names;
    }
}
