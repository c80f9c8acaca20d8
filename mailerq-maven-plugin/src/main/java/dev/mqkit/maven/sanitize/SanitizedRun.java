package dev.mqkit.maven.sanitize;

import dev.mqkit.harness.sanitize.SanitizerEnvironment;
import dev.mqkit.harness.sanitize.SanitizerRuntime;
import dev.mqkit.harness.sanitize.SanitizerRuntimes;
import dev.mqkit.harness.sanitize.Sanitizers;
import dev.mqkit.maven.variant.BuildVariant;
import dev.mqkit.maven.variant.VariantRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * A run of the exercise and the tests on the sanitized builds ({@link VariantRun}), with the sanitizer runtimes
 * to preload, found by asking the compiler that linked the plugin, and the runtime JVM's environment.
 */
public final class SanitizedRun {

    private final Sanitizers sanitizers;
    private final VariantRun run;
    private final List<SanitizerRuntime> runtimes;
    private final Map<String, String> environment;

    private SanitizedRun(Sanitizers sanitizers, VariantRun run, List<SanitizerRuntime> runtimes,
                         Map<String, String> environment) {
        this.sanitizers = sanitizers;
        this.run = run;
        this.runtimes = runtimes;
        this.environment = environment;
    }

    /**
     * @param plainSharedObject the project's plugin, {@code target/<order>-<artifactId>.so}
     * @throws MojoFailureException when its sanitized build is missing, stale or made with other sanitizers
     */
    public static SanitizedRun prepare(Sanitizers sanitizers, Path plainSharedObject)
            throws MojoFailureException, MojoExecutionException {
        VariantRun run = VariantRun.prepare(BuildVariant.sanitized(sanitizers), plainSharedObject,
                "mailerq.sanitize", "mailerq.sanitize=" + sanitizers);
        try {
            List<SanitizerRuntime> runtimes = SanitizerRuntimes.of(run.linker(), sanitizers);
            Map<String, String> environment = SanitizerEnvironment.of(sanitizers, runtimes,
                    SanitizerEnvironment.writeSuppressions(run.files().directory().resolve("jvm.supp")),
                    SanitizerRuntimes.symbolizer(run.linker()));
            return new SanitizedRun(sanitizers, run, runtimes, environment);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot prepare the sanitized run of " + plainSharedObject.getFileName()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The plugin directory and the choice of builds in it. */
    public VariantRun run() {
        return run;
    }

    /** What runs sanitized and what not, for the log, once the directory was laid out. */
    public String describe() {
        return run.describe("sanitized builds") + "; -fsanitize=" + sanitizers + ", " + runtimes.stream()
                .map(r -> r.library().getFileName().toString()).collect(Collectors.joining(", ")) + " preloaded";
    }

    public List<SanitizerRuntime> runtimes() {
        return runtimes;
    }

    /** The runtime JVM's environment: LD_PRELOAD and the sanitizers' options. */
    public Map<String, String> environment() {
        return environment;
    }
}
