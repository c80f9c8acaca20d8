package dev.mqkit.runtime.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mqkit.runtime.Main;
import dev.mqkit.runtime.control.CrashLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runtime in a process of its own ({@code java -cp CLASSPATH dev.mqkit.runtime.Main --control-port 0 ...}),
 * so that a plugin that crashes takes down only that process. Reads the ports the runtime announces on stdout,
 * talks to its control channel and, once it ended, tells how: exit code, or the signal that killed it with the
 * plugin and hook that were running and the last lines it wrote.
 *
 * <pre>{@code
 * try (RuntimeProcess runtime = RuntimeProcess.builder().pluginDirectory(dir).config("workers", "1").start()) {
 *     int port = runtime.smtpPorts().get(0);
 *     JsonNode trace = runtime.get("/trace");
 *     RuntimeProcess.Exit exit = runtime.stop(Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class RuntimeProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KEPT_LINES = 200;
    private static final Pattern ANNOUNCED_PORTS = Pattern.compile(
            "^" + Main.ANNOUNCE + "(?: smtp-port ([0-9,]+))?(?: smtp-secure-port ([0-9,]+))?$");
    private static final Pattern ANNOUNCED_CONTROL = Pattern.compile("^" + Main.ANNOUNCE + " control-port (\\d+)$");
    private static final Pattern JVM_SIGNAL = Pattern.compile("#\\s+(SIG[A-Z]+) \\(0x[0-9a-f]+\\)");
    private static final Pattern JVM_FRAME = Pattern.compile("^#\\s+[Cj]\\s+\\[.*");

    private final Process process;
    private final Path workDirectory;
    private final Path crashLog;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final CompletableFuture<int[][]> smtp = new CompletableFuture<>();
    private final CompletableFuture<Integer> control = new CompletableFuture<>();
    private final List<Thread> pumps = new ArrayList<>();
    private final Thread killAtExit;
    private volatile boolean killed;
    private volatile boolean stopRequested;
    private Exit exit;

    private RuntimeProcess(Process process, Path workDirectory, Path crashLog) {
        this.process = process;
        this.workDirectory = workDirectory;
        this.crashLog = crashLog;
        pumps.add(pump(process.getInputStream(), "stdout", true));
        pumps.add(pump(process.getErrorStream(), "stderr", false));
        // a test JVM that ends without closing this must not leave the runtime running
        killAtExit = new Thread(process::destroyForcibly, "mailerq-runtime-kill");
        Runtime.getRuntime().addShutdownHook(killAtExit);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How to start the runtime process. */
    public static final class Builder {
        private Path pluginDirectory;
        private final Map<String, String> config = new LinkedHashMap<>();
        private String classpath = System.getProperty("java.class.path");
        private Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        private final List<String> jvmArguments = new ArrayList<>(List.of(
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-CreateCoredumpOnCrash",
                "-Djava.awt.headless=true"));
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path workDirectory;
        private boolean crashLog = true;
        private boolean traceFile = true;
        private Duration startTimeout = Duration.ofSeconds(60);

        private Builder() {}

        /** The directory with the plugins, numbered in the order they run (plugin-directory). */
        public Builder pluginDirectory(Path directory) {
            this.pluginDirectory = directory;
            return this;
        }

        /** Any runtime configuration key, passed as {@code --key value}; later calls win. */
        public Builder config(String key, String value) {
            config.put(key, value);
            return this;
        }

        /** The class path to start {@code dev.mqkit.runtime.Main} from; default: this JVM's. */
        public Builder classpath(String classpath) {
            this.classpath = classpath;
            return this;
        }

        /** The runtime's standalone jar (classifier {@code standalone}) instead of a class path. */
        public Builder jar(Path jar) {
            this.classpath = jar.toAbsolutePath().toString();
            return this;
        }

        /** The java command; default: the one running this JVM. */
        public Builder java(Path java) {
            this.java = java;
            return this;
        }

        /** An extra argument for the runtime's JVM, e.g. {@code -Xmx256m}. */
        public Builder jvmArgument(String argument) {
            jvmArguments.add(argument);
            return this;
        }

        /** An environment variable for the runtime process (its plugins see it). */
        public Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** Where the process's output, crash log and JVM error files go; default: a new temporary directory. */
        public Builder workDirectory(Path directory) {
            this.workDirectory = directory.toAbsolutePath();
            return this;
        }

        /** Whether the runtime writes the crash log that names the hook of a crash (default: true). */
        public Builder crashLog(boolean enabled) {
            this.crashLog = enabled;
            return this;
        }

        /** Whether the runtime writes its final hook trace to {@code trace.json} when it stops (default: true). */
        public Builder traceFile(boolean enabled) {
            this.traceFile = enabled;
            return this;
        }

        /** How long the process may take to announce its ports (default: 60 s). */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** The command line {@link #start()} runs. */
        public List<String> command() {
            Path work = workDirectory();
            List<String> command = new ArrayList<>();
            command.add(java.toString());
            command.addAll(jvmArguments);
            command.add("-XX:ErrorFile=" + work.resolve("hs_err_pid%p.log"));
            command.add("-cp");
            command.add(classpath);
            command.add(Main.class.getName());
            Map<String, String> all = new LinkedHashMap<>();
            all.put("control-port", "0");
            all.put("smtp-port", "0");
            if (pluginDirectory != null) {
                all.put("plugin-directory", pluginDirectory.toAbsolutePath().toString());
            }
            if (crashLog) {
                all.put("crash-log", work.resolve("crash.log").toString());
            }
            if (traceFile) {
                all.put("trace-file", work.resolve("trace.json").toString());
            }
            all.putAll(config);
            all.forEach((key, value) -> {
                command.add("--" + key);
                command.add(value);
            });
            return command;
        }

        private Path workDirectory() {
            try {
                if (workDirectory == null) {
                    workDirectory = Files.createTempDirectory("mailerq-runtime");
                }
                Files.createDirectories(workDirectory);
                return workDirectory;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Starts the process and waits until its control channel is up.
         *
         * @throws IllegalStateException when it ends or stays silent before that, with how it ended and its
         *         last output
         */
        public RuntimeProcess start() {
            List<String> command = command();
            try {
                // what an earlier run in the same directory left must not be taken for this one's
                Files.deleteIfExists(workDirectory().resolve("trace.json"));
                Files.deleteIfExists(workDirectory().resolve("crash.log"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory().toFile());
            builder.environment().putAll(environment);
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the runtime: " + String.join(" ", command), e);
            }
            RuntimeProcess runtime = new RuntimeProcess(process, workDirectory(),
                    crashLog ? workDirectory().resolve("crash.log") : null);
            runtime.awaitStart(startTimeout);
            return runtime;
        }
    }

    private Thread pump(InputStream stream, String name, boolean announcements) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
                 Writer log = Files.newBufferedWriter(workDirectory.resolve(name + ".log"), StandardCharsets.UTF_8)) {
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
        }, "mailerq-runtime-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void announced(String line) {
        Matcher ports = ANNOUNCED_PORTS.matcher(line);
        if (!smtp.isDone() && ports.matches()) {
            smtp.complete(new int[][] {ports(ports.group(1)), ports(ports.group(2))});
        }
        Matcher controlPort = ANNOUNCED_CONTROL.matcher(line);
        if (controlPort.matches()) {
            control.complete(Integer.parseInt(controlPort.group(1)));
        }
    }

    private static int[] ports(String list) {
        return list == null ? new int[0] : Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private void awaitStart(Duration timeout) {
        try {
            control.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            smtp.get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IllegalStateException("interrupted while the runtime started");
        } catch (ExecutionException e) {
            Exit ended = awaitExit(Duration.ofSeconds(10)).orElseGet(() -> {
                kill();
                return awaitExit(Duration.ofSeconds(10)).orElse(null);
            });
            throw new IllegalStateException("the runtime did not start: "
                    + (ended == null ? "its output ended" : ended.description()));
        } catch (TimeoutException e) {
            kill();
            Exit ended = awaitExit(Duration.ofSeconds(10)).orElse(null);
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
        return control.join();
    }

    /** The plain SMTP ports (STARTTLS offered), as announced. */
    public List<Integer> smtpPorts() {
        return Arrays.stream(smtp.join()[0]).boxed().toList();
    }

    /** The SMTP ports that are TLS from the start (smtp-secure-port), as announced. */
    public List<Integer> smtpSecurePorts() {
        return Arrays.stream(smtp.join()[1]).boxed().toList();
    }

    /** Where the output ({@code stdout.log}, {@code stderr.log}), crash log and JVM error files are. */
    public Path workDirectory() {
        return workDirectory;
    }

    // --- control channel -----------------------------------------------------------------

    /** {@code GET path} on the control channel, e.g. {@code /trace}; null for 204 (nothing). */
    public JsonNode get(String path) {
        return call(HttpRequest.newBuilder(uri(path)).GET(), Duration.ofSeconds(30));
    }

    /** {@code GET path}, allowing the answer this long (for {@code /queues/NAME/take?timeout=MS}). */
    public JsonNode get(String path, Duration timeout) {
        return call(HttpRequest.newBuilder(uri(path)).GET(), timeout);
    }

    /** {@code POST path} with a JSON body. */
    public JsonNode post(String path, JsonNode body) {
        return call(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : body.toString())),
                Duration.ofSeconds(30));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + controlPort() + path);
    }

    private JsonNode call(HttpRequest.Builder request, Duration timeout) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to the runtime");
        } catch (IOException e) {
            Optional<Exit> ended = awaitExit(Duration.ofSeconds(e instanceof ConnectException ? 5 : 1));
            throw new IllegalStateException(ended.map(exit -> "the runtime is gone: " + exit.description())
                    .orElse("the runtime's control channel did not answer: " + e), e);
        }
        if (response.statusCode() == 204) {
            return null;
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("the runtime answered " + response.statusCode() + " with no JSON: "
                    + response.body());
        }
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("the runtime answered " + response.statusCode() + ": "
                    + body.path("error").asText(body.toString()));
        }
        return body;
    }

    // --- ending ------------------------------------------------------------------------------

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Stops gracefully: {@code POST /stop}, waits up to {@code timeout} for the process to exit, then
     * SIGTERM and at last SIGKILL ({@link Exit#killed()}).
     */
    public Exit stop(Duration timeout) {
        if (process.isAlive()) {
            stopRequested = true;
            try {
                post("/stop", null);
            } catch (IllegalStateException e) {
                // gone already, or not answering: the waits below decide
            }
            if (awaitExit(timeout).isEmpty()) {
                kill();
            }
        }
        return awaitExit(Duration.ofSeconds(30)).orElseThrow(() ->
                new IllegalStateException("the runtime process " + pid() + " does not end"));
    }

    private void kill() {
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
    public Optional<Exit> exit() {
        return process.isAlive() ? Optional.empty() : awaitExit(Duration.ZERO);
    }

    /** Waits up to {@code timeout} for the process to end; how it ended. */
    public synchronized Optional<Exit> awaitExit(Duration timeout) {
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
        exit = Exit.of(process.exitValue(), killed, stopRequested, lastLines(),
                crashLog == null ? List.of() : CrashLog.inHooks(crashLog),
                workDirectory.resolve("hs_err_pid" + process.pid() + ".log"));
        return Optional.of(exit);
    }

    /**
     * The hook trace the runtime wrote when it stopped ({@code {"calls":[...],"violations":[...]}}, clean-up
     * hooks included), once it has ended; empty when it ended without writing one (a crash, a kill).
     */
    public Optional<JsonNode> finalTrace() {
        Path file = workDirectory.resolve("trace.json");
        if (process.isAlive() || !Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            return Optional.empty();
        }
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
            kill();
        }
        awaitExit(Duration.ofSeconds(10));
    }

    /**
     * How the process ended.
     *
     * @param code      its exit value (128+N after signal N)
     * @param signal    the signal that ended it, e.g. SIGSEGV (for a crash the JVM caught, the signal it
     *                  reported), or null
     * @param crashed   whether it died of a signal it did not ask for (not after {@link #stop} killed it)
     * @param killed    whether {@link #stop} or {@link #close} had to kill it
     * @param inHooks   the hooks that were being called when it ended (from the crash log)
     * @param frame     the JVM's "problematic frame" line of a crash, or null
     * @param lastLines the last lines of its output
     */
    public record Exit(int code, String signal, boolean crashed, boolean killed, List<CrashLog.InHook> inHooks,
                       String frame, List<String> lastLines) {

        static Exit of(int code, boolean killed, boolean stopRequested, List<String> lines,
                       List<CrashLog.InHook> inHooks, Path errorFile) {
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
            return new Exit(code, signal, crashed, killed, List.copyOf(inHooks), frame, List.copyOf(lines));
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
