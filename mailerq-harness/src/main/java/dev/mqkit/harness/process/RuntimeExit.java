package dev.mqkit.harness.process;

import dev.mqkit.api.harness.CrashLog;
import dev.mqkit.api.harness.Trace;
import dev.mqkit.api.harness.TraceCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How a runtime process ended, read from its exit code, its last output, the JVM's error file and the
 * crash log: the signal, the plugin and hook that were running, the plugin's native frames with their
 * source lines, and the JVM's fatal error banner, which is kept apart from the output.
 *
 * @param code      its exit value (128+N after signal N)
 * @param signal    the signal that ended it, e.g. SIGSEGV (for a crash the JVM caught, the signal it
 *                  reported), or null
 * @param crashed   whether it died of a signal it did not ask for (not after {@link RuntimeProcess#stop} killed it)
 * @param killed    whether {@link RuntimeProcess#stop}, {@link RuntimeProcess#kill} or {@link RuntimeProcess#close}
 *                  had to kill it
 * @param inHooks   the hooks that were being called when it ended (from the crash log)
 * @param frame     the JVM's "problematic frame" line of a crash, or null
 * @param backtrace the native frames of the crash, symbolized, or null when none is known
 * @param jvmBanner the JVM's fatal error banner ({@code # A fatal error has been detected ...}), or empty
 * @param errorFile the JVM's error report ({@code hs_err_pid*.log}), or null when it wrote none
 * @param lastLines the last lines of its output, without the banner
 * @param running   which plugin code the host had called when it crashed ({@code a hook},
 *                  {@code an I/O watch callback}, {@code a timer callback}), from libmqhost's bookkeeping; or null
 */
public record RuntimeExit(int code, String signal, boolean crashed, boolean killed, List<CrashLog.InHook> inHooks,
                          String frame, NativeBacktrace backtrace, List<String> jvmBanner, Path errorFile,
                          List<String> lastLines, String running) {

    /** The JVM's error file in the work directory ({@code -XX:ErrorFile}, %p being the pid). */
    static final String ERROR_FILE = "hs_err_pid%p.log";

    private static final Pattern JVM_SIGNAL = Pattern.compile("#\\s+(SIG[A-Z]+) \\(0x[0-9a-f]+\\)");
    private static final Pattern JVM_FRAME = Pattern.compile("^#\\s+[Cj]\\s+\\[.*");
    private static final Pattern NATIVE_FRAME = Pattern.compile("\\[([^\\]+]+)\\+0x([0-9a-f]+)\\]");
    private static final String BANNER = "# A fatal error has been detected by the Java Runtime Environment:";

    /** The JVM error file of process {@code pid} in {@code workDirectory}. */
    static Path errorFile(Path workDirectory, long pid) {
        return workDirectory.resolve(ERROR_FILE.replace("%p", String.valueOf(pid)));
    }

    static RuntimeExit of(int code, boolean killed, List<String> lines, Optional<CrashLog.Contents> crashLog,
                          Path errorFile) {
        String signal = code > 128 && code < 128 + 65 ? signalName(code - 128) : null;
        List<String> banner = banner(lines);
        List<String> output = new ArrayList<>(lines);
        output.removeAll(banner);
        List<String> report = errorFileLines(errorFile);
        String frame = null;
        List<String> all = new ArrayList<>(banner);
        all.addAll(report.stream().limit(40).toList());
        for (String line : all) {
            Matcher reported = JVM_SIGNAL.matcher(line);
            if (reported.find()) {
                signal = reported.group(1);
            }
            if (frame == null && JVM_FRAME.matcher(line).matches()) {
                frame = line.substring(1).trim();
            }
        }
        Optional<CrashLog.NativeCrash> crash = crashLog.flatMap(CrashLog.Contents::crash);
        if (signal == null && crash.isPresent()) {
            signal = crash.get().signal();
        }
        Set<String> plugins = crashLog.map(contents -> TraceCodec.plugins(contents.trace().path("plugins")).stream()
                .map(Trace.Loaded::plugin).collect(Collectors.toSet())).orElse(Set.of());
        NativeBacktrace backtrace = crash.isPresent()
                ? NativeBacktrace.of(crash.get().frames(), plugins, crash.get().inside())
                : problematicFrame(frame, report);
        boolean crashed = signal != null && !killed;
        return new RuntimeExit(code, signal, crashed, killed,
                crashLog.map(CrashLog.Contents::inHooks).orElse(List.of()), frame, backtrace, List.copyOf(banner),
                Files.exists(errorFile) ? errorFile : null, List.copyOf(output),
                crash.map(CrashLog.NativeCrash::running).orElse(null));
    }

    /** The JVM's fatal error banner in the output: from its first line to the last {@code #} line after it. */
    private static List<String> banner(List<String> lines) {
        int first = lines.indexOf(BANNER);
        if (first < 0) {
            return List.of();
        }
        if (first > 0 && lines.get(first - 1).equals("#")) {
            first--;
        }
        int end = first;
        while (end < lines.size() && lines.get(end).startsWith("#")) {
            end++;
        }
        return lines.subList(first, end);
    }

    /** Without libmqhost's report, the JVM's innermost frame, symbolized when its object is in the error file's list. */
    private static NativeBacktrace problematicFrame(String frame, List<String> report) {
        Matcher matcher = frame == null ? null : NATIVE_FRAME.matcher(frame);
        if (matcher == null || !matcher.find()) {
            return null;
        }
        String name = matcher.group(1);
        for (String line : report) {
            if (line.endsWith("/" + name)) {
                String file = line.substring(line.indexOf('/'));
                return NativeBacktrace.of(List.of(new CrashLog.NativeFrame(file,
                        Long.parseUnsignedLong(matcher.group(2), 16))), Set.of(), null);
            }
        }
        return null;
    }

    private static List<String> errorFileLines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.ISO_8859_1) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Whether it ended cleanly: exit code 0, not killed. */
    public boolean clean() {
        return code == 0 && !killed && signal == null;
    }

    /** One line: how it ended, and for a crash where. */
    public String summary() {
        if (crashed) {
            NativeBacktrace.Frame located = backtrace == null ? null : backtrace.located();
            return "crashed with " + signal + where()
                    + (located == null || inside() != null ? "" : " at " + located.source());
        }
        if (killed) {
            return "killed";
        }
        return code == 0 ? "stopped (exit code 0)" : "exited with code " + code;
    }

    /**
     * A paragraph: how it ended; for a crash the plugin, the hook, the source line, what the signal means
     * and the plugin's frames; then its last output (without the JVM's banner) and where the JVM's error
     * report is.
     */
    public String description() {
        StringBuilder text = new StringBuilder();
        if (crashed) {
            text.append("the runtime crashed with ").append(signal);
            if (inHooks.size() > 1) {
                text.append(" ").append(inHooks.stream().map(CrashLog.InHook::toString)
                        .reduce((a, b) -> a + ", " + b).orElse(""));
            }
            NativeBacktrace.Frame located = backtrace == null ? null : backtrace.located();
            String inside = inside();
            text.append(inHooks.size() > 1 ? "" : where());
            if (inside == null && located != null) {
                text.append(" at ").append(located.source()).append(" (").append(located.function()).append(")");
            }
            text.append(": ").append(inside != null ? "the plugin passed " + inside
                    + " a pointer it does not own (freed, or never made by the host)" : meaning(signal));
            text.append(located == null ? "" : "; fix the code at " + located.source());
            if (inside != null || "SIGSEGV".equals(signal) || "SIGBUS".equals(signal)) {
                text.append("; rerun with -Dmailerq.sanitize=address for where the memory was freed or overrun");
            }
            if (backtrace != null) {
                text.append("\nnative frames, innermost first:");
                for (int i = 0; i < backtrace.frames().size(); i++) {
                    text.append("\n  #").append(i).append(' ').append(backtrace.frames().get(i));
                }
                if (!backtrace.addr2line()) {
                    text.append("\n  (no source lines: addr2line, from binutils, could not be run; install binutils)");
                }
            } else if (frame != null) {
                text.append("\nproblematic frame: ").append(frame);
            }
        } else if (killed) {
            text.append("the runtime was killed");
            if (!inHooks.isEmpty()) {
                text.append("; it was ").append(inHooks.get(0));
            }
        } else if (code == 0) {
            text.append("the runtime stopped (exit code 0)");
        } else {
            text.append("the runtime exited with code ").append(code);
        }
        if (!clean() && !lastLines.isEmpty()) {
            text.append("\nlast output:\n  ").append(String.join("\n  ",
                    lastLines.subList(Math.max(0, lastLines.size() - 30), lastLines.size())));
        }
        if (errorFile != null) {
            text.append("\nthe JVM's error report: ").append(errorFile);
        }
        return text.toString();
    }

    /** The host function the fault was in, or null. */
    private String inside() {
        return backtrace == null ? null : backtrace.inside();
    }

    /**
     * " in mq_x of 20-y.so (worker 0)", " inside MQ_continue, called from finish at x.c:201 in an I/O watch
     * callback", " in a timer callback", or "".
     */
    private String where() {
        StringBuilder text = new StringBuilder();
        if (!inHooks.isEmpty()) {
            text.append(' ').append(inHooks.get(0));
        }
        if (inside() != null) {
            NativeBacktrace.Frame located = backtrace.located();
            text.append(inHooks.isEmpty() ? "" : ",").append(" inside ").append(inside());
            if (located != null) {
                text.append(", called from ").append(located.function()).append(" at ").append(located.source());
            }
        }
        if (running != null && (inHooks.isEmpty() || !running.equals("a hook"))) {
            text.append(" in ").append(running);
        }
        return text.toString();
    }

    /** What a crash with this signal means in plugin code. */
    private static String meaning(String signal) {
        return switch (signal) {
            case "SIGSEGV" -> "the plugin read or wrote memory it does not own (a NULL, freed or out-of-bounds pointer)";
            case "SIGBUS" -> "the plugin accessed memory that cannot be there (misaligned, or a mapped file that shrank)";
            case "SIGFPE" -> "an arithmetic fault in the plugin, usually an integer division by zero";
            case "SIGILL" -> "the plugin ran an illegal instruction (__builtin_trap(), or code built for another CPU)";
            case "SIGABRT" -> "abort() was called: a failed assert(), or the C library found the heap corrupted";
            default -> "the plugin's code raised it";
        };
    }

    @Override
    public String toString() {
        return description();
    }

    /** The name of a Linux signal number, e.g. 11 → SIGSEGV. */
    public static String signalName(int number) {
        return switch (number) {
            case 1 -> "SIGHUP";
            case 2 -> "SIGINT";
            case 3 -> "SIGQUIT";
            case 4 -> "SIGILL";
            case 5 -> "SIGTRAP";
            case 6 -> "SIGABRT";
            case 7 -> "SIGBUS";
            case 8 -> "SIGFPE";
            case 9 -> "SIGKILL";
            case 11 -> "SIGSEGV";
            case 13 -> "SIGPIPE";
            case 14 -> "SIGALRM";
            case 15 -> "SIGTERM";
            case 24 -> "SIGXCPU";
            case 25 -> "SIGXFSZ";
            case 31 -> "SIGSYS";
            default -> "signal " + number;
        };
    }
}
