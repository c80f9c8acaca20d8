package dev.mqkit.maven.coverage;

import dev.mqkit.api.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The tool that reads the counts of the compiler that built the plugin: gcc's {@code gcov} in its JSON
 * intermediate format, or for clang {@code llvm-cov gcov} in gcov's text format (gcc's gcov cannot read clang's
 * notes, and llvm-cov writes no JSON). Both come with their compiler's toolchain (Debian: gcc; llvm), so the
 * reports need nothing else installed. The name follows the compiler's: {@code gcc-12} gives {@code gcov-12},
 * {@code x86_64-linux-gnu-gcc} gives {@code x86_64-linux-gnu-gcov}, {@code clang-14} gives {@code llvm-cov-14}.
 */
public record GcovTool(List<String> command, boolean json) {

    /** The tool for the plugin's {@code linker}, the compiler that linked its coverage build. */
    public static GcovTool forCompiler(String linker) {
        String name = Path.of(linker).getFileName().toString();
        String directory = linker.contains("/") ? Path.of(linker).getParent() + "/" : "";
        if (name.contains("clang") || isClang(linker)) {
            String suffix = name.replaceFirst("^.*?clang(\\+\\+)?", "");
            return new GcovTool(List.of(directory + "llvm-cov" + suffix, "gcov", "-b", "-c", "-m", "-t"), false);
        }
        String gcov = name.matches(".*(gcc|g\\+\\+)(-[\\d.]+)?") ? name.replaceFirst("(gcc|g\\+\\+)(-[\\d.]+)?$", "gcov$2")
                : "gcov";
        return new GcovTool(List.of(directory + gcov, "--json-format", "-b", "-t"), true);
    }

    /** Whether {@code cc} or {@code c++} is clang under another name. */
    private static boolean isClang(String compiler) {
        try {
            return run(List.of(compiler, "--version"), null).contains("clang");
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads the counts of one object (its {@code .gcno} and {@code .gcda} beside it), run in the project. */
    public void read(Path object, Path basedir, CoverageBuilder builder) throws IOException {
        List<String> args = new ArrayList<>(command);
        args.add(object.toString());
        String output = run(args, basedir);
        if (json) {
            for (String document : output.split("\n")) {
                if (!document.isBlank()) {
                    GcovJson.read(Json.MAPPER.readTree(document), builder);
                }
            }
        } else {
            GcovText.read(output, builder);
        }
    }

    private static String run(List<String> args, Path directory) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(args).redirectError(ProcessBuilder.Redirect.DISCARD);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException(args.get(0) + " cannot be run (" + e.getMessage() + "): it reads the counts, and "
                    + "comes with gcc (Debian: gcc) or, for clang, with LLVM (Debian: llvm)", e);
        }
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
            try {
                return process.getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            int exit = process.waitFor();
            String text = new String(output.join(), StandardCharsets.UTF_8);
            if (exit != 0) {
                throw new IOException(String.join(" ", args) + " exited with " + exit);
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new IOException("interrupted while running " + args.get(0), e);
        }
    }
}
