package dev.mqkit.harness.sanitize;

import dev.mqkit.harness.process.ToolOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sanitizer runtimes a plugin built by a compiler needs preloaded, found by asking that compiler
 * ({@code gcc -print-file-name=libasan.so}, {@code clang -print-file-name=libclang_rt.asan-x86_64.so}), so
 * that they are the very ones it built against. gcc has one runtime per sanitizer; clang's AddressSanitizer
 * runtime includes UndefinedBehaviorSanitizer and LeakSanitizer (and clang has no shared LeakSanitizer
 * runtime of its own, so {@code leak} alone runs on it too).
 */
public final class SanitizerRuntimes {

    private SanitizerRuntimes() {}

    /**
     * @param compiler the compiler that linked the sanitized plugin
     * @throws IOException naming the compiler, the library it lacks and what to install
     */
    public static List<SanitizerRuntime> of(String compiler, Sanitizers sanitizers) throws IOException {
        List<SanitizerRuntime> runtimes = new ArrayList<>();
        if (isClang(compiler)) {
            String arch = ask(compiler, "-dumpmachine").split("-")[0].replaceFirst("^i[3-6]86$", "i386");
            if (sanitizers.checksLeaks()) {
                runtimes.add(find(compiler, Sanitizer.ADDRESS, "libclang_rt.asan-" + arch + ".so"));
            } else if (sanitizers.has(Sanitizer.UNDEFINED)) {
                runtimes.add(find(compiler, Sanitizer.UNDEFINED, "libclang_rt.ubsan_standalone-" + arch + ".so"));
            }
            return runtimes;
        }
        if (sanitizers.has(Sanitizer.ADDRESS)) {
            runtimes.add(find(compiler, Sanitizer.ADDRESS, "libasan.so"));
        } else if (sanitizers.has(Sanitizer.LEAK)) {
            runtimes.add(find(compiler, Sanitizer.LEAK, "liblsan.so"));
        }
        if (sanitizers.has(Sanitizer.UNDEFINED)) {
            runtimes.add(find(compiler, Sanitizer.UNDEFINED, "libubsan.so"));
        }
        return runtimes;
    }

    /** llvm-symbolizer beside clang, which clang's runtimes need for files and lines; gcc's read them themselves. */
    public static Optional<Path> symbolizer(String compiler) throws IOException {
        if (!isClang(compiler)) {
            return Optional.empty();
        }
        Path found = Path.of(ask(compiler, "-print-prog-name=llvm-symbolizer"));
        return found.isAbsolute() && Files.isExecutable(found) ? Optional.of(found) : Optional.empty();
    }

    private static boolean isClang(String compiler) throws IOException {
        return ask(compiler, "--version").contains("clang");
    }

    private static SanitizerRuntime find(String compiler, Sanitizer sanitizer, String library) throws IOException {
        Path found = Path.of(ask(compiler, "-print-file-name=" + library));
        if (!found.isAbsolute() || !Files.exists(found)) {
            throw new IOException(compiler + " has no " + library + " (" + compiler + " -print-file-name=" + library
                    + " finds none), the " + sanitizer.tool() + " runtime that a plugin built with -fsanitize="
                    + sanitizer.flagName() + " needs: install it (on Debian 12 "
                    + (library.startsWith("libclang_rt") ? "libclang-rt-14-dev" : "libasan8, liblsan0 or libubsan1")
                    + ") or leave " + sanitizer.flagName() + " out of mailerq.sanitize");
        }
        return new SanitizerRuntime(sanitizer, found.normalize());
    }

    /** The first line the compiler prints for these arguments. */
    private static String ask(String compiler, String argument) throws IOException {
        return ToolOutput.of(List.of(compiler, argument), Duration.ofSeconds(60)).lines().findFirst().orElse("").trim();
    }
}
