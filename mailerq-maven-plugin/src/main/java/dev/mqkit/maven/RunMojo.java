package dev.mqkit.maven;

import dev.mqkit.harness.process.RuntimeLauncher;
import dev.mqkit.harness.sink.ReceivedMessage;
import dev.mqkit.harness.sink.SmtpSink;
import dev.mqkit.maven.coverage.CoverageRun;
import dev.mqkit.maven.variant.VariantRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Builds the plugin and runs it in the embedded runtime in the foreground,
 * for trying it by hand (e.g. with swaks), until Ctrl-C. The runtime logs to
 * the console: the plugins in load order, the ports, each message received
 * and each delivery result. Without a smarthost it delivers to an SMTP sink
 * in Maven's own process, which logs each message it receives (envelope,
 * recipients, the first header lines), so what the plugin did to outgoing
 * mail shows; {@code -Dmailerq.smarthost=host:port} delivers elsewhere.
 * Ctrl-C (SIGINT) or SIGTERM stops the runtime gracefully and the goal ends
 * normally; a second one kills the runtime at once.
 */
@Mojo(name = "run", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PACKAGE)
public class RunMojo extends AbstractRuntimeMojo {

    private static final int HEADER_LINES_SHOWN = 6;

    /**
     * The SMTP port the runtime listens on (STARTTLS offered); 0 picks a free one, which the runtime announces as
     * {@code mailerq-runtime smtp-port N}.
     */
    @Parameter(property = "mailerq.port", defaultValue = "2525")
    private int port;

    /** An SMTP port that is TLS from the start (MailerQ's smtp-secure-port); none by default. */
    @Parameter(property = "mailerq.securePort")
    private Integer securePort;

    /** Where mail goes, as {@code host} or {@code host:port}; none: a sink in Maven's process that logs it. */
    @Parameter(property = "mailerq.smarthost")
    private String smarthost;

    /**
     * Runs the coverage build instead ({@code -Dmailerq.coverage}, which also makes the build this goal runs
     * first build it): once the runtime stopped gracefully, {@code mvn mailerq:coverage -Dmailerq.coverage}
     * reports what the session ran. The counts of an earlier run are removed first.
     */
    @Parameter(property = "mailerq.coverage", defaultValue = "false")
    private boolean coverage;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        PluginFiles files = files();
        VariantRun covered = coverage ? CoverageRun.prepare(files.sharedObject()) : null;
        Path pluginDirectory = covered == null ? layOut(files)
                : layOut(files, covered.pluginDirectory(), covered::choose);
        // no crash log or trace file: the runtime's output is on the console
        RuntimeLauncher launcher = launcher(pluginDirectory, runtimeClasspath(), files.workDirectory().resolve("run"))
                .crashLog(false).traceFile(false)
                .config("smtp-port", String.valueOf(port));
        releaseConfig().forEach(launcher::config);
        if (securePort != null) {
            launcher.config("smtp-secure-port", String.valueOf(securePort));
        }
        SmtpSink sink = null;
        if (smarthost != null && !smarthost.isBlank()) {
            String[] hostAndPort = smarthost.trim().split(":", 2);
            launcher.config("smarthost", hostAndPort[0]);
            if (hostAndPort.length == 2) {
                launcher.config("smarthost-port", hostAndPort[1]);
            }
        } else if (!runtimeConfig.containsKey("smarthost")) {
            sink = SmtpSink.builder().onMessage(this::logDelivered).start();
            launcher.config("smarthost", "127.0.0.1").config("smarthost-port", String.valueOf(sink.port()));
            getLog().info("No smarthost given: mail goes to a sink in this process (127.0.0.1:" + sink.port()
                    + "), which logs each message; -Dmailerq.smarthost=host:port delivers elsewhere");
        }
        runtimeConfig.forEach(launcher::config);
        try {
            run(launcher, pluginDirectory);
        } finally {
            if (sink != null) {
                sink.close();
            }
        }
    }

    private void run(RuntimeLauncher launcher, Path pluginDirectory) throws MojoExecutionException,
            MojoFailureException {
        getLog().info("Running the embedded MailerQ runtime with " + pluginDirectory + "; Ctrl-C stops it");
        Process runtime;
        try {
            runtime = launcher.startInForeground();
        } catch (IOException e) {
            throw new MojoExecutionException("cannot start the runtime: " + e.getMessage(), e);
        }
        // Ctrl-C and SIGTERM stop the runtime here instead of ending Maven, so the goal always ends the same way
        StopSignals signals = StopSignals.install(runtime);
        // a stop of Maven by other means (SIGHUP) stops the runtime gracefully as well
        Thread stop = new Thread(() -> stop(runtime), "mailerq-run-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        int exit;
        try {
            exit = runtime.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(runtime);
            return;
        } finally {
            signals.restore();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stop);
        } catch (IllegalStateException shuttingDown) {
            return;
        }
        if (signals.received() != null && exit == 0) {
            getLog().info("The runtime stopped gracefully after " + signals.received());
            return;
        }
        if (exit != 0) {
            throw new MojoFailureException("the runtime exited with code " + exit
                    + (signals.received() == null ? "" : " after " + signals.received()) + " (see its output above)");
        }
    }

    /** One message the sink accepted: envelope, recipients and the first header lines. */
    private void logDelivered(ReceivedMessage message) {
        List<String> lines = message.mime().lines().takeWhile(line -> !line.isEmpty()).toList();
        StringBuilder text = new StringBuilder("Delivered to the sink: from <" + message.envelope() + "> to <"
                + String.join(">, <", message.recipients()) + ">, " + message.data().length + " bytes");
        lines.stream().limit(HEADER_LINES_SHOWN).forEach(line -> text.append("\n    ").append(line));
        if (lines.size() > HEADER_LINES_SHOWN) {
            text.append("\n    (").append(lines.size() - HEADER_LINES_SHOWN).append(" more header lines)");
        }
        getLog().info(text);
    }

    private static void stop(Process runtime) {
        runtime.destroy();
        try {
            runtime.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
