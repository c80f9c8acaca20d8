package dev.mqkit.api.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The hook trace as a file that survives the runtime's process: the runtime appends every change of its trace
 * as one JSON line ({@code {"call": ...}}, {@code {"plugin": ...}}, {@code {"sent": ...}},
 * {@code {"violation": ...}}, {@code {"log": ...}}, records of {@link Trace}), and libmqhost's crash handler
 * appends the signal and the native frames of a crash in plugin code ({@code crash SIGSEGV}, then
 * {@code running an I/O watch callback}, {@code inside MQ_continue} when the fault is in a host function, and
 * {@code frame 0x1139 /path/x.so} per frame, innermost first). Read back once the process ended, it gives the
 * trace as {@code trace.json} has it, up to the crash or the kill: a call whose last record has not returned was
 * inside its hook.
 */
public final class CrashLog {

    private CrashLog() {}

    /** A hook a worker was inside when the log ended. */
    public record InHook(int worker, String plugin, String hook) {
        @Override
        public String toString() {
            return "in " + hook + " of " + plugin + (worker < 0 ? "" : " (worker " + worker + ")");
        }
    }

    /** A native frame of a crash: an object file and the offset of the address in it. */
    public record NativeFrame(String file, long offset) {}

    /**
     * A crash in plugin code as libmqhost's handler saw it.
     *
     * @param signal  e.g. SIGSEGV
     * @param frames  the plugin's frames (and those of the libraries it called), innermost first
     * @param running which plugin code the host had called, e.g. {@code a hook}, {@code an I/O watch callback},
     *                {@code a timer callback}; null when not reported
     * @param inside  the host's {@code MQ_} function the fault was in (the plugin called it from the first
     *                frame), or null when the fault was not in the host
     */
    public record NativeCrash(String signal, List<NativeFrame> frames, String running, String inside) {}

    /**
     * What a crash log holds.
     *
     * @param trace  the trace in the form of {@link TraceCodec#json}
     * @param inHooks the calls that had not returned when it ends
     * @param crash  the native crash, when libmqhost's handler reported one
     */
    public record Contents(ObjectNode trace, List<InHook> inHooks, Optional<NativeCrash> crash) {

        /** The calls of the trace. */
        public List<Trace.Call> calls() {
            return TraceCodec.calls(trace.path("calls"));
        }
    }

    /** Reads a crash log; empty when there is none. A line cut by the crash is skipped. */
    public static Optional<Contents> read(Path file) {
        List<String> lines;
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        List<Trace.Loaded> plugins = new ArrayList<>();
        Map<Long, Trace.Call> calls = new TreeMap<>();
        List<Trace.Sent> sends = new ArrayList<>();
        List<Trace.Violation> violations = new ArrayList<>();
        List<Trace.Logged> logs = new ArrayList<>();
        String signal = null;
        String running = null;
        String inside = null;
        List<NativeFrame> frames = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("crash ")) {
                signal = line.substring("crash ".length()).trim();
            } else if (line.startsWith("running ")) {
                running = line.substring("running ".length()).trim();
            } else if (line.startsWith("inside ")) {
                inside = line.substring("inside ".length()).trim();
            } else if (line.startsWith("frame ")) {
                nativeFrame(line).ifPresent(frames::add);
            } else if (line.startsWith("{")) {
                try {
                    JsonNode record = Json.MAPPER.readTree(line);
                    if (record.has("call")) {
                        Trace.Call call = Json.MAPPER.treeToValue(record.get("call"), Trace.Call.class);
                        calls.put(call.seq(), call);
                    } else if (record.has("plugin")) {
                        plugins.add(Json.MAPPER.treeToValue(record.get("plugin"), Trace.Loaded.class));
                    } else if (record.has("sent")) {
                        sends.add(Json.MAPPER.treeToValue(record.get("sent"), Trace.Sent.class));
                    } else if (record.has("violation")) {
                        violations.add(Json.MAPPER.treeToValue(record.get("violation"),
                                Trace.Violation.class));
                    } else if (record.has("log")) {
                        logs.add(Json.MAPPER.treeToValue(record.get("log"), Trace.Logged.class));
                    }
                } catch (IOException e) {
                    // a line cut by the crash
                }
            }
        }
        List<InHook> inHooks = new ArrayList<>();
        for (Trace.Call call : calls.values()) {
            if (call.returned() == null) {
                inHooks.add(new InHook(call.worker(), call.plugin(), call.hook()));
            }
        }
        ObjectNode trace = TraceCodec.json(plugins, List.copyOf(calls.values()), sends, 0, violations, logs);
        return Optional.of(new Contents(trace, inHooks,
                signal == null ? Optional.empty() : Optional.of(new NativeCrash(signal, frames, running, inside))));
    }

    /** {@code frame 0x1139 /path/to/file.so}: the path may hold spaces, so it comes last. */
    private static Optional<NativeFrame> nativeFrame(String line) {
        String[] words = line.split(" ", 3);
        if (words.length < 3 || !words[1].startsWith("0x")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new NativeFrame(words[2], Long.parseUnsignedLong(words[1].substring(2), 16)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
