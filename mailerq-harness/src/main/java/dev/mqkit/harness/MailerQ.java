package dev.mqkit.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.harness.Suspended;
import dev.mqkit.api.harness.Trace;
import dev.mqkit.api.harness.TraceCodec;
import dev.mqkit.api.json.Json;
import dev.mqkit.harness.process.RuntimeExit;
import dev.mqkit.harness.process.RuntimeLauncher;
import dev.mqkit.harness.process.RuntimeProcess;
import dev.mqkit.harness.sanitize.SanitizerFindings;
import dev.mqkit.harness.sink.SmtpSink;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A running runtime with the plugins under test, in a process of its own,
 * delivering to an in-process {@link SmtpSink} as its smarthost: what a test
 * gets from {@code @MailerQTest} (mailerq-test), or that {@link #start} gives anywhere else. Send mail with {@link #smtp()}, look at what
 * arrived with {@link #sink()} and the queues, script faults with
 * {@code sink().when(Stage.RCPT).reply(451, "try later")}, read the hook
 * trace. Assertion helpers are in mailerq-test's {@code MailerQAssertions}; their failures,
 * and those of {@link #fail}, show the SMTP transcripts. {@link #release()} is the MailerQ release the runtime
 * plays, so that a plugin's tests never need the runtime's classes.
 */
public final class MailerQ implements AutoCloseable {


    /** How many of the calls up to a crash a failure shows. */
    private static final int CALLS_SHOWN = 200;

    private final RuntimeProcess process;
    private final Path pluginDirectory;
    private final SmtpSink sink;
    private final Duration timeout;
    private final MailerqRelease release;
    private final List<SmtpClient> clients = new ArrayList<>();
    private RuntimeExit exit;
    private List<String> problemsAtStop;
    /** Whether a test already failed with the runtime's end ({@link #endedFailure}): {@link #close()} leaves it out. */
    private boolean endReported;

    private MailerQ(RuntimeProcess process, Path pluginDirectory, SmtpSink sink, Duration timeout,
                    MailerqRelease release) {
        this.process = process;
        this.release = release;
        this.pluginDirectory = pluginDirectory;
        this.sink = sink;
        this.timeout = timeout;
    }

    /**
     * Starts a sink, then the runtime process of {@code runtime} with the sink
     * as smarthost. {@code timeout} bounds waits: queue takes, replies, the stop.
     */
    public static MailerQ start(RuntimeLauncher runtime, Duration timeout) {
        return start(runtime, SmtpSink.start(), timeout);
    }

    /**
     * As {@link #start(RuntimeLauncher, Duration)} with a sink of the caller's
     * (e.g. one that requires TLS or AUTH: {@code SmtpSink.builder()...start()}); it is
     * closed with the runtime. Smarthost credentials go in the runtime's configuration.
     */
    public static MailerQ start(RuntimeLauncher runtime, SmtpSink sink, Duration timeout) {
        try {
            runtime.config("smarthost", "127.0.0.1").config("smarthost-port", String.valueOf(sink.port()));
            return new MailerQ(runtime.start(), runtime.pluginDirectory(), sink, timeout, runtime.release());
        } catch (RuntimeException e) {
            sink.close();
            throw e;
        }
    }

    /** The MailerQ release the runtime plays (its mailerq-version): which API the plugins were built for. */
    public MailerqRelease release() {
        return release;
    }

    // --- SMTP in ------------------------------------------------------------------------------

    /** A new SMTP connection to the runtime's first plain port (STARTTLS offered); the greeting is read. */
    public SmtpClient smtp() {
        return remember(SmtpClient.connect("127.0.0.1", process.smtpPorts().get(0), false, timeout));
    }

    /** A new connection to the first smtp-secure-port (TLS from the start); configure one first. */
    public SmtpClient smtpSecure() {
        List<Integer> ports = process.smtpSecurePorts();
        if (ports.isEmpty()) {
            throw new IllegalStateException("the runtime has no smtp-secure-port; set mailerq.config.smtp-secure-port=0");
        }
        return remember(SmtpClient.connect("127.0.0.1", ports.get(0), true, timeout));
    }

    private synchronized SmtpClient remember(SmtpClient client) {
        client.explainUnsolicitedReplies(this::pluginReplies);
        clients.add(client);
        return client;
    }

    /** What the trace says about replies plugins wrote themselves, for a client that got one too many. */
    private String pluginReplies() {
        try {
            return String.join("\n", PluginReplies.problems(
                    TraceCodec.sends(process.control().get("/trace").path("sends"))));
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** The transcripts of every SMTP connection made through {@link #smtp()}, oldest first. */
    public synchronized String transcripts() {
        if (clients.isEmpty()) {
            return "(no SMTP connections)";
        }
        return clients.stream().map(SmtpClient::transcript).collect(Collectors.joining("\n"));
    }

    // --- SMTP out --------------------------------------------------------------------------------

    /** The smarthost the runtime delivers to: received messages, and rules for its answers. */
    public SmtpSink sink() {
        return sink;
    }

    // --- queues -----------------------------------------------------------------------------------

    /** A queue of the runtime, by its role (inbox, outbox, results, …) or configured name. */
    public Queue queue(String name) {
        return new Queue(name);
    }

    /** Where received mail is published: the outbox (so it is delivered) unless rabbitmq-inbox is set. */
    public Queue inbox() {
        return queue("inbox");
    }

    public Queue outbox() {
        return queue("outbox");
    }

    /** Every finished delivery. */
    public Queue results() {
        return queue("results");
    }

    public Queue success() {
        return queue("success");
    }

    public Queue failure() {
        return queue("failure");
    }

    /** Received mail a plugin marked local with MQ_setLocal (4.0+): the queue of rabbitmq-local. */
    public Queue local() {
        return queue("local");
    }

    /** Temporary failures on their way back to the outbox. */
    public Queue retry() {
        return queue("retry");
    }

    /** Puts a JSON message (envelope, recipient, mime, …) into the outbox for delivery. */
    public void sendToOutbox(ObjectNode message) {
        process.control().post("/outbox", message);
    }

    /** As {@link #sendToOutbox(ObjectNode)}, from JSON text. */
    public void sendToOutbox(String json) {
        try {
            JsonNode message = Json.MAPPER.readTree(json);
            if (!(message instanceof ObjectNode object)) {
                throw new IllegalArgumentException("a message is a JSON object: " + json);
            }
            sendToOutbox(object);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    /** A queue of the runtime, seen over its control channel. */
    public final class Queue {
        private final String name;

        private Queue(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        /** The messages in it now, not taken. */
        public List<ObjectNode> snapshot() {
            List<ObjectNode> messages = new ArrayList<>();
            process.control().get("/queues/" + name).forEach(message -> messages.add((ObjectNode) message));
            return messages;
        }

        /** Takes the next message, waiting up to {@code wait}. */
        public Optional<ObjectNode> poll(Duration wait) {
            JsonNode message = process.control().get("/queues/" + name + "/take?timeout=" + wait.toMillis(),
                    wait.plusSeconds(10));
            return Optional.ofNullable((ObjectNode) message);
        }

        /** Takes the next message, waiting up to the timeout; fails (with the transcripts) when none comes. */
        public ObjectNode take() {
            return poll(timeout).orElseThrow(() -> fail("no message in queue '" + name + "' within "
                    + timeout.toMillis() + " ms"));
        }
    }

    // --- hooks -------------------------------------------------------------------------------------

    /** Every hook call so far: plugin, hook, arguments, return value, hand-back, times. */
    public List<Trace.Call> trace() {
        return TraceCodec.calls(process.control().get("/trace").path("calls"));
    }

    /** The calls of one hook (e.g. mq_smtp_in_rcptto) in one plugin (its file name, e.g. 10-a.so). */
    public List<Trace.Call> trace(String plugin, String hook) {
        return trace().stream().filter(call -> call.plugin().equals(plugin) && call.hook().equals(hook)).toList();
    }

    /** The rules of the plugin API that plugins broke so far. */
    public List<Trace.Violation> violations() {
        return TraceCodec.violations(process.control().get("/violations"));
    }

    /** The lines plugins wrote with MQ_log (MailerQ 5.6.5 and later) so far, oldest first. */
    public List<Trace.Logged> logs() {
        return TraceCodec.logs(process.control().get("/trace").path("logs"));
    }

    /** The hook calls now waiting for their plugin to hand back control. */
    public List<Suspended> suspended() {
        return TraceCodec.suspended(process.control().get("/suspended"));
    }

    /** The hook calls now inside a plugin's function (a plugin that blocks its worker shows here). */
    public List<Trace.Running> running() {
        return TraceCodec.running(process.control().get("/running"));
    }

    // --- the process -------------------------------------------------------------------------------

    /** The runtime process, for its ports, the control channel and its output. */
    public RuntimeProcess process() {
        return process;
    }

    /** The bound on waits. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * An AssertionError with {@code message}, the SMTP transcripts and the
     * runtime's state (how it ended, or its violations), for test failures.
     */
    public AssertionError fail(String message) {
        StringBuilder text = new StringBuilder(message).append('\n').append(transcripts());
        Optional<RuntimeExit> ended = process.exit();
        if (ended.isPresent()) {
            text.append('\n').append(ended.get().description());
        } else {
            try {
                List<Trace.Violation> violations = violations();
                if (!violations.isEmpty()) {
                    text.append("\nplugin API violations:\n  ").append(violations.stream()
                            .map(Trace.Violation::message).collect(Collectors.joining("\n  ")));
                }
            } catch (RuntimeException e) {
                text.append("\n(the runtime did not answer: ").append(e.getMessage()).append(')');
            }
        }
        return new AssertionError(text.toString());
    }

    /**
     * How the runtime ended, when it ended on its own while the tests ran (a crash, or an exit): asked after a
     * test failed, when its failure may be the runtime's end seen from outside ("Connection refused"); a runtime
     * whose control channel no longer answers gets a few seconds to end. Empty while it runs.
     */
    public Optional<RuntimeExit> endedOnItsOwn() {
        if (process.isAlive()) {
            try {
                process.control().get("/health");
                return Optional.empty();
            } catch (IllegalStateException e) {
                // not answering: the control client waited for the exit; the process tells
            }
        }
        return process.exit();
    }

    /**
     * The failure of a test that met the runtime's end (see {@link #endedOnItsOwn()}): the first says all
     * {@link RuntimeExit#description()} says, the later ones its headline and where the first is; what the test
     * itself saw, e.g. "Connection refused", is its cause. The end is then not reported again by {@link #close()}.
     */
    public synchronized AssertionError endedFailure(RuntimeExit ended, Throwable seen) {
        String text;
        if (!endReported) {
            endReported = true;
            text = ended.description() + "\n" + transcripts();
        } else {
            text = "the runtime " + ended.summary() + ", see the first failing test of this class, and "
                    + process.workDirectory();
        }
        AssertionError failure = new AssertionError(text);
        if (seen != null) {
            failure.initCause(seen);
        }
        return failure;
    }

    /**
     * Stops the runtime and the sink; returns what went wrong: a crash or unclean exit (unless a test already
     * failed with it, {@link #endedFailure}), violations, replies
     * plugins wrote themselves (MQ_SmtpSend), calls inside a hook (a blocked worker) or waiting for their
     * hand-back for the timeout. Calls that are not over get the rest of the timeout; when one is stuck, the
     * runtime is killed at once, since a graceful stop would wait for it; otherwise it stops gracefully
     * (clean-up hooks included), bounded by twice the timeout plus 15 s, and is killed when a clean-up hook
     * blocks its worker for the timeout. Empty when all was well. The final hook trace is in
     * {@link RuntimeProcess#finalTrace()}. A sanitized plugin's reports are problems too
     * ({@link SanitizerFindings}). Calling it again returns the same.
     */
    public synchronized List<String> stop() {
        if (problemsAtStop != null) {
            return problemsAtStop;
        }
        List<String> problems = new ArrayList<>();
        List<Trace.Violation> violations = List.of();
        if (process.isAlive()) {
            try {
                problems.addAll(StuckCalls.verdict(this, timeout));
                violations = violations();
            } catch (RuntimeException e) {
                // it died meanwhile: the exit tells
            }
        }
        for (SmtpClient client : clients) {
            try {
                client.close();
            } catch (UnsolicitedReplyError e) {
                // the trace's record of the plugin's reply names it below
            }
        }
        boolean stuck = !problems.isEmpty();
        exit = stuck ? process.kill() : stopGracefully(problems);
        sink.close();
        JsonNode trace = process.finalTrace().orElse(null);
        // a sanitizer that stopped the runtime tells better than the exit code what happened
        SanitizerFindings sanitizer = SanitizerFindings.read(process.stderrLog(), pluginDirectory, exit.inHooks(),
                release.api());
        problems.addAll(sanitizer.problems());
        if (!exit.clean() && !stuck && !(sanitizer.stoppedTheRuntime() && !exit.crashed() && !exit.killed())
                && !endReported) {
            problems.add(exit.description());
        }
        if (trace != null) {
            problems.addAll(PluginReplies.problems(TraceCodec.sends(trace.path("sends"))));
            // the final trace also has what went wrong while stopping, e.g. in mq_context_cleanup
            violations = TraceCodec.violations(trace.path("violations"));
        }
        for (Trace.Violation violation : violations) {
            problems.add("plugin API violation" + (violation.plugin() == null ? "" : " by " + violation.plugin())
                    + ": " + violation.message());
        }
        problemsAtStop = List.copyOf(problems);
        return problemsAtStop;
    }

    /**
     * {@code POST /stop} and a bounded wait for the exit, watching for a clean-up hook that blocks its worker:
     * then there is no point waiting for the bound.
     */
    private RuntimeExit stopGracefully(List<String> problems) {
        // the runtime waits up to its plugin-timeout for clean-up hooks and 10 s for open connections
        Duration bound = timeout.multipliedBy(2).plusSeconds(15);
        long deadline = System.nanoTime() + bound.toNanos();
        process.requestStop();
        while (System.nanoTime() < deadline) {
            Optional<RuntimeExit> ended = process.awaitExit(Duration.ofMillis(200));
            if (ended.isPresent()) {
                return ended.get();
            }
            try {
                List<Trace.Running> hanging = running().stream()
                        .filter(call -> call.millis() >= timeout.toMillis()).toList();
                if (!hanging.isEmpty()) {
                    hanging.forEach(call -> problems.add(StuckCalls.hang(call, release.api())));
                    return process.kill();
                }
            } catch (RuntimeException e) {
                // the control channel closes as the runtime ends
            }
        }
        RuntimeExit killed = process.kill();
        problems.add("the runtime did not stop within " + bound.toSeconds() + " s: " + killed.description());
        return killed;
    }

    /** How the process ended, after {@link #stop()}. */
    public Optional<RuntimeExit> exit() {
        return Optional.ofNullable(exit);
    }

    /**
     * {@link #stop()}, then fails naming every problem (with the transcripts, and the hook calls up to the
     * end when the runtime crashed or was killed) if there was one.
     */
    @Override
    public void close() {
        List<String> problems = stop();
        if (!problems.isEmpty()) {
            throw new AssertionError("the runtime with the plugins under test "
                    + (problems.size() == 1 ? "had a problem" : "had " + problems.size() + " problems") + ":\n- "
                    + String.join("\n- ", problems) + "\n" + transcripts() + callsUpToTheEnd());
        }
    }

    /** The calls the crash log kept, when the runtime did not stop gracefully; the latest ones if many. */
    private String callsUpToTheEnd() {
        if (exit == null || exit.clean()) {
            return "";
        }
        List<Trace.Call> calls = process.finalTrace().map(trace -> TraceCodec.calls(trace.path("calls")))
                .orElse(List.of());
        if (calls.isEmpty()) {
            return "";
        }
        int shown = Math.min(calls.size(), CALLS_SHOWN);
        return "\nhook calls up to the end" + (shown < calls.size() ? " (the last " + shown + " of " + calls.size()
                + "; all in " + process.crashLog().map(Path::toString).orElse("the crash log") + ")" : "") + ":\n  "
                + calls.subList(calls.size() - shown, calls.size()).stream().map(Trace.Call::toString)
                .collect(Collectors.joining("\n  "));
    }
}
