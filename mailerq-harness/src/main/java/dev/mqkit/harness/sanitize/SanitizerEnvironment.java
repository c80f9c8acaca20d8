package dev.mqkit.harness.sanitize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The environment of a runtime JVM that runs sanitized plugins: the sanitizer runtimes in
 * {@code LD_PRELOAD}, and options that let the JVM and the sanitizers live together.
 * <ul>
 * <li>The JVM handles SIGSEGV itself (implicit null checks, safepoint polls, stack banging), SIGBUS (mapped
 * files), SIGFPE (integer division) and SIGILL: {@code handle_segv=0:handle_sigbus=0:handle_sigfpe=0:
 * handle_sigill=0:allow_user_segv_handler=1} leave those signals to it, so a plugin's crash is still the
 * JVM's crash report.</li>
 * <li>Leaks are checked by the runtime after {@code mq_cleanup} ({@code leak_check_at_exit=0}; see the
 * runtime's {@code LeakCheck}), not at exit, so the exit code stays the runtime's.</li>
 * <li>LeakSanitizer's scan of thread-local storage crashes on the JVM's threads: {@code use_tls=0}.</li>
 * <li>The JVM keeps pointers to its own malloc'ed memory where LeakSanitizer does not look (the Java heap,
 * metaspace, the code cache): {@link #SUPPRESSIONS} drops the allocations made through the JVM's own
 * allocator and the JDK's native methods, which never pass through a plugin.</li>
 * <li>UndefinedBehaviorSanitizer prints the stack and the check's name ({@code print_stacktrace=1:
 * report_error_type=1}) and stops at the first error.</li>
 * <li>Every stack frame is printed with its module ({@link StackFrame#FORMAT}), so that
 * {@link SanitizerFindings} can tell a plugin's frames from the JVM's.</li>
 * </ul>
 * Reports go to stderr, which the runtime process writes to {@code stderr.log}.
 */
public final class SanitizerEnvironment {

    /** The JVM's own allocations: LeakSanitizer cannot see what refers to them, and no plugin makes them. */
    public static final String SUPPRESSIONS = String.join("\n",
            "# The JVM's own allocations (mqkit): they are referred to from the Java heap, metaspace and the code",
            "# cache, which LeakSanitizer does not scan, and no plugin makes them.",
            "leak:^os::malloc",
            "leak:^os::realloc",
            "leak:^os::strdup",
            "leak:^JLI_",
            "leak:^Java_java_",
            "leak:^Java_sun_",
            "leak:^Java_jdk_",
            "");

    private static final String SIGNALS_TO_THE_JVM =
            "handle_segv=0:handle_sigbus=0:handle_sigfpe=0:handle_sigill=0:allow_user_segv_handler=1";

    private SanitizerEnvironment() {}

    /**
     * The variables for a runtime process with these runtimes preloaded.
     *
     * @param sanitizers   what the plugins were built with
     * @param runtimes     the runtime libraries, in preload order
     * @param suppressions the file with {@link #SUPPRESSIONS} (see {@link #writeSuppressions})
     * @param symbolizer   llvm-symbolizer, which clang's runtimes need for file and line; gcc's have their own
     */
    public static Map<String, String> of(Sanitizers sanitizers, List<SanitizerRuntime> runtimes, Path suppressions,
                                         Optional<Path> symbolizer) {
        String common = SIGNALS_TO_THE_JVM + ":stack_trace_format='" + StackFrame.FORMAT + "'"
                + symbolizer.map(path -> ":external_symbolizer_path=" + path).orElse("");
        String leaks = sanitizers.checksLeaks() ? "detect_leaks=1:leak_check_at_exit=0" : "detect_leaks=0";
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("LD_PRELOAD", runtimes.stream().map(runtime -> runtime.library().toString())
                .collect(Collectors.joining(":")));
        if (runtimes.stream().anyMatch(runtime -> runtime.sanitizer() == Sanitizer.ADDRESS)) {
            environment.put("ASAN_OPTIONS", common + ":" + leaks);
        }
        if (sanitizers.checksLeaks()) {
            environment.put("LSAN_OPTIONS", common + ":" + leaks + ":use_tls=0:print_suppressions=0"
                    + ":suppressions=" + suppressions.toAbsolutePath());
        }
        if (sanitizers.has(Sanitizer.UNDEFINED)) {
            environment.put("UBSAN_OPTIONS", common + ":print_stacktrace=1:report_error_type=1:halt_on_error=1");
        }
        return environment;
    }

    /** Writes {@link #SUPPRESSIONS} to {@code file}. */
    public static Path writeSuppressions(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, SUPPRESSIONS, StandardCharsets.UTF_8);
        return file;
    }

    /** Every name {@link #of} may set, so that a plain run can clear what a sanitized one left. */
    public static final List<String> NAMES = List.of("LD_PRELOAD", "ASAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS");
}
