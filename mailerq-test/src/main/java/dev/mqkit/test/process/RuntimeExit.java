package dev.mqkit.test.process;

import dev.mqkit.runtime.control.CrashLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a runtime process ended, read from its exit code, its last output, the JVM's error file and the
 * crash log: the signal, the plugin and hook that were running, and the JVM's problematic frame.
 *
 * @param code      its exit value (128+N after signal N)
 * @param signal    the signal that ended it, e.g. SIGSEGV (for a crash the JVM caught, the signal it
 *                  reported), or null
 * @param crashed   whether it died of a signal it did not ask for (not after {@link RuntimeProcess#stop} killed it)
 * @param killed    whether {@link RuntimeProcess#stop} or {@link RuntimeProcess#close} had to kill it
 * @param inHooks   the hooks that were being called when it ended (from the crash log)
 * @param frame     the JVM's "problematic frame" line of a crash, or null
 * @param lastLines the last lines of its output
 */
public record RuntimeExit(int code, String signal, boolean crashed, boolean killed, List<CrashLog.InHook> inHooks,
                          String frame, List<String> lastLines) {

    /** The JVM's error file in the work directory ({@code -XX:ErrorFile}, %p being the pid). */
    static final String ERROR_FILE = "hs_err_pid%p.log";

    private static final Pattern JVM_SIGNAL = Pattern.compile("#\\s+(SIG[A-Z]+) \\(0x[0-9a-f]+\\)");
    private static final Pattern JVM_FRAME = Pattern.compile("^#\\s+[Cj]\\s+\\[.*");

    /** The JVM error file of process {@code pid} in {@code workDirectory}. */
    static Path errorFile(Path workDirectory, long pid) {
        return workDirectory.resolve(ERROR_FILE.replace("%p", String.valueOf(pid)));
    }

    static RuntimeExit of(int code, boolean killed, List<String> lines, List<CrashLog.InHook> inHooks,
                          Path errorFile) {
        String signal = code > 128 && code < 128 + 65 ? signalName(code - 128) : null;
        String frame = null;
        List<String> all = new ArrayList<>(lines);
        all.addAll(errorFileLines(errorFile));
        for (String line : all) {
            Matcher reported = JVM_SIGNAL.matcher(line);
            if (reported.find()) {
                signal = reported.group(1);
            }
            if (frame == null && JVM_FRAME.matcher(line).matches()) {
                frame = line.substring(1).trim();
            }
        }
        boolean crashed = signal != null && !killed;
        return new RuntimeExit(code, signal, crashed, killed, List.copyOf(inHooks), frame, List.copyOf(lines));
    }

    private static List<String> errorFileLines(Path file) {
        try {
            return Files.exists(file)
                    ? Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream().limit(40).toList()
                    : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Whether it ended cleanly: exit code 0, not killed. */
    public boolean clean() {
        return code == 0 && !killed && signal == null;
    }

    /** One paragraph: how it ended, in which plugin and hook, and its last output. */
    public String description() {
        StringBuilder text = new StringBuilder();
        if (crashed) {
            text.append("the runtime crashed with ").append(signal);
            if (!inHooks.isEmpty()) {
                text.append(" ").append(inHooks.stream().map(CrashLog.InHook::toString)
                        .reduce((a, b) -> a + ", " + b).orElse(""));
            }
            if (frame != null) {
                text.append("; problematic frame: ").append(frame);
            }
        } else if (killed) {
            text.append("the runtime did not stop in time and was killed");
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
        return text.toString();
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
