package dev.mqkit.maven;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
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
 * and each delivery result. Without a smarthost it delivers to the
 * recipients' MX hosts; set one with {@code -Dmailerq.smarthost=host:port}.
 */
@Mojo(name = "run", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PACKAGE)
public class RunMojo extends AbstractRuntimeMojo {

    /** The SMTP port the runtime listens on (STARTTLS offered); 0 picks a free one. */
    @Parameter(property = "mailerq.port", defaultValue = "2525")
    private int port;

    /** An SMTP port that is TLS from the start (MailerQ's smtp-secure-port); none by default. */
    @Parameter(property = "mailerq.securePort")
    private Integer securePort;

    /** Where mail goes, as {@code host} or {@code host:port}; none: the recipients' MX hosts. */
    @Parameter(property = "mailerq.smarthost")
    private String smarthost;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Path pluginDirectory = layOut(files());
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", runtimeClasspath(), "dev.mqkit.runtime.Main",
                "--plugin-directory", pluginDirectory.toString(),
                "--smtp-port", String.valueOf(port),
                "--" + MAILERQ_VERSION_KEY, release().toString()));
        if (securePort != null) {
            command.addAll(List.of("--smtp-secure-port", String.valueOf(securePort)));
        }
        if (smarthost != null && !smarthost.isBlank()) {
            String[] hostAndPort = smarthost.trim().split(":", 2);
            command.addAll(List.of("--smarthost", hostAndPort[0]));
            if (hostAndPort.length == 2) {
                command.addAll(List.of("--smarthost-port", hostAndPort[1]));
            }
        }
        runtimeConfig.forEach((key, value) -> command.addAll(List.of("--" + key, value)));

        getLog().info("Running the embedded MailerQ runtime with " + pluginDirectory + "; Ctrl-C stops it");
        Process runtime;
        try {
            runtime = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            throw new MojoExecutionException("cannot start the runtime: " + e.getMessage(), e);
        }
        // Ctrl-C reaches the runtime too; a stop of Maven by other means stops it gracefully as well
        Thread stop = new Thread(() -> stop(runtime), "mailerq-run-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        int exit;
        try {
            exit = runtime.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(runtime);
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stop);
        } catch (IllegalStateException shuttingDown) {
            // Maven itself is stopping (Ctrl-C): the hook stopped the runtime, which is what was asked for
            return;
        }
        if (exit != 0) {
            throw new MojoFailureException("the runtime exited with code " + exit + " (see its output above)");
        }
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
