package dev.mqkit.maven;

import dev.mqkit.maven.platform.PluginDescriptor;
import dev.mqkit.runtime.config.Values;
import dev.mqkit.runtime.exercise.Exercise;
import dev.mqkit.runtime.exercise.ExerciseReport;
import dev.mqkit.runtime.junit.RuntimeProcess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs the plugin in the embedded MailerQ runtime, in a process of its own,
 * and drives a scripted scenario that reaches every hook it exports:
 * connect, STARTTLS, AUTH, MAIL, two RCPTs, DATA, delivery to a sink acting
 * as smarthost, QUIT, and the context and global clean-up at shutdown.
 * Writes {@code target/mailerq/exercise.json}, logs a summary, and fails the
 * build naming the plugin, the hook and what happened when the plugin
 * crashes, hangs in a hook, never hands control back or hands it back twice.
 * Then hands the plugin directory to failsafe, whose {@code *IT} tests use
 * it through {@code @MailerQTest}.
 */
@Mojo(name = "exercise", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public class ExerciseMojo extends AbstractPluginMojo {

    /** Skips the exercise and the plugin's integration tests, as for failsafe. */
    @Parameter(property = "skipITs", defaultValue = "false")
    private boolean skipITs;

    /** Skips the exercise only; failsafe still runs the plugin's own integration tests. */
    @Parameter(property = "mailerq.exercise.skip", defaultValue = "false")
    private boolean skipExercise;

    /**
     * How long the runtime waits for a plugin to hand back control, and the
     * exercise for each SMTP reply and for the deliveries (e.g. {@code 10s},
     * {@code 500ms}, {@code 2m}; a bare number is seconds).
     */
    @Parameter(property = "mailerq.timeout", defaultValue = "30s")
    private String timeout;

    /** Runtime configuration keys for the exercise, e.g. {@code <workers>1</workers>}. */
    @Parameter
    private Map<String, String> runtimeConfig;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private org.apache.maven.plugin.descriptor.PluginDescriptor plugin;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipITs) {
            getLog().info("Skipping the exercise and the integration tests (skipITs)");
            return;
        }
        PluginFiles files = files();
        Path sharedObject = files.sharedObject();
        if (!Files.isRegularFile(sharedObject)) {
            throw new MojoFailureException(sharedObject + " does not exist: run the build up to integration-test "
                    + "(mvn verify), not the goal alone");
        }
        Path pluginDirectory = layOut(files, sharedObject);
        String classpath = runtimeClasspath();
        Duration wait;
        try {
            wait = Values.duration(timeout);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("<timeout>" + timeout + "</timeout> (mailerq.timeout): " + e.getMessage()
                    + "; write e.g. 500ms, 30s or 2m");
        }
        // failsafe hands user properties to the tests' JVM: @MailerQTest finds the plugins there
        session.getUserProperties().setProperty("mailerq.pluginDirectory", pluginDirectory.toString());
        session.getUserProperties().setProperty("mailerq.runtime.classpath", classpath);
        session.getUserProperties().setProperty("mailerq.timeout", wait.toMillis() + "ms");
        if (skipExercise) {
            getLog().info("Skipping the exercise (mailerq.exercise.skip)");
            return;
        }

        String name = sharedObject.getFileName().toString();
        getLog().info("Exercising " + name + " in the embedded runtime (timeout " + timeout + ")");
        RuntimeProcess.Builder runtime = RuntimeProcess.builder()
                .pluginDirectory(pluginDirectory)
                .classpath(classpath)
                .workDirectory(files.workDirectory().resolve("exercise"))
                .config("plugin-timeout", wait.toMillis() + "ms");
        if (runtimeConfig != null) {
            runtimeConfig.forEach(runtime::config);
        }
        ExerciseReport report = Exercise.run(runtime, wait, line -> getLog().info("  " + line));
        report.requireCalled(name, exportedHooks(files));
        Path json = files.workDirectory().resolve("exercise.json");
        try {
            report.write(json);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write " + json, e);
        }
        report.summary().forEach(line -> getLog().info(line));
        if (!report.passed()) {
            throw new MojoFailureException("The exercise of " + name + " failed:\n- "
                    + String.join("\n- ", report.problems()) + "\nDetails: " + json);
        }
        getLog().info("Every hook of " + name + " was reached; details in " + json);
    }

    /** target/mailerq/plugin-directory with the plugin under its numbered name, as MailerQ would load it. */
    private Path layOut(PluginFiles files, Path sharedObject) throws MojoExecutionException {
        Path directory = files.workDirectory().resolve("plugin-directory");
        try {
            Files.createDirectories(directory);
            try (Stream<Path> old = Files.list(directory)) {
                for (Path stale : old.filter(file -> file.toString().endsWith(".so")).toList()) {
                    Files.delete(stale);
                }
            }
            Files.copy(sharedObject, directory.resolve(sharedObject.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot lay out " + directory + ": " + e.getMessage(), e);
        }
        return directory;
    }

    /** The runtime this plugin goal came with: its own version, whatever the project declares. */
    private String runtimeClasspath() {
        return plugin.getArtifacts().stream().map(Artifact::getFile).filter(file -> file != null)
                .map(File::getAbsolutePath).collect(Collectors.joining(File.pathSeparator));
    }

    private LinkedHashSet<String> exportedHooks(PluginFiles files) throws MojoExecutionException {
        try {
            return new LinkedHashSet<>(PluginDescriptor.read(files.descriptor()).hooks());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read " + files.descriptor() + ": " + e.getMessage(), e);
        }
    }
}
