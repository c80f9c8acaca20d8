package dev.mqkit.harness.process;

import dev.mqkit.api.harness.CrashLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The native frames of a crash turned into functions and source lines with binutils' {@code addr2line},
 * from the debug information of the object each frame is in (plugins are built with {@code -g}); a
 * function the compiler inlined shows as a frame of its own. Without addr2line, or without debug
 * information, a frame keeps its object and offset.
 *
 * @param frames       innermost first
 * @param addr2line    false when addr2line could not be run (binutils not installed)
 * @param plugins      the file names of the plugins' objects (e.g. {@code 20-x.so}), which tell the plugin's
 *                     frames from those of the libraries it called; empty when unknown
 * @param inside       the host's {@code MQ_} function the fault was in, called from the first frame; or null
 */
public record NativeBacktrace(List<Frame> frames, boolean addr2line, Set<String> plugins, String inside) {

    /** The program {@code -Dmailerq.addr2line} names, else {@code addr2line} from the PATH. */
    private static final String ADDR2LINE = System.getProperty("mailerq.addr2line", "addr2line");

    /**
     * One frame.
     *
     * @param object   the file name of the shared object, e.g. {@code 20-x.so}
     * @param offset   the address's offset in it
     * @param function the function, or null when unknown
     * @param source   {@code file:line} (relative to the project the object was built in), or null when unknown
     * @param inlined  whether the compiler inlined this function into the next frame's
     */
    public record Frame(String object, long offset, String function, String source, boolean inlined) {
        @Override
        public String toString() {
            return (function == null ? "0x" + Long.toHexString(offset) : function)
                    + (source == null ? "" : " at " + source) + " in " + object + (inlined ? " (inlined)" : "");
        }
    }

    /** Symbolizes the frames libmqhost reported, innermost first, of which those in plugins are the plugins'. */
    public static NativeBacktrace of(List<CrashLog.NativeFrame> reported, Set<String> plugins, String inside) {
        Map<String, List<Integer>> byFile = new LinkedHashMap<>();
        for (int i = 0; i < reported.size(); i++) {
            byFile.computeIfAbsent(reported.get(i).file(), file -> new ArrayList<>()).add(i);
        }
        List<List<Frame>> symbolized = new ArrayList<>();
        reported.forEach(frame -> symbolized.add(null));
        boolean ran = true;
        for (Map.Entry<String, List<Integer>> file : byFile.entrySet()) {
            List<Long> offsets = file.getValue().stream().map(index -> reported.get(index).offset()).toList();
            List<List<Frame>> lines = run(file.getKey(), file.getValue(), offsets, inside != null);
            ran &= lines != null;
            for (int k = 0; k < file.getValue().size(); k++) {
                int index = file.getValue().get(k);
                symbolized.set(index, lines == null || lines.get(k).isEmpty()
                        ? List.of(new Frame(name(file.getKey()), reported.get(index).offset(), null, null, false))
                        : lines.get(k));
            }
        }
        List<Frame> frames = new ArrayList<>();
        symbolized.forEach(frames::addAll);
        return new NativeBacktrace(List.copyOf(frames), ran, Set.copyOf(plugins), inside);
    }

    /**
     * Where the plugin's own code was: its first frame with a source line, not that of a library it called
     * (e.g. glibc's {@code strlen-evex.S} under a plugin's {@code strlen}); when the plugins are unknown, the
     * first frame with a source line.
     */
    public Frame located() {
        return frames.stream().filter(frame -> frame.source() != null)
                .filter(frame -> plugins.isEmpty() || plugins.contains(frame.object()))
                .findFirst().orElse(null);
    }

    /**
     * {@code addr2line -e FILE -a -f -i -C ADDR...} for the frames at these positions of the backtrace (the first
     * at a return address too when firstReturns); one list per frame, inlined functions first; null when it
     * cannot run.
     */
    private static List<List<Frame>> run(String file, List<Integer> positions, List<Long> offsets,
                                         boolean firstReturns) {
        List<String> command = new ArrayList<>(List.of(ADDR2LINE, "-e", file, "-a", "-f", "-i", "-C"));
        for (int k = 0; k < offsets.size(); k++) {
            // a caller's frame holds its return address, which may be the next line's: ask for the call; so does
            // the first when the fault was inside a host function it called
            boolean faulting = positions.get(k) == 0 && !firstReturns;
            command.add("0x" + Long.toHexString(faulting ? offsets.get(k) : offsets.get(k) - 1));
        }
        List<String> output;
        try {
            output = ToolOutput.of(command, Duration.ofSeconds(10)).lines().toList();
        } catch (IOException e) {
            return null;
        }
        List<List<Frame>> frames = new ArrayList<>();
        List<Frame> current = null;
        for (int i = 0; i < output.size(); i++) {
            String line = output.get(i);
            if (line.startsWith("0x")) {
                current = new ArrayList<>();
                frames.add(current);
            } else if (current != null && i + 1 < output.size()) {
                String function = line.equals("??") ? null : line;
                String source = source(output.get(++i));
                if (function != null || source != null) {
                    if (!current.isEmpty()) {
                        // addr2line lists the inlined function first, then the ones it was inlined into
                        Frame inner = current.get(current.size() - 1);
                        current.set(current.size() - 1, new Frame(inner.object(), inner.offset(), inner.function(),
                                inner.source(), true));
                    }
                    current.add(new Frame(name(file), offsets.get(frames.size() - 1), function, source, false));
                }
            }
        }
        return frames.size() == offsets.size() ? frames : null;
    }

    /**
     * {@code ././src/main/c/x.c:12 (discriminator 1)} (a project folder mapped to {@code .}) →
     * {@code src/main/c/x.c:12}; null for {@code ??:0}.
     */
    private static String source(String line) {
        String location = line.replaceFirst(" \\(discriminator \\d+\\)$", "");
        int colon = location.lastIndexOf(':');
        if (location.startsWith("??") || colon < 0 || location.endsWith(":0") || location.endsWith(":?")) {
            return null;
        }
        return Path.of(location.substring(0, colon)).normalize() + location.substring(colon);
    }

    private static String name(String file) {
        return Path.of(file).getFileName().toString();
    }
}
