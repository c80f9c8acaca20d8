package dev.mqkit.maven;

import dev.mqkit.api.config.ConfigKey;
import dev.mqkit.api.config.Values;
import dev.mqkit.api.harness.HarnessProperties;
import dev.mqkit.harness.exercise.ExerciseExpectation;
import dev.mqkit.harness.process.RuntimeLauncher;
import dev.mqkit.harness.sanitize.SanitizerEnvironment;
import dev.mqkit.harness.sanitize.Sanitizers;
import dev.mqkit.maven.coverage.CoverageRun;
import dev.mqkit.maven.sanitize.SanitizedRun;
import dev.mqkit.maven.variant.VariantRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.plugin.MojoExecution;
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
 * It hands the plugin directory to failsafe, whose {@code *IT} tests use
 * it through {@code @MailerQTest}, and runs alongside them: the log and the
 * failure come at verify, from {@code mailerq:verify} (see {@link #alongside}). With {@code -Dmailerq.sanitize=address,undefined} both run on the
 * sanitized build instead (see {@link #sanitize}), with {@code -Dmailerq.coverage} on the coverage build (see
 * {@link #coverage}).
 */
@Mojo(name = "exercise", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class ExerciseMojo extends AbstractRuntimeMojo {

    /** The phases of the default lifecycle from verify on: a build that reaches one runs mailerq:verify. */
    private static final Set<String> PHASES_FROM_VERIFY = Set.of("verify", "install", "deploy");

    /** Skips the exercise and the plugin's integration tests, as for failsafe. */
    @Parameter(property = "skipITs", defaultValue = "false")
    private boolean skipITs;

    /**
     * Skips the exercise only; the plugin directory is still laid out and failsafe still runs the plugin's own
     * integration tests.
     */
    @Parameter(property = "mailerq.exercise.skip", defaultValue = "false")
    private boolean skipExercise;

    /**
     * Where the exercise expects its two accepted messages to go. {@code delivered} (the default): each is
     * delivered to the sink, unless a plugin keeps it in the local queue with {@code MQ_setLocal} (4.0+), which
     * is no failure: such a plugin is judged by the hooks it exports, and the delivery hooks it never meets are
     * not held against it. {@code local}: each must go to the local queue, for a plugin that keeps mail back.
     * Either way the exercise waits only until each message went somewhere, and its log says where each went
     * (delivered, local queue, refused, failed, retried).
     */
    @Parameter(property = "mailerq.exercise.expect", defaultValue = "delivered")
    private String exerciseExpect;

    /**
     * How long the runtime waits for a plugin to hand back control (its key
     * {@code plugin-timeout}), and the exercise and the tests for each SMTP
     * reply, queue message and delivery (e.g. {@code 10s}, {@code 500ms},
     * {@code 2m}; a bare number is seconds).
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

    /**
     * Runs the exercise and the {@code *IT} tests on the coverage build that {@code mailerq:compile} made
     * ({@code -Dmailerq.coverage}), in {@code target/mailerq/coverage/plugin-directory}, together with the coverage
     * builds of the plugins it depends on that were built in the same reactor. The counts of an earlier build are
     * removed first; every runtime process then adds its counts to the {@code .gcda} files as it exits (gcov's
     * runtime locks each file while it merges, so the exercise and the test classes may run at once), and
     * {@code mailerq:coverage} reports them at verify. The packaged plugin is not affected.
     */
    @Parameter(property = "mailerq.coverage", defaultValue = "false")
    private boolean coverage;

    /**
     * Runs the exercise alongside the plugin's integration tests, so that the build does not wait for one
     * before the other; {@code mailerq:verify} then gives its outcome (log and failure) at verify, before
     * failsafe's. The exercise's runtime and a test class's then run at the same time, each on ports of its own:
     * {@code false} runs the exercise before the tests, for a plugin that holds something only one process can
     * (a fixed port, a file it locks). It also runs before them when the build ends before verify or the goal is
     * called by itself.
     */
    @Parameter(property = "mailerq.exercise.alongside", defaultValue = "true")
    private boolean alongside;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private MojoExecution mojoExecution;

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
        variant(sanitize, coverage); // fails when both are asked
        Sanitizers sanitizers = sanitizers(sanitize);
        SanitizedRun sanitized = sanitizers.isEmpty() ? null : SanitizedRun.prepare(sanitizers, sharedObject);
        VariantRun variantRun = sanitized != null ? sanitized.run() : coverage ? CoverageRun.prepare(sharedObject) : null;
        Path pluginDirectory = variantRun == null ? layOut(files)
                : layOut(files, variantRun.pluginDirectory(), variantRun::choose);
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
        // the tests' runtimes get the same environment as the exercise's
        Map<String, String> given = runtimeEnvironment();
        given.forEach((name, value) -> session.getUserProperties()
                .setProperty(HarnessProperties.RUNTIME_ENVIRONMENT_PREFIX + name, value));
        // blank when neither sanitized nor given, so that what an earlier module's sanitized run set does not stay
        for (String name : SanitizerEnvironment.NAMES) {
            session.getUserProperties().setProperty(HarnessProperties.RUNTIME_ENVIRONMENT_PREFIX + name,
                    environment.getOrDefault(name, given.getOrDefault(name, "")));
        }
        if (skipExercise) {
            getLog().info("Skipping the exercise (mailerq.exercise.skip)");
            return;
        }

        String name = sharedObject.getFileName().toString();
        RuntimeLauncher runtime = launcher(pluginDirectory, classpath, files.workDirectory().resolve("exercise"))
                .config("plugin-timeout", wait.toMillis() + "ms")
                // the exercise's AUTH is the plugins' to refuse: their answer need not wait the hardening's second
                .config("smtp-auth-failure-delay", "0s");
        releaseConfig.forEach(runtime::config);
        runtimeConfig.forEach(runtime::config);
        environment.forEach(runtime::environment);
        boolean beside = alongside && verifyFollows();
        getLog().info("Exercising " + name + " in the embedded runtime (timeout " + timeout + ")"
                + (sanitized != null ? "; " + sanitized.describe()
                        : variantRun != null ? "; " + variantRun.describe("coverage builds") : "")
                + (beside ? "; alongside the integration tests, its outcome follows at verify" : ""));
        ExerciseExpectation expect;
        try {
            expect = ExerciseExpectation.of(exerciseExpect);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("<exerciseExpect> (mailerq.exercise.expect): " + e.getMessage());
        }
        ExerciseRun run = ExerciseRun.start(name, release().api().name("MQ_Complete"), runtime, wait,
                expect, files.workDirectory().resolve("exercise.json"),
                sanitizers, sanitized == null ? List.of() : sanitized.runtimes());
        if (beside) {
            project.setContextValue(ExerciseRun.CONTEXT_KEY, run);
        } else {
            run.outcome(getLog());
        }
    }

    /**
     * Whether this build goes on to the verify phase, where mailerq:verify gives the exercise's outcome: not
     * when the goal was called by itself or the build ends before verify ({@code mvn integration-test}).
     */
    private boolean verifyFollows() {
        return mojoExecution.getLifecyclePhase() != null
                && session.getGoals().stream().anyMatch(PHASES_FROM_VERIFY::contains);
    }
}
