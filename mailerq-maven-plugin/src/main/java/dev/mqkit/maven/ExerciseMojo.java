package dev.mqkit.maven;

import dev.mqkit.maven.api.ApiHistory;
import dev.mqkit.maven.sanitize.SanitizedRun;
import dev.mqkit.runtime.config.ConfigKey;
import dev.mqkit.runtime.config.Values;
import dev.mqkit.runtime.control.HarnessProperties;
import dev.mqkit.test.exercise.Exercise;
import dev.mqkit.test.exercise.ExerciseReport;
import dev.mqkit.test.process.RuntimeLauncher;
import dev.mqkit.test.process.RuntimeProcess;
import dev.mqkit.test.sanitize.SanitizerEnvironment;
import dev.mqkit.test.sanitize.Sanitizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Runs the plugin in the embedded MailerQ runtime, in a process of its own,
 * and drives a scripted scenario that reaches every hook it exports:
 * connect, STARTTLS, AUTH, MAIL, two RCPTs, DATA, delivery to a sink acting
 * as smarthost, QUIT, and the context and global clean-up at shutdown.
 * Writes {@code target/mailerq/exercise.json}, logs a summary, and fails the
 * build naming the plugin, the hook and what happened when the plugin
 * crashes, hangs in a hook, never hands control back or hands it back twice.
 * Then hands the plugin directory to failsafe, whose {@code *IT} tests use
 * it through {@code @MailerQTest}. With {@code -Dmailerq.sanitize=address,undefined} both run on the
 * sanitized build instead (see {@link #sanitize}).
 */
@Mojo(name = "exercise", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class ExerciseMojo extends AbstractRuntimeMojo {

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
    @Parameter(property = HarnessProperties.TIMEOUT, defaultValue = "30s")
    private String timeout;

    /**
     * Runs the exercise and the {@code *IT} tests on the sanitized build that {@code mailerq:compile} made with
     * the same list ({@code -Dmailerq.sanitize=address,undefined}; {@code address}, {@code undefined},
     * {@code leak}), in {@code target/mailerq/sanitize/plugin-directory}, together with the sanitized builds of
     * the plugins it depends on that were built in the same reactor. The runtime's JVM gets the compiler's
     * sanitizer runtimes preloaded and the options it needs beside them; every report fails the build with
     * the kind, the plugin, the hook and the plugin's own lines. The packaged plugin is not affected.
     */
    @Parameter(property = "mailerq.sanitize")
    private String sanitize;

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
        Sanitizers sanitizers = sanitizers(sanitize);
        SanitizedRun sanitized = sanitizers.isEmpty() ? null : SanitizedRun.prepare(sanitizers, sharedObject);
        Path pluginDirectory = sanitized == null ? layOut(files)
                : layOut(files, sanitized.pluginDirectory(), sanitized::choose);
        Map<String, String> environment = sanitized == null ? Map.of() : sanitized.environment();
        String classpath = runtimeClasspath();
        Duration wait;
        try {
            wait = Values.duration(timeout);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("<timeout>" + timeout + "</timeout> (mailerq.timeout): " + e.getMessage()
                    + "; write e.g. 500ms, 30s or 2m");
        }
        // failsafe hands user properties to the tests' JVM: @MailerQTest finds the plugins there
        session.getUserProperties().setProperty(HarnessProperties.PLUGIN_DIRECTORY, pluginDirectory.toString());
        session.getUserProperties().setProperty(HarnessProperties.RUNTIME_CLASSPATH, classpath);
        session.getUserProperties().setProperty(HarnessProperties.TIMEOUT, timeout);
        Map<String, String> releaseConfig = releaseConfig();
        session.getUserProperties().remove(HarnessProperties.CONFIG_PREFIX + ConfigKey.PLUGIN_API_VERSION.key());
        releaseConfig.forEach((key, value) -> session.getUserProperties()
                .setProperty(HarnessProperties.CONFIG_PREFIX + key, value));
        // blank when not sanitized, so that what an earlier module's sanitized run set does not stay
        for (String name : SanitizerEnvironment.NAMES) {
            session.getUserProperties().setProperty(HarnessProperties.RUNTIME_ENVIRONMENT_PREFIX + name,
                    environment.getOrDefault(name, ""));
        }
        if (skipExercise) {
            getLog().info("Skipping the exercise (mailerq.exercise.skip)");
            return;
        }

        String name = sharedObject.getFileName().toString();
        getLog().info("Exercising " + name + " in the embedded runtime (timeout " + timeout + ")"
                + (sanitized == null ? "" : "; " + sanitized.describe()));
        RuntimeLauncher runtime = RuntimeProcess.builder()
                .pluginDirectory(pluginDirectory)
                .classpath(classpath)
                .workDirectory(files.workDirectory().resolve("exercise"))
                .config("plugin-timeout", wait.toMillis() + "ms");
        releaseConfig.forEach(runtime::config);
        runtimeConfig.forEach(runtime::config);
        environment.forEach(runtime::environment);
        ExerciseReport report = Exercise.run(runtime, wait, line -> getLog().info("  " + line));
        if (sanitized != null) {
            report.sanitizedBy(sanitizers, sanitized.runtimes());
        }
        List<String> unreached = report.unreached(name);
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
        if (unreached.isEmpty()) {
            getLog().info("Every hook of " + name + " was reached; details in " + json);
        } else {
            getLog().warn(name + " exports " + String.join(", ", unreached) + ", which the exercise did not reach "
                    + "(did an earlier plugin complete the hook with " + ApiHistory.nameIn("MQ_Complete", release())
                    + "?); details in " + json);
        }
    }
}
