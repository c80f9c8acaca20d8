package dev.mqkit.runtime.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mqkit.api.Hook;
import dev.mqkit.api.harness.Trace.Call;
import dev.mqkit.api.harness.Trace.Loaded;
import dev.mqkit.api.harness.Trace.Logged;
import dev.mqkit.api.harness.Trace.Running;
import dev.mqkit.api.harness.Trace.Sent;
import dev.mqkit.api.harness.Trace.Violation;
import dev.mqkit.api.harness.TraceCodec;
import dev.mqkit.api.json.Json;
import dev.mqkit.runtime.host.HandBack;
import dev.mqkit.runtime.host.HookArguments;
import dev.mqkit.runtime.host.HookObserver;
import dev.mqkit.runtime.host.LogPriority;
import dev.mqkit.runtime.host.Plugin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records every hook call: plugin, hook, worker, what the hook received,
 * whether it returned true (took control), how and when control came back;
 * the plugins loaded (what mq_version returned, what they export), what they
 * wrote to SMTP clients with MQ_SmtpSend (MQ_send), the lines they wrote with
 * MQ_log, and every violation of the plugin API. Keeps the first {@code limit} calls and counts the rest. With a
 * {@link CrashJournal} every change is also appended to that file as it happens,
 * so that the calls up to a crash or a kill survive the process. Thread-safe;
 * called by the workers. Its records and their JSON are {@link dev.mqkit.api.harness.Trace} and
 * {@link TraceCodec}, which the harness reads.
 */
public final class HookTrace implements HookObserver {

    /** The longest MIME kept in a traced message's JSON. */
    static final int MIME_KEPT = HookArguments.DESCRIBED_TEXT;


    private final int limit;
    private final CrashJournal journal;
    private final List<Loaded> plugins = new ArrayList<>();
    private final List<Call> calls = new ArrayList<>();
    private final List<Sent> sends = new ArrayList<>();
    private final List<Violation> violations = new ArrayList<>();
    private final List<Logged> logs = new ArrayList<>();
    /**
     * The calls inside their hook, in the order they began: more than one on a worker when a hand-back inside a
     * hook runs another call's chain on the same thread.
     */
    private final Map<CallId, Pending> running = new LinkedHashMap<>();
    /** Calls whose plugin took control, waiting for its hand-back. */
    private final Map<CallId, Pending> waiting = new HashMap<>();
    /** mq_initialize / mq_cleanup calls running, by "plugin function". */
    private final Map<String, Pending> globals = new HashMap<>();
    private long next = 1;
    private long dropped;

    /** A hook call: its worker and the number the worker gave it, unique on that worker. */
    private record CallId(int worker, long call) {}

    /** A call not over yet: its record as it is now, and its place in {@link #calls} (-1: beyond the limit). */
    private static final class Pending {
        final int index;
        final Plugin plugin;
        final Hook hook;
        final int worker;
        final long started;
        Call call;

        Pending(int index, Plugin plugin, Hook hook, int worker, long started, Call call) {
            this.index = index;
            this.plugin = plugin;
            this.hook = hook;
            this.worker = worker;
            this.started = started;
            this.call = call;
        }
    }

    /** How many calls a trace keeps by default. */
    public static final int DEFAULT_LIMIT = 20_000;

    public HookTrace() {
        this(DEFAULT_LIMIT, null);
    }

    /** A trace keeping {@code limit} calls that also writes every change to {@code journal} (null: none). */
    public HookTrace(int limit, CrashJournal journal) {
        this.limit = limit;
        this.journal = journal;
    }

    @Override
    public synchronized void loaded(Plugin plugin) {
        Loaded loaded = new Loaded(plugin.name(), plugin.version(), plugin.exportedFunctions());
        plugins.add(loaded);
        journal("plugin", loaded);
    }

    @Override
    public synchronized void calling(long call, Plugin plugin, Hook hook, int worker, HookArguments arguments) {
        running.put(new CallId(worker, call), begin(plugin, hook, hook.symbol(), worker, arguments));
    }

    /** A new call: kept while under the limit (beyond it only its bare record is journaled). */
    private Pending begin(Plugin plugin, Hook hook, String function, int worker, HookArguments arguments) {
        long seq = next++;
        boolean kept = calls.size() < limit;
        String text = "";
        JsonNode message = null;
        if (kept && arguments != null) {
            String described = arguments.describe();
            if (arguments.describesMessage()) {
                message = parse(described);
            } else {
                text = described;
            }
        }
        Call call = new Call(seq, plugin.name(), function, worker, text, message, null, null, null, null, null,
                false);
        if (kept) {
            calls.add(call);
        } else {
            dropped++;
        }
        Pending pending = new Pending(kept ? calls.size() - 1 : -1, plugin, hook, worker, System.nanoTime(), call);
        journal("call", call);
        return pending;
    }

    /** The call's record changed: kept and journaled. */
    private void update(Pending pending, Call call) {
        pending.call = call;
        if (pending.index >= 0) {
            calls.set(pending.index, call);
        }
        journal("call", call);
    }

    private void journal(String kind, Object record) {
        if (journal != null) {
            journal.append(kind, record);
        }
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
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
        globals.put(plugin.name() + " " + function, begin(plugin, null, function, -1, null));
    }

    @Override
    public synchronized void returnedGlobal(Plugin plugin, String function, long nanos) {
        Pending pending = globals.remove(plugin.name() + " " + function);
        if (pending != null) {
            update(pending, pending.call.returned(false, nanos));
        }
    }

    @Override
    public synchronized void returned(long call, Plugin plugin, Hook hook, int worker, boolean tookControl,
                                      long nanos) {
        CallId id = new CallId(worker, call);
        Pending pending = running.remove(id);
        if (pending == null) {
            return;
        }
        update(pending, pending.call.returned(tookControl, nanos));
        if (tookControl) {
            waiting.put(id, pending);
        }
    }

    @Override
    public synchronized void handedBack(long call, Plugin plugin, Hook hook, int worker, HandBack how,
                                        long waitedNanos) {
        Pending pending = waiting.remove(new CallId(worker, call));
        if (pending == null) {
            return;
        }
        update(pending, pending.call.handedBack(how.name(), how.function(plugin.api()), waitedNanos));
    }

    @Override
    public synchronized void sent(Plugin plugin, Hook hook, int worker, String function, byte[] bytes) {
        Sent sent = new Sent(plugin.name(), hook == null ? null : hook.symbol(), worker, function,
                new String(bytes, 0, Math.min(bytes.length, MIME_KEPT), java.nio.charset.StandardCharsets.UTF_8));
        sends.add(sent);
        journal("sent", sent);
    }

    /** Keeps the first {@code limit} lines, as it keeps calls: a plugin that logs per message cannot fill the memory. */
    @Override
    public synchronized void logged(String source, LogPriority priority, String message) {
        Logged logged = new Logged(source, priority.label(), message);
        if (logs.size() < limit) {
            logs.add(logged);
        }
        journal("log", logged);
    }

    @Override
    public synchronized void violation(Plugin plugin, String message) {
        Violation violation = new Violation(plugin == null ? null : plugin.name(), message);
        violations.add(violation);
        journal("violation", violation);
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

    /** The lines plugins wrote with MQ_log so far. */
    public synchronized List<Logged> logs() {
        return List.copyOf(logs);
    }

    /** What plugins wrote to SMTP clients so far. */
    public synchronized List<Sent> sends() {
        return List.copyOf(sends);
    }

    /**
     * The trace as JSON: {@code {"plugins":[...],"calls":[...],"sends":[...],"dropped":N,"violations":[...],
     * "logs":[...]}}, calls with {@code seq > since}.
     */
    public synchronized ObjectNode toJson(long since) {
        return TraceCodec.json(plugins, callsSince(since), sends, dropped, violations, logs);
    }

    /** Writes {@link #toJson} of every call to a file. */
    public void write(java.nio.file.Path file) throws java.io.IOException {
        if (file.getParent() != null) {
            java.nio.file.Files.createDirectories(file.getParent());
        }
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), toJson(0));
    }
}
