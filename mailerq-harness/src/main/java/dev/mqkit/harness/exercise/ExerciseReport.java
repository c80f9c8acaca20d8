package dev.mqkit.harness.exercise;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.harness.Trace;
import dev.mqkit.api.json.Json;
import dev.mqkit.harness.process.NativeBacktrace;
import dev.mqkit.harness.process.RuntimeExit;
import dev.mqkit.harness.sanitize.SanitizerRuntime;
import dev.mqkit.harness.sanitize.Sanitizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an {@link Exercise} saw: per plugin, each function it exports (mq_version with the value it
 * returned, then its hooks in the order a run calls them) with its calls, what they returned, how control
 * came back and how long it took; the SMTP transcript; how the runtime ended (for a crash, where); and
 * every problem found; the lines the plugins wrote with MQ_log. After a crash or a kill the calls are those the crash log kept up to then.
 */
public final class ExerciseReport {

    /** The figures of one exported function of one plugin. */
    public static final class HookFigures {
        private final String plugin;
        private final String hook;
        private final Integer version;
        private int calls;
        private int tookControl;
        private int inside;
        private int held;
        private final Map<String, Integer> handBacks = new TreeMap<>();
        private double hookMillisTotal;
        private double hookMillisMax;
        private double handBackMillisMax;

        HookFigures(String plugin, String hook, Integer version) {
            this.plugin = plugin;
            this.hook = hook;
            this.version = version;
            // the host calls mq_version once, when it loads the plugin
            this.calls = version == null ? 0 : 1;
        }

        void add(Trace.Call call) {
            calls++;
            if (call.returned() == null) {
                inside++;
            } else if (call.returned()) {
                tookControl++;
                if (call.handBackFunction() == null) {
                    held++;
                }
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

        /** For mq_version, the value it returned; else null. */
        public Integer returnedValue() {
            return version;
        }

        public int calls() {
            return calls;
        }

        /** How many calls returned true. */
        public int tookControl() {
            return tookControl;
        }

        /** How many calls had not returned when the runtime ended: it crashed in them, or they blocked. */
        public int stillInside() {
            return inside;
        }

        /** How many calls returned true and never got their hand-back. */
        public int neverHandedBack() {
            return held;
        }

        /** The hand-back function, as the played release names it (MQ_continue in 5.13, MQ_Continue in 3.0) → count. */
        public Map<String, Integer> handBacks() {
            return handBacks;
        }

        public double meanHookMillis() {
            int timed = calls - inside - (version == null ? 0 : 1);
            return timed <= 0 ? 0 : hookMillisTotal / timed;
        }

        public double maxHookMillis() {
            return hookMillisMax;
        }

        public double maxHandBackMillis() {
            return handBackMillisMax;
        }

        /** The table's column: the value mq_version returned, the hand-backs, what never ended. */
        String outcome(boolean crashed) {
            if (version != null) {
                return "returned " + version;
            }
            if (calls == 0) {
                return "not reached";
            }
            List<String> parts = new ArrayList<>();
            // the function as the played release names it, as the trace and exercise.json have it
            handBacks.forEach((function, count) -> parts.add(function + "×" + count));
            if (held > 0) {
                parts.add("held×" + held);
            }
            if (inside > 0) {
                parts.add((crashed ? "crashed×" : "inside×") + inside);
            }
            return parts.isEmpty() ? "-" : String.join(" ", parts);
        }
    }

    private final Map<String, HookFigures> hooks = new LinkedHashMap<>();
    private final List<String> transcript;
    private final int delivered;
    private final List<String> problems;
    private final RuntimeExit exit;
    private final Duration duration;
    private List<Trace.Logged> logs = List.of();
    private List<MessageDestinations.Where> destinations = List.of();
    private ExerciseExpectation expectation = ExerciseExpectation.DELIVERED;
    private Sanitizers sanitizers = Sanitizers.none();
    private List<SanitizerRuntime> sanitizerRuntimes = List.of();

    /**
     * @param plugins the plugins as loaded, in load order, each with what it exports
     * @param calls   the hook calls, oldest first
     * @param exit    how the runtime ended, or null when it did not start
     */
    ExerciseReport(List<Trace.Loaded> plugins, List<Trace.Call> calls, List<String> transcript, int delivered,
                   List<String> problems, RuntimeExit exit, Duration duration) {
        for (Trace.Loaded plugin : plugins) {
            for (String function : plugin.exports()) {
                hooks.put(plugin.plugin() + " " + function, new HookFigures(plugin.plugin(), function,
                        function.equals("mq_version") ? plugin.version() : null));
            }
        }
        for (Trace.Call call : calls) {
            hooks.computeIfAbsent(call.plugin() + " " + call.hook(), key -> new HookFigures(call.plugin(), call.hook(),
                    null)).add(call);
        }
        this.transcript = List.copyOf(transcript);
        this.delivered = delivered;
        this.problems = new ArrayList<>(problems);
        this.exit = exit;
        this.duration = duration;
    }

    /** The lines the plugins wrote with MQ_log (5.6.5+), oldest first. */
    public ExerciseReport logged(List<Trace.Logged> logs) {
        this.logs = List.copyOf(logs);
        return this;
    }

    /** Where each accepted message went, and where the exercise expected them. */
    ExerciseReport wentTo(List<MessageDestinations.Where> destinations, ExerciseExpectation expectation) {
        this.destinations = List.copyOf(destinations);
        this.expectation = expectation;
        return this;
    }

    /** How many messages a plugin kept in the local queue (MQ_setLocal): their delivery hooks are not called. */
    public long keptLocal() {
        return destinations.stream()
                .filter(where -> where.destination() == MessageDestinations.Destination.LOCAL).count();
    }

    /** What the plugins wrote with MQ_log during the exercise. */
    public List<Trace.Logged> logs() {
        return logs;
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

    /** The figures per plugin and exported function, plugins in load order, functions in call order. */
    public List<HookFigures> hooks() {
        return List.copyOf(hooks.values());
    }

    public List<String> transcript() {
        return transcript;
    }

    public int delivered() {
        return delivered;
    }

    /** How the runtime ended; empty when it did not start. */
    public Optional<RuntimeExit> exit() {
        return Optional.ofNullable(exit);
    }

    /**
     * The hooks that {@code plugin} exports but the scenario never called, e.g. because an earlier plugin
     * completed that hook with MQ_Complete.
     */
    public List<String> unreached(String plugin) {
        return hooks.values().stream().filter(figures -> figures.plugin().equals(plugin) && figures.calls() == 0)
                .map(HookFigures::hook).toList();
    }

    private boolean crashed() {
        return exit != null && exit.crashed();
    }

    /** exercise.json: the figures, the transcript, the problems, and for a crash where it happened. */
    public ObjectNode toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("passed", passed());
        root.put("seconds", duration.toMillis() / 1000.0);
        root.put("delivered", delivered);
        root.put("expected", expectation.toString());
        ArrayNode messages = root.putArray("messages");
        for (MessageDestinations.Where where : destinations) {
            ObjectNode message = messages.addObject().put("recipient", where.recipient())
                    .put("went", where.destination().name().toLowerCase(Locale.ROOT));
            if (where.detail() != null) {
                message.put("detail", where.detail());
            }
        }
        root.put("exit", exit == null ? "did not start" : exit.summary());
        root.putPOJO("problems", problems);
        ArrayNode list = root.putArray("hooks");
        for (HookFigures figures : hooks.values()) {
            ObjectNode hook = list.addObject();
            hook.put("plugin", figures.plugin());
            hook.put("hook", figures.hook());
            hook.put("calls", figures.calls());
            if (figures.returnedValue() != null) {
                hook.put("returned", figures.returnedValue());
                continue;
            }
            hook.put("returnedTrue", figures.tookControl());
            hook.put("returnedFalse", figures.calls() - figures.tookControl() - figures.stillInside());
            hook.put("stillInside", figures.stillInside());
            hook.put("neverHandedBack", figures.neverHandedBack());
            ObjectNode handBacks = hook.putObject("handBacks");
            figures.handBacks().forEach(handBacks::put);
            hook.put("meanMillisInHook", round(figures.meanHookMillis()));
            hook.put("maxMillisInHook", round(figures.maxHookMillis()));
            hook.put("maxMillisUntilHandBack", round(figures.maxHandBackMillis()));
        }
        if (crashed()) {
            root.set("crash", crash());
        }
        root.putPOJO("transcript", transcript);
        root.set("logs", Json.MAPPER.valueToTree(logs));
        root.put("sanitized", !sanitizers.isEmpty());
        ArrayNode sanitizerNames = root.putArray("sanitizers");
        sanitizers.set().forEach(sanitizer -> sanitizerNames.add(sanitizer.flagName()));
        ArrayNode libraries = root.putArray("sanitizerRuntimes");
        sanitizerRuntimes.forEach(runtime -> libraries.add(runtime.library().toString()));
        return root;
    }

    /** The crash: signal, plugin, hook, source line, frames, the JVM's banner and error report. */
    private ObjectNode crash() {
        ObjectNode crash = Json.MAPPER.createObjectNode();
        crash.put("signal", exit.signal());
        exit.inHooks().stream().findFirst().ifPresent(in -> crash.put("plugin", in.plugin()).put("hook", in.hook())
                .put("worker", in.worker()));
        NativeBacktrace backtrace = exit.backtrace();
        if (backtrace != null && backtrace.inside() != null) {
            crash.put("inside", backtrace.inside());
        }
        if (exit.running() != null) {
            crash.put("running", exit.running());
        }
        if (backtrace != null && backtrace.located() != null) {
            crash.put("at", backtrace.located().source()).put("function", backtrace.located().function());
        }
        ArrayNode frames = crash.putArray("backtrace");
        if (backtrace != null) {
            backtrace.frames().forEach(frame -> frames.add(frame.toString()));
        }
        if (exit.frame() != null) {
            crash.put("problematicFrame", exit.frame());
        }
        if (exit.errorFile() != null) {
            crash.put("errorReport", exit.errorFile().toString());
        }
        crash.putPOJO("jvmBanner", exit.jvmBanner());
        return crash;
    }

    private static double round(double millis) {
        return Math.round(millis * 1000) / 1000.0;
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), toJson());
    }

    /** How many MQ_log lines the build log shows; exercise.json has them all. */
    private static final int LOG_LINES_SHOWN = 20;

    /** A short table for the build log, one line per plugin and exported function (none when nothing is known). */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        if (!hooks.isEmpty()) {
            lines.add(String.format(Locale.ROOT, "%-24s %-24s %5s %5s %-22s %9s", "plugin", "hook", "calls", "true",
                    "hand-backs", "max ms"));
        }
        for (HookFigures figures : hooks.values()) {
            boolean version = figures.returnedValue() != null;
            boolean timed = !version && figures.calls() > figures.stillInside();
            lines.add(String.format(Locale.ROOT, "%-24s %-24s %5d %5s %-22s %9s", figures.plugin(),
                    figures.hook(), figures.calls(), version ? "-" : String.valueOf(figures.tookControl()),
                    figures.outcome(crashed()), !timed ? "-" : String.format(Locale.ROOT, "%.3f",
                            Math.max(figures.maxHookMillis(), figures.maxHandBackMillis()))));
        }
        int shown = Math.min(logs.size(), LOG_LINES_SHOWN);
        if (shown > 0) {
            lines.add("the plugins' MQ_log lines" + (shown < logs.size() ? " (the first " + shown + " of "
                    + logs.size() + "; all in exercise.json)" : "") + ":");
            logs.subList(0, shown).forEach(logged -> lines.add("  " + logged));
        }
        destinations.forEach(where -> lines.add("message to " + where));
        lines.add(delivered + " message(s) delivered to the sink; runtime: "
                + (exit == null ? "did not start" : exit.summary()) + "; "
                + String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0));
        if (!sanitizers.isEmpty()) {
            lines.add("sanitized: built with -fsanitize=" + sanitizers + ", run with " + sanitizers.tools() + " ("
                    + String.join(", ", sanitizerRuntimes.stream().map(r -> r.library().getFileName().toString())
                    .toList()) + " preloaded)");
        }
        return lines;
    }
}
