package dev.mqkit.maven;

import dev.mqkit.harness.exercise.Exercise;
import dev.mqkit.harness.exercise.ExerciseExpectation;
import dev.mqkit.harness.exercise.ExerciseReport;
import dev.mqkit.harness.process.RuntimeLauncher;
import dev.mqkit.harness.sanitize.SanitizerRuntime;
import dev.mqkit.harness.sanitize.Sanitizers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * One exercise of a plugin, run on a thread of its own so that the build goes on meanwhile (failsafe starts
 * the integration tests beside it); {@link #outcome} waits for it, logs what it did and fails the build when
 * it failed. Its report is written to {@code exercise.json} as soon as it ends, whether or not anyone waits.
 */
final class ExerciseRun {

    /** Where mailerq:exercise leaves a run for mailerq:verify, in the project's context. */
    static final String CONTEXT_KEY = ExerciseRun.class.getName();

    private final String plugin;
    private final String complete;
    private final Path json;
    private final List<String> progress = new ArrayList<>();
    private final CompletableFuture<ExerciseReport> report = new CompletableFuture<>();

    private ExerciseRun(String plugin, String complete, Path json) {
        this.plugin = plugin;
        this.complete = complete;
        this.json = json;
    }

    /**
     * Starts the exercise of {@code plugin} (its file name) in {@code runtime}; {@code complete} is the name the
     * played release gives MQ_Complete, for the hint on unreached hooks; {@code sanitizers} and their
     * {@code runtimes} when it runs sanitized, else empty.
     */
    static ExerciseRun start(String plugin, String complete, RuntimeLauncher runtime, Duration timeout,
            ExerciseExpectation expect, Path json, Sanitizers sanitizers, List<SanitizerRuntime> runtimes) {
        ExerciseRun run = new ExerciseRun(plugin, complete, json);
        Thread thread = new Thread(() -> {
            try {
                ExerciseReport done = Exercise.run(runtime, timeout, expect, run::progress);
                if (!sanitizers.isEmpty()) {
                    done.sanitizedBy(sanitizers, runtimes);
                }
                done.write(json);
                run.report.complete(done);
            } catch (IOException | RuntimeException | Error e) {
                run.report.completeExceptionally(e);
            }
        }, "mailerq-exercise-" + plugin);
        // a build that ends before anyone waits does not wait for it; the runtime is killed as Maven exits
        thread.setDaemon(true);
        thread.start();
        return run;
    }

    private synchronized void progress(String line) {
        progress.add(line);
    }

    /**
     * Waits for the exercise to end, logs its steps and its summary, and fails when it found a problem;
     * warns about exported hooks it did not reach.
     */
    void outcome(Log log) throws MojoExecutionException, MojoFailureException {
        ExerciseReport done;
        try {
            done = report.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("interrupted while waiting for the exercise of " + plugin);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException) {
                throw new MojoExecutionException("cannot write " + json + ": " + e.getCause().getMessage(), e.getCause());
            }
            throw new MojoExecutionException("the exercise of " + plugin + " broke off: " + e.getCause(), e.getCause());
        }
        synchronized (this) {
            progress.forEach(line -> log.info("  " + line));
        }
        done.summary().forEach(log::info);
        if (!done.passed()) {
            throw new MojoFailureException("The exercise of " + plugin + " failed:\n- "
                    + String.join("\n- ", done.problems()) + "\nDetails: " + json);
        }
        List<String> unreached = done.unreached(plugin);
        if (unreached.isEmpty()) {
            log.info("Every hook of " + plugin + " was reached; details in " + json);
        } else if (done.keptLocal() > 0) {
            log.info(plugin + " exports " + String.join(", ", unreached) + ", which the exercise did not reach: "
                    + done.keptLocal() + " message(s) stayed in the local queue, so there was no delivery; details in "
                    + json);
        } else {
            log.warn(plugin + " exports " + String.join(", ", unreached) + ", which the exercise did not reach "
                    + "(did an earlier plugin complete the hook with " + complete + "?); details in " + json);
        }
    }
}
