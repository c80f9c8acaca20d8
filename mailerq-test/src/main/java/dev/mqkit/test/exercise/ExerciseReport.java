package dev.mqkit.test.exercise;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.runtime.control.HookTrace;
import dev.mqkit.runtime.queue.JsonMessages;
import dev.mqkit.test.sanitize.SanitizerRuntime;
import dev.mqkit.test.sanitize.Sanitizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an {@link Exercise} saw: per plugin and hook the calls, what they
 * returned, how control came back and how long it took, plus the SMTP
 * transcript and every problem found.
 */
public final class ExerciseReport {


    /** The figures of one hook of one plugin. */
    public static final class HookFigures {
        private final String plugin;
        private final String hook;
        private int calls;
        private int tookControl;
        private final Map<String, Integer> handBacks = new TreeMap<>();
        private double hookMillisTotal;
        private double hookMillisMax;
        private double handBackMillisMax;

        HookFigures(String plugin, String hook) {
            this.plugin = plugin;
            this.hook = hook;
        }

        void add(HookTrace.Call call) {
            calls++;
            if (Boolean.TRUE.equals(call.returned())) {
                tookControl++;
            }
            if (call.handBackFunction() != null) {
                handBacks.merge(call.handBackFunction(), 1, Integer::sum);
            }
            if (call.hookMillis() != null) {
                hookMillisTotal += call.hookMillis();
                hookMillisMax = Math.max(hookMillisMax, call.hookMillis());
            }
            if (call.handBackMillis() != null) {
                handBackMillisMax = Math.max(handBackMillisMax, call.handBackMillis());
            }
        }

        public String plugin() {
            return plugin;
        }

        public String hook() {
            return hook;
        }

        public int calls() {
            return calls;
        }

        /** How many calls returned true. */
        public int tookControl() {
            return tookControl;
        }

        /** MQ_Continue / MQ_Complete / MQ_Retry → count. */
        public Map<String, Integer> handBacks() {
            return handBacks;
        }

        public double meanHookMillis() {
            return calls == 0 ? 0 : hookMillisTotal / calls;
        }

        public double maxHookMillis() {
            return hookMillisMax;
        }

        public double maxHandBackMillis() {
            return handBackMillisMax;
        }
    }

    private final Map<String, HookFigures> hooks = new LinkedHashMap<>();
    private final List<String> transcript;
    private final int delivered;
    private final List<String> problems;
    private final String exit;
    private final Duration duration;
    private Sanitizers sanitizers = Sanitizers.none();
    private List<SanitizerRuntime> sanitizerRuntimes = List.of();

    ExerciseReport(List<HookTrace.Call> calls, List<String> transcript, int delivered, List<String> problems,
            String exit, Duration duration) {
        for (HookTrace.Call call : calls) {
            hooks.computeIfAbsent(call.plugin() + " " + call.hook(), key -> new HookFigures(call.plugin(), call.hook()))
                    .add(call);
        }
        this.transcript = List.copyOf(transcript);
        this.delivered = delivered;
        this.problems = new ArrayList<>(problems);
        this.exit = exit;
        this.duration = duration;
    }

    /** Says that the plugins ran sanitized, built with these sanitizers and run with these runtimes preloaded. */
    public ExerciseReport sanitizedBy(Sanitizers sanitizers, List<SanitizerRuntime> runtimes) {
        this.sanitizers = sanitizers;
        this.sanitizerRuntimes = List.copyOf(runtimes);
        return this;
    }

    /** The sanitizers the plugins ran with; none for a plain run. */
    public Sanitizers sanitizers() {
        return sanitizers;
    }

    /** True when nothing went wrong. */
    public boolean passed() {
        return problems.isEmpty();
    }

    /** Each problem as one sentence naming the plugin, the hook and what happened. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The figures per plugin and hook, in the order the hooks were first called. */
    public List<HookFigures> hooks() {
        return List.copyOf(hooks.values());
    }

    public List<String> transcript() {
        return transcript;
    }

    public int delivered() {
        return delivered;
    }

    /**
     * The hooks that {@code plugin} exports but the scenario never called,
     * e.g. because an earlier plugin completed that hook with MQ_Complete.
     */
    public List<String> unreached(String plugin, Set<String> exportedHooks) {
        List<String> unreached = new ArrayList<>();
        for (String hook : exportedHooks) {
            if (!hook.equals("mq_version") && !hooks.containsKey(plugin + " " + hook)) {
                unreached.add(hook);
            }
        }
        return unreached;
    }

    /** exercise.json: the figures, the transcript, the problems. */
    public ObjectNode toJson() {
        ObjectNode root = JsonMessages.MAPPER.createObjectNode();
        root.put("passed", passed());
        root.put("seconds", duration.toMillis() / 1000.0);
        root.put("delivered", delivered);
        root.put("exit", exit);
        root.putPOJO("problems", problems);
        ArrayNode list = root.putArray("hooks");
        for (HookFigures figures : hooks.values()) {
            ObjectNode hook = list.addObject();
            hook.put("plugin", figures.plugin());
            hook.put("hook", figures.hook());
            hook.put("calls", figures.calls());
            hook.put("returnedTrue", figures.tookControl());
            hook.put("returnedFalse", figures.calls() - figures.tookControl());
            ObjectNode handBacks = hook.putObject("handBacks");
            figures.handBacks().forEach(handBacks::put);
            hook.put("meanMillisInHook", round(figures.meanHookMillis()));
            hook.put("maxMillisInHook", round(figures.maxHookMillis()));
            hook.put("maxMillisUntilHandBack", round(figures.maxHandBackMillis()));
        }
        root.putPOJO("transcript", transcript);
        root.put("sanitized", !sanitizers.isEmpty());
        ArrayNode sanitizerNames = root.putArray("sanitizers");
        sanitizers.set().forEach(sanitizer -> sanitizerNames.add(sanitizer.flagName()));
        ArrayNode libraries = root.putArray("sanitizerRuntimes");
        sanitizerRuntimes.forEach(runtime -> libraries.add(runtime.library().toString()));
        return root;
    }

    private static double round(double millis) {
        return Math.round(millis * 1000) / 1000.0;
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        JsonMessages.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), toJson());
    }

    /** A short table for the build log, one line per plugin and hook. */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-24s %-24s %5s %5s %-22s %9s", "plugin", "hook", "calls", "true",
                "hand-backs", "max ms"));
        for (HookFigures figures : hooks.values()) {
            String handBacks = figures.handBacks().isEmpty() ? "-" : String.join(" ",
                    figures.handBacks().entrySet().stream().map(e -> e.getKey().substring(3) + "×" + e.getValue())
                            .toList());
            lines.add(String.format(Locale.ROOT, "%-24s %-24s %5d %5d %-22s %9.3f", figures.plugin(),
                    figures.hook(), figures.calls(), figures.tookControl(), handBacks,
                    Math.max(figures.maxHookMillis(), figures.maxHandBackMillis())));
        }
        lines.add(delivered + " message(s) delivered to the sink; runtime: " + exit + "; "
                + String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0));
        if (!sanitizers.isEmpty()) {
            lines.add("sanitized: built with -fsanitize=" + sanitizers + ", run with " + sanitizers.tools() + " ("
                    + String.join(", ", sanitizerRuntimes.stream().map(r -> r.library().getFileName().toString())
                    .toList()) + " preloaded)");
        }
        return lines;
    }
}
