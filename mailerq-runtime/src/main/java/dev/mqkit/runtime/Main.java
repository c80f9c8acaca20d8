package dev.mqkit.runtime;

import dev.mqkit.api.config.CommandLine;
import dev.mqkit.api.config.ConfigException;
import dev.mqkit.api.config.JvmOptions;
import dev.mqkit.api.config.RuntimeConfig;
import dev.mqkit.api.harness.Announcement;
import dev.mqkit.runtime.control.ControlServer;
import dev.mqkit.runtime.control.CrashJournal;
import dev.mqkit.runtime.control.HookTrace;
import dev.mqkit.runtime.host.CrashHandler;
import dev.mqkit.runtime.host.HookObserver;
import dev.mqkit.runtime.host.LeakCheck;
import dev.mqkit.runtime.host.PluginLoadException;
import dev.mqkit.runtime.queue.JsonMessages;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone command: {@code java -jar mailerq-runtime-VERSION-standalone.jar --config FILE}.
 * Runs until SIGTERM or SIGINT, then stops gracefully and exits 0. {@code --jvm-options} prints the
 * {@link JvmOptions} for the configuration instead.
 */
public final class Main {

    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("outbox", "a JSON message file (one message, an array, or a directory of *.json) to put "
                + "into the outbox at start; may repeat");
    }

    private Main() {}

    public static void main(String[] args) {
        System.setProperty("java.util.logging.manager", ConsoleLog.Manager.class.getName());
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit code (0 after a graceful stop, 1 after a start-up error, 2 for usage). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(OPTIONS, args);
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        if (commandLine.helpRequested()) {
            out.println("Usage: java -jar mailerq-runtime-standalone.jar [--config FILE] [--KEY VALUE]...\n");
            out.println("Runs the embedded MailerQ runtime: SMTP in, the plugins of plugin-directory, queues in "
                    + "memory, delivery to the smarthost or the recipients' MX hosts.\n");
            out.print(CommandLine.help(OPTIONS, commandLine.playedRelease(System.getenv())));
            return 0;
        }
        MailerQRuntime runtime;
        RuntimeConfig config;
        try {
            config = commandLine.config();
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        if (commandLine.jvmOptionsRequested()) {
            out.println(String.join(" ", JvmOptions.forConfig(config)));
            return 0;
        }
        ConsoleLog.install(out);
        config.ignoredWarning().ifPresent(warning ->
                System.getLogger("dev.mqkit.runtime").log(System.Logger.Level.WARNING, warning));
        CrashJournal crashLog = null;
        ControlServer control = null;
        CountDownLatch stopRequested = new CountDownLatch(1);
        // SIGTERM and SIGINT ask for a graceful stop and exit 0, as MailerQ does (a bare shutdown hook would
        // exit 143); installed before start-up, so that a signal during it stops the runtime once it is up
        for (String signal : List.of("TERM", "INT")) {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), received -> stopRequested.countDown());
        }
        HookTrace trace;
        try {
            if (config.crashLog().isPresent()) {
                crashLog = CrashJournal.open(config.crashLog().get());
                CrashHandler.install(config.crashLog().get());
            }
            boolean traced = crashLog != null || config.controlPort().isPresent() || config.traceFile().isPresent();
            trace = traced ? new HookTrace(HookTrace.DEFAULT_LIMIT, crashLog) : null;
            runtime = MailerQRuntime.start(config, trace == null ? HookObserver.NONE : trace);
            List<Path> outbox = commandLine.extra("outbox").stream().map(Path::of).toList();
            if (!outbox.isEmpty()) {
                int sent = JsonMessages.publishToOutbox(runtime.queues(), outbox);
                out.println("put " + sent + " message(s) into the outbox");
            }
            out.println(Announcement.smtpPorts(runtime.ports().plain(), runtime.ports().tls()));
            if (config.controlPort().isPresent()) {
                try {
                    control = ControlServer.start(config.controlPort().get(), runtime, trace, stopRequested::countDown);
                } catch (RuntimeException e) {
                    runtime.close();
                    throw e;
                }
                out.println(Announcement.controlPort(control.port()));
            }
            out.flush();
        } catch (PluginLoadException | ConfigException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("error: cannot start: " + e);
            return 1;
        }
        // after the announcement, so that looking costs the start-up nothing
        if (!heapBounded()) {
            System.getLogger("dev.mqkit.runtime").log(System.Logger.Level.INFO, "the JVM sizes the heap itself "
                    + "(up to " + (Runtime.getRuntime().maxMemory() >> 20) + " MB here); the options the runtime "
                    + "runs best with are printed by java -jar THIS.jar --jvm-options [the same --config and keys]: "
                    + "java $(java -jar THIS.jar --jvm-options ...) -jar THIS.jar ...");
        }
        Thread fallback = new Thread(runtime::close, "shutdown");
        Runtime.getRuntime().addShutdownHook(fallback);
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.getLogger("dev.mqkit.runtime").log(System.Logger.Level.INFO, "stopping");
        runtime.close();
        // a sanitized run looks for leaks now, after mq_cleanup (nothing happens without LeakSanitizer)
        LeakCheck.run();
        if (control != null) {
            control.close();
        }
        if (config.traceFile().isPresent()) {
            try {
                trace.write(config.traceFile().get());
            } catch (IOException e) {
                err.println("error: cannot write the trace-file: " + e.getMessage());
            }
        }
        if (crashLog != null) {
            // it is there for a process that ends without a graceful stop; this one did stop
            crashLog.close();
            deleteQuietly(config.crashLog().get(), err);
        }
        Runtime.getRuntime().removeShutdownHook(fallback);
        return 0;
    }

    /** Whether the java command (or JDK_JAVA_OPTIONS, JAVA_TOOL_OPTIONS) set the maximum heap. */
    private static boolean heapBounded() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream().anyMatch(argument ->
                argument.startsWith("-Xmx") || argument.startsWith("-XX:MaxHeapSize=")
                        || argument.startsWith("-XX:MaxRAM"));
    }

    private static void deleteQuietly(Path file, PrintStream err) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            err.println("error: cannot delete the crash-log: " + e.getMessage());
        }
    }
}
