package dev.mqkit.harness.sanitize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.api.MailerqRelease;
import dev.mqkit.header.testing.NativeCompiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real sanitizer reports, read back. A plugin built as a sanitized plugin build compiles it (by gcc, and by
 * clang) makes each mistake in a function named like a hook; a program plays the runtime, calling it, and a
 * library named libmqhost.so plays the host's MQ_ functions. They run with {@link SanitizerEnvironment}'s
 * options.
 */
class SanitizerFindingsTest {

    private static final String PLUGIN = """
            #include <limits.h>
            #include <stdlib.h>
            #include <string.h>

            char *MQ_Copy(const char *text);
            char *kept; /* external: the compiler keeps every store to what it points to */
            int total = INT_MAX - 10;

            char *mq_smtp_in_connect(void) {
                char *data = malloc(16); /* CONNECTION DATA */
                strcpy(data, "connection");
                return data;
            }

            int mq_smtp_in_mailfrom(const char *address) {
                size_t size = strlen(address);
                char *copy = malloc(size); /* TOO SMALL */
                memcpy(copy, address, size);
                copy[size] = '\\0'; /* OVERFLOW */
                kept = copy;
                return 0;
            }

            int mq_smtp_in_rcptto(const char *address) {
                total += (int)strlen(address); /* SIGNED OVERFLOW */
                return total;
            }

            int mq_smtp_in_data(const char *mime) {
                kept = MQ_Copy(mime); /* the host's memory, the host's to free */
                kept = NULL;
                return 0;
            }

            int mq_smtp_in_close(char *data) {
                free(data); /* FREED */
                return data[0]; /* USE AFTER FREE */
            }

            int mq_cleanup(char *data) {
                free(data);
                free(data); /* DOUBLE FREE */
                return 0;
            }
            """;

    private static final String HOST_LIBRARY = """
            #include <string.h>
            char *MQ_Copy(const char *text) { return strdup(text); }
            """;

    private static final String RUNTIME = """
            #include <stdlib.h>
            #include <string.h>
            #include <sanitizer/lsan_interface.h>

            char *mq_smtp_in_connect(void);
            int mq_smtp_in_mailfrom(const char *address);
            int mq_smtp_in_rcptto(const char *address);
            int mq_smtp_in_data(const char *mime);
            int mq_smtp_in_close(char *data);
            int mq_cleanup(char *data);
            char *held;

            int main(int argc, char **argv) {
                const char *what = argc > 1 ? argv[1] : "";
                if (!strcmp(what, "overflow")) return mq_smtp_in_mailfrom("sender@example.com");
                if (!strcmp(what, "use-after-free")) return mq_smtp_in_close(mq_smtp_in_connect());
                if (!strcmp(what, "double-free")) return mq_cleanup(mq_smtp_in_connect());
                if (!strcmp(what, "signed")) return mq_smtp_in_rcptto("recipient@example.com");
                mq_smtp_in_connect();
                mq_smtp_in_data("Subject: leaked by the host\\r\\n");
                held = malloc(32); /* the runtime's own leak */
                held = NULL;
                return __lsan_do_recoverable_leak_check();
            }
            """;

    private static final String PLUGIN_FILE = "20-sanitized.so";

    @ParameterizedTest
    @ValueSource(strings = {"gcc", "clang"})
    void eachMistakeIsNamedWithItsKindHookAndLine(String compiler) throws IOException, InterruptedException {
        Path runtime = build(compiler);

        assertFinding(runtime, "overflow", "heap-buffer-overflow in mq_smtp_in_mailfrom of " + PLUGIN_FILE
                + " (AddressSanitizer): WRITE of size 1 at plugin.c:" + line("OVERFLOW") + " (mq_smtp_in_mailfrom)",
                ", 0 bytes to the right of 18-byte region; allocated at plugin.c:" + line("TOO SMALL")
                        + " (mq_smtp_in_mailfrom); keep every read and write inside the block");
        assertFinding(runtime, "use-after-free", "heap-use-after-free in mq_smtp_in_close of " + PLUGIN_FILE
                + " (AddressSanitizer): READ of size 1 at plugin.c:" + line("USE AFTER FREE") + " (mq_smtp_in_close)",
                "; freed at plugin.c:" + line("FREED") + " (mq_smtp_in_close)",
                "; allocated at plugin.c:" + line("CONNECTION DATA") + " (mq_smtp_in_connect)",
                "; do not touch memory after freeing it: free it last, and clear what still points to it "
                        + "(e.g. MQ_setConnectionData(connection, NULL))");
        assertFinding(runtime, "double-free", "double-free in mq_cleanup of " + PLUGIN_FILE
                + " (AddressSanitizer): attempting double-free at plugin.c:" + line("DOUBLE FREE") + " (mq_cleanup)",
                "; free it once");
        assertFinding(runtime, "signed", "signed-integer-overflow in mq_smtp_in_rcptto of " + PLUGIN_FILE
                + " (UndefinedBehaviorSanitizer): runtime error: signed integer overflow: ",
                " cannot be represented in type 'int' at plugin.c:" + line("SIGNED OVERFLOW") + " (mq_smtp_in_rcptto)",
                "; compute in a wider type");

        // LeakSanitizer reports and goes on; of three leaks only the plugin's counts, not the host's or the runtime's
        SanitizerFindings leaks = run(runtime, "leak");
        assertFalse(leaks.stoppedTheRuntime());
        assertEquals(1, leaks.problems().size(), leaks.problems().toString());
        assertTrue(leaks.problems().get(0).startsWith("leak in mq_smtp_in_connect of " + PLUGIN_FILE
                + " (LeakSanitizer): 16 byte(s) in 1 object(s) allocated at plugin.c:" + line("CONNECTION DATA")
                + " (mq_smtp_in_connect) and never freed; free it when done with it: what a connection needs in "
                + "mq_smtp_in_close"), leaks.problems().get(0));
    }

    private static void assertFinding(Path runtime, String mistake, String... parts) {
        SanitizerFindings findings = run(runtime, mistake);
        assertTrue(findings.stoppedTheRuntime(), mistake);
        assertEquals(1, findings.problems().size(), findings.problems().toString());
        String problem = findings.problems().get(0);
        assertTrue(problem.startsWith(parts[0]), problem);
        for (String part : parts) {
            assertTrue(problem.contains(part), "no '" + part + "' in: " + problem);
        }
        assertTrue(problem.endsWith(". Report: " + log(runtime, mistake)), problem);
    }

    /** The plugin as the sanitized build compiles it, the host library and the runtime, in a directory of their own. */
    private static Path build(String compiler) throws IOException, InterruptedException {
        NativeCompiler.require(compiler);
        Path directory = Files.createDirectories(NativeCompiler.workDir().resolve("sanitizer-" + compiler))
                .toAbsolutePath();
        Files.writeString(directory.resolve("plugin.c"), PLUGIN, StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("host.c"), HOST_LIBRARY, StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("runtime.c"), RUNTIME, StandardCharsets.UTF_8);
        Sanitizers sanitizers = Sanitizers.parse("address,undefined");
        compile(directory, List.of(compiler, "-g", "-fPIC", "-shared", "host.c", "-o", "libmqhost.so"));
        // as the plugin build compiles: in the project directory, mapped to "." in the debug information
        List<String> plugin = new ArrayList<>(List.of(compiler, "-std=c11", "-g", "-fPIC", "-shared",
                "-ffile-prefix-map=" + directory + "=."));
        plugin.addAll(sanitizers.compileFlags());
        plugin.addAll(List.of("plugin.c", "-o", PLUGIN_FILE, "-L.", "-lmqhost", "-Wl,-rpath," + directory));
        compile(directory, plugin);
        List<String> runtime = new ArrayList<>(List.of(compiler, "-g", "runtime.c", "-o", "runtime"));
        runtime.addAll(sanitizers.linkFlags());
        runtime.addAll(List.of("-L.", "-l:" + PLUGIN_FILE, "-lmqhost", "-Wl,-rpath," + directory));
        compile(directory, runtime);
        return directory.resolve("runtime");
    }

    private static void compile(Path directory, List<String> command) throws IOException, InterruptedException {
        Process compile = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(compile.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, compile.waitFor(), String.join(" ", command) + "\n" + output);
    }

    private static SanitizerFindings run(Path runtime, String mistake) {
        Path log = log(runtime, mistake);
        Path directory = runtime.getParent();
        try {
            Path suppressions = SanitizerEnvironment.writeSuppressions(directory.resolve("jvm.supp"));
            ProcessBuilder builder = new ProcessBuilder(runtime.toString(), mistake).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(SanitizerEnvironment.of(Sanitizers.parse("address,undefined"), List.of(),
                    suppressions, symbolizer(directory)));
            builder.environment().remove("LD_PRELOAD"); // a program links its sanitizer runtime itself
            builder.start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        // the advice names the functions of the release played: 5.13's here
        return SanitizerFindings.of(SanitizerOutput.read(log), Set.of(PLUGIN_FILE), List.of(), log,
                MailerqRelease.parse("5.13").api());
    }

    private static Path log(Path runtime, String mistake) {
        return runtime.resolveSibling(mistake + ".log");
    }

    /** clang's runtime needs llvm-symbolizer for file and line; gcc's reads them itself. */
    private static Optional<Path> symbolizer(Path directory) {
        if (!directory.getFileName().toString().endsWith("clang")) {
            return Optional.empty();
        }
        Path found = Path.of(NativeCompiler.exec(List.of("clang", "-print-prog-name=llvm-symbolizer")).output().trim());
        return found.isAbsolute() ? Optional.of(found) : Optional.empty();
    }

    private static int line(String marker) {
        List<String> lines = PLUGIN.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("/* " + marker)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(marker);
    }
}
