package dev.mqkit.harness.process;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mqkit.api.harness.Announcement;
import dev.mqkit.api.harness.CrashLog;
import dev.mqkit.api.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The runtime in a process of its own ({@code java -cp CLASSPATH dev.mqkit.runtime.Main --control-port 0 ...}),
 * so that a plugin that crashes takes down only that process. Reads the ports the runtime announces on stdout,
 * talks to its control channel and, once it ended, tells how: exit code, or the signal that killed it with the
 * plugin and hook that were running and the last lines it wrote.
 *
 * <pre>{@code
 * try (RuntimeProcess runtime = RuntimeProcess.builder().pluginDirectory(dir).config("workers", "1").start()) {
 *     int port = runtime.smtpPorts().get(0);
 *     JsonNode trace = runtime.control().get("/trace");
 *     RuntimeExit exit = runtime.stop(Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class RuntimeProcess implements AutoCloseable {

    private static final int KEPT_LINES = 200;
    /** The files the runtime writes in the work directory. */
    static final String CRASH_LOG = "crash.log";
    static final String TRACE_FILE = "trace.json";
    static final String STDOUT_LOG = "stdout.log";
    static final String STDERR_LOG = "stderr.log";

    private final Process process;
    private final Path workDirectory;
    private final Path crashLog;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final CompletableFuture<Announcement.SmtpPorts> smtp = new CompletableFuture<>();
    private final CompletableFuture<ControlClient> control = new CompletableFuture<>();
    private final List<Thread> pumps = new ArrayList<>();
    private final Thread killAtExit;
    private volatile boolean killed;
    private RuntimeExit exit;
    private Optional<CrashLog.Contents> crashLogContents = Optional.empty();

    RuntimeProcess(Process process, Path workDirectory, Path crashLog) {
        this.process = process;
        this.workDirectory = workDirectory;
        this.crashLog = crashLog;
        pumps.add(pump(process.getInputStream(), STDOUT_LOG, true));
        pumps.add(pump(process.getErrorStream(), STDERR_LOG, false));
        // a test JVM that ends without closing this must not leave the runtime running
        killAtExit = new Thread(process::destroyForcibly, "mailerq-runtime-kill");
        Runtime.getRuntime().addShutdownHook(killAtExit);
    }

    /** How to start one: plugin directory, configuration, class path, JVM. */
    public static RuntimeLauncher builder() {
        return new RuntimeLauncher();
    }

    private Thread pump(InputStream stream, String logFile, boolean announcements) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
                 Writer log = Files.newBufferedWriter(workDirectory.resolve(logFile), StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    log.write(line);
                    log.write('\n');
                    log.flush();
                    synchronized (lastLines) {
                        lastLines.addLast(line);
                        if (lastLines.size() > KEPT_LINES) {
                            lastLines.removeFirst();
                        }
                    }
                    if (announcements) {
                        announced(line);
                    }
                }
            } catch (IOException e) {
                // the process is gone
            } finally {
                smtp.completeExceptionally(new IllegalStateException("the runtime's output ended"));
                control.completeExceptionally(new IllegalStateException("the runtime's output ended"));
            }
        }, "mailerq-runtime-" + logFile);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void announced(String line) {
        if (!smtp.isDone()) {
            Announcement.parseSmtpPorts(line).ifPresent(smtp::complete);
        }
        Announcement.parseControlPort(line).ifPresent(port -> control.complete(new ControlClient(port, this::awaitExit)));
    }

    void awaitStart(Duration timeout) {
        try {
            control.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            smtp.get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            terminate();
            throw new IllegalStateException("interrupted while the runtime started");
        } catch (ExecutionException e) {
            RuntimeExit ended = awaitExit(Duration.ofSeconds(10)).orElseGet(() -> {
                terminate();
                return awaitExit(Duration.ofSeconds(10)).orElse(null);
            });
            throw new IllegalStateException("the runtime did not start: "
                    + (ended == null ? "its output ended" : ended.description()));
        } catch (TimeoutException e) {
            terminate();
            RuntimeExit ended = awaitExit(Duration.ofSeconds(10)).orElse(null);
            throw new IllegalStateException("the runtime did not announce its control port within "
                    + timeout.toMillis() + " ms and was killed; "
                    + (ended == null ? "" : ended.description()));
        }
    }

    // --- where it listens --------------------------------------------------------------

    public long pid() {
        return process.pid();
    }

    public int controlPort() {
        return control().port();
    }

    /** The plain SMTP ports (STARTTLS offered), as announced. */
    public List<Integer> smtpPorts() {
        return smtp.join().plain();
    }

    /** The SMTP ports that are TLS from the start (smtp-secure-port), as announced. */
    public List<Integer> smtpSecurePorts() {
        return smtp.join().secure();
    }

    /** Where the output ({@code stdout.log}, {@code stderr.log}), crash log and JVM error files are. */
    public Path workDirectory() {
        return workDirectory;
    }

    /** The crash log the runtime keeps, if it was started with one (until it stops gracefully). */
    public Optional<Path> crashLog() {
        return Optional.ofNullable(crashLog);
    }

    /** The file the process's stderr goes to, where sanitizers report. */
    public Path stderrLog() {
        return workDirectory.resolve(STDERR_LOG);
    }

    // --- control channel -----------------------------------------------------------------

    /** The control channel: the hook trace, the queues, a graceful stop. */
    public ControlClient control() {
        return control.join();
    }

    // --- ending ------------------------------------------------------------------------------

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Stops gracefully: {@code POST /stop}, waits up to {@code timeout} for the process to exit, then
     * SIGTERM and at last SIGKILL ({@link RuntimeExit#killed()}).
     */
    public RuntimeExit stop(Duration timeout) {
        if (process.isAlive()) {
            requestStop();
            if (awaitExit(timeout).isEmpty()) {
                terminate();
            }
        }
        return ended();
    }

    /** Asks for a graceful stop ({@code POST /stop}) and returns at once; {@link #awaitExit} waits for it. */
    public void requestStop() {
        try {
            control().post("/stop", null);
        } catch (IllegalStateException e) {
            // gone already, or not answering: whoever waits for the exit decides
        }
    }

    /**
     * Kills the process at once (SIGKILL), for when a graceful stop cannot succeed: a worker blocked inside a
     * hook, or a call whose hand-back the stop would wait for. The crash log keeps the calls up to then.
     */
    public RuntimeExit kill() {
        if (process.isAlive()) {
            killed = true;
            process.destroyForcibly();
        }
        return ended();
    }

    private RuntimeExit ended() {
        return awaitExit(Duration.ofSeconds(30)).orElseThrow(() ->
                new IllegalStateException("the runtime process " + pid() + " does not end"));
    }

    /** SIGTERM, then SIGKILL after 5 s. */
    private void terminate() {
        killed = true;
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** How the process ended, once it has. */
    public Optional<RuntimeExit> exit() {
        return process.isAlive() ? Optional.empty() : awaitExit(Duration.ZERO);
    }

    /** Waits up to {@code timeout} for the process to end; how it ended. */
    public synchronized Optional<RuntimeExit> awaitExit(Duration timeout) {
        if (exit != null) {
            return Optional.of(exit);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
            for (Thread pump : pumps) {
                pump.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killAtExit);
        } catch (IllegalStateException e) {
            // the JVM is shutting down
        }
        crashLogContents = crashLog == null ? Optional.empty() : CrashLog.read(crashLog);
        exit = RuntimeExit.of(process.exitValue(), killed, lastLines(), crashLogContents,
                RuntimeExit.errorFile(workDirectory, process.pid()));
        return Optional.of(exit);
    }

    /**
     * The hook trace once the process has ended ({@code {"plugins":[...],"calls":[...],"sends":[...],
     * "violations":[...]}}): the one the runtime wrote when it stopped, clean-up hooks included; after a crash
     * or a kill, the one the crash log kept up to then; empty when there is neither.
     */
    public Optional<JsonNode> finalTrace() {
        Path file = workDirectory.resolve(TRACE_FILE);
        if (process.isAlive()) {
            return Optional.empty();
        }
        if (Files.exists(file)) {
            try {
                return Optional.of(Json.MAPPER.readTree(file.toFile()));
            } catch (IOException e) {
                // cut short: the crash log may still tell
            }
        }
        return awaitExit(Duration.ZERO).flatMap(ended -> crashLogContents).map(CrashLog.Contents::trace);
    }

    /** The last lines of stdout and stderr, as they came. */
    public List<String> lastLines() {
        synchronized (lastLines) {
            return new ArrayList<>(lastLines);
        }
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            terminate();
        }
        awaitExit(Duration.ofSeconds(10));
    }
}
