package dev.mqkit.runtime.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mqkit.runtime.host.HandBack;
import dev.mqkit.runtime.host.Hook;
import dev.mqkit.runtime.host.HookArguments;
import dev.mqkit.runtime.host.HookObserver;
import dev.mqkit.runtime.host.Plugin;
import dev.mqkit.runtime.queue.JsonMessages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Records every hook call: plugin, hook, worker, what the hook received,
 * whether it returned true (took control), how and when control came back;
 * and every violation of the plugin API. Keeps the first {@code limit} calls
 * and counts the rest. Thread-safe; called by the workers.
 */
public final class HookTrace implements HookObserver {

    /** The longest MIME kept in a traced message's JSON. */
    static final int MIME_KEPT = HookArguments.DESCRIBED_TEXT;


    /**
     * One hook call. {@code returned} is null while the hook runs; {@code handBack}
     * is null until control came back (and stays null when the hook returned false).
     *
     * @param seq          order of the call, from 1
     * @param hook         the exported function: a hook, or mq_initialize / mq_cleanup (worker -1, which are
     *                     void and so recorded as returning false)
     * @param arguments    what the hook received: MAIL FROM / RCPT TO text, the MIME of DATA (cut),
     *                     the AUTH login, or empty
     * @param message      for mq_smtp_in_message and mq_smtp_out_data, the JSON before the hook
     * @param hookMillis   time inside the hook
     * @param handBackMillis time from the call until the hand-back, when there was one
     * @param early        whether the plugin handed back inside the hook, before returning true
     */
    public record Call(long seq, String plugin, String hook, int worker, String arguments, JsonNode message,
                       Boolean returned, String handBack, String handBackFunction, Double hookMillis,
                       Double handBackMillis, boolean early) {

        /** Whether control is back with the host (the hook returned false, or the plugin handed back). */
        public boolean finished() {
            return Boolean.FALSE.equals(returned) || handBack != null;
        }

        @Override
        public String toString() {
            String how = returned == null ? "still running"
                    : !returned ? "returned false"
                    : handBack == null ? "returned true, no hand-back yet"
                    : "returned true, " + handBackFunction + (early ? " inside the hook" : " after "
                    + String.format(java.util.Locale.ROOT, "%.1f ms", handBackMillis));
            String shown = message != null ? " " + message : arguments == null || arguments.isEmpty() ? ""
                    : " \"" + (arguments.length() > 80 ? arguments.substring(0, 80) + "..." : arguments) + "\"";
            return "#" + seq + " " + plugin + " " + hook + shown + " on worker " + worker + ": " + how;
        }
    }

    /** A rule of the plugin API that a plugin broke; plugin is null when the runtime could not tell which. */
    public record Violation(String plugin, String message) {
        @Override
        public String toString() {
            return message;
        }
    }

    private final int limit;
    private final List<Call> calls = new ArrayList<>();
    private final List<Violation> violations = new ArrayList<>();
    /** The call running in a hook on each worker (a worker calls one hook at a time). */
    private final Map<Integer, Pending> running = new HashMap<>();
    /** Calls whose plugin took control, by plugin, hook and worker. */
    private final List<Pending> waiting = new ArrayList<>();
    /** mq_initialize / mq_cleanup calls running, by "plugin function". */
    private final Map<String, Integer> globals = new HashMap<>();
    private long next = 1;
    private long dropped;

    private static final class Pending {
        final int index;
        final Plugin plugin;
        final Hook hook;
        final int worker;
        final long started;

        Pending(int index, Plugin plugin, Hook hook, int worker, long started) {
            this.index = index;
            this.plugin = plugin;
            this.hook = hook;
            this.worker = worker;
            this.started = started;
        }
    }

    public HookTrace() {
        this(20_000);
    }

    public HookTrace(int limit) {
        this.limit = limit;
    }

    @Override
    public synchronized void calling(Plugin plugin, Hook hook, int worker, HookArguments arguments) {
        long seq = next++;
        if (calls.size() >= limit) {
            dropped++;
            running.put(worker, new Pending(-1, plugin, hook, worker, System.nanoTime()));
            return;
        }
        String described = arguments.describe();
        JsonNode message = null;
        String text = described;
        if (arguments.describesMessage()) {
            message = parse(described);
            text = "";
        }
        calls.add(new Call(seq, plugin.name(), hook.symbol(), worker, text, message, null, null, null, null, null,
                false));
        running.put(worker, new Pending(calls.size() - 1, plugin, hook, worker, System.nanoTime()));
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode node = JsonMessages.MAPPER.readTree(json);
            if (node instanceof ObjectNode object && object.path("mime").isTextual()) {
                String mime = object.get("mime").asText();
                if (mime.length() > MIME_KEPT) {
                    object.set("mime", new TextNode(mime.substring(0, MIME_KEPT) + "... (" + mime.length()
                            + " characters)"));
                }
            }
            return node;
        } catch (Exception e) {
            return new TextNode(json);
        }
    }

    /** Recorded as a call on worker -1 that returned false (they are void: control is back at once). */
    @Override
    public synchronized void callingGlobal(Plugin plugin, String function) {
        long seq = next++;
        if (calls.size() >= limit) {
            dropped++;
            return;
        }
        calls.add(new Call(seq, plugin.name(), function, -1, "", null, null, null, null, null, null, false));
        globals.put(plugin.name() + " " + function, calls.size() - 1);
    }

    @Override
    public synchronized void returnedGlobal(Plugin plugin, String function, long nanos) {
        Integer index = globals.remove(plugin.name() + " " + function);
        if (index != null) {
            Call was = calls.get(index);
            calls.set(index, new Call(was.seq(), was.plugin(), was.hook(), was.worker(), was.arguments(),
                    was.message(), false, null, null, nanos / 1e6, null, false));
        }
    }

    @Override
    public synchronized void returned(Plugin plugin, Hook hook, int worker, boolean tookControl, long nanos) {
        Pending call = running.remove(worker);
        if (call == null || call.index < 0 || call.plugin != plugin || call.hook != hook) {
            return;
        }
        Call was = calls.get(call.index);
        calls.set(call.index, new Call(was.seq(), was.plugin(), was.hook(), was.worker(), was.arguments(),
                was.message(), tookControl, null, null, nanos / 1e6, null, false));
        if (tookControl) {
            waiting.add(call);
        }
    }

    @Override
    public synchronized void handedBack(Plugin plugin, Hook hook, int worker, HandBack how, long waitedNanos) {
        // the call that started closest to (now - waited) among this plugin's waiting calls of this hook
        long startedAbout = System.nanoTime() - waitedNanos;
        Pending best = null;
        for (Pending call : waiting) {
            if (call.plugin == plugin && call.hook == hook && call.worker == worker
                    && (best == null || Math.abs(call.started - startedAbout) < Math.abs(best.started - startedAbout))) {
                best = call;
            }
        }
        if (best == null) {
            return;
        }
        waiting.remove(best);
        Call was = calls.get(best.index);
        boolean early = waitedNanos == 0;
        calls.set(best.index, new Call(was.seq(), was.plugin(), was.hook(), was.worker(), was.arguments(),
                was.message(), was.returned(), how.name(), how.function(), was.hookMillis(),
                early ? was.hookMillis() : waitedNanos / 1e6, early));
    }

    @Override
    public synchronized void violation(Plugin plugin, String message) {
        violations.add(new Violation(plugin == null ? null : plugin.name(), message));
    }

    /** Calls as {@link #toJson} wrote them ({@code "calls"} of /trace or trace.json). */
    public static List<Call> calls(JsonNode calls) {
        return list(calls, Call.class);
    }

    /** The violations of {@link #violations()} read back from their JSON, as the control channel serves them. */
    public static List<Violation> violations(JsonNode violations) {
        return list(violations, Violation.class);
    }

    /** The calls of {@link #running()} read back from their JSON, as the control channel serves them. */
    public static List<Running> running(JsonNode running) {
        return list(running, Running.class);
    }

    /** The records of a JSON array that the mapper wrote from a list of {@code type}. */
    static <T> List<T> list(JsonNode array, Class<T> type) {
        List<T> parsed = new ArrayList<>();
        for (JsonNode element : array) {
            try {
                parsed.add(JsonMessages.MAPPER.treeToValue(element, type));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return parsed;
    }

    /** The calls recorded so far, oldest first. */
    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The calls with {@code seq > since}. */
    public synchronized List<Call> callsSince(long since) {
        List<Call> selected = new ArrayList<>();
        for (Iterator<Call> it = calls.iterator(); it.hasNext(); ) {
            Call call = it.next();
            if (call.seq() > since) {
                selected.add(call);
            }
        }
        return selected;
    }

    /** A hook call still inside the plugin's function. */
    public record Running(String plugin, String hook, int worker, long millis) {
        @Override
        public String toString() {
            return plugin + " has been inside " + hook + " on worker " + worker + " for " + millis + " ms";
        }
    }

    /** The hook calls that have not returned yet, e.g. a plugin blocking its worker. */
    public synchronized List<Running> running() {
        long now = System.nanoTime();
        List<Running> inside = new ArrayList<>();
        for (Pending call : running.values()) {
            inside.add(new Running(call.plugin.name(), call.hook.symbol(), call.worker,
                    (now - call.started) / 1_000_000));
        }
        return inside;
    }

    /** Calls not recorded because the limit was reached. */
    public synchronized long dropped() {
        return dropped;
    }

    public synchronized List<Violation> violations() {
        return List.copyOf(violations);
    }

    /** The trace as JSON: {@code {"calls":[...],"dropped":N,"violations":[...]}}, calls with {@code seq > since}. */
    public ObjectNode toJson(long since) {
        ObjectNode json = JsonMessages.MAPPER.createObjectNode();
        json.set("calls", JsonMessages.MAPPER.valueToTree(callsSince(since)));
        json.put("dropped", dropped());
        json.set("violations", JsonMessages.MAPPER.valueToTree(violations()));
        return json;
    }

    /** Writes {@link #toJson} of every call to a file. */
    public void write(java.nio.file.Path file) throws java.io.IOException {
        if (file.getParent() != null) {
            java.nio.file.Files.createDirectories(file.getParent());
        }
        JsonMessages.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), toJson(0));
    }
}
