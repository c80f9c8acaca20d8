package dev.mqkit.maven.sanitize;

import dev.mqkit.harness.sanitize.SanitizerEnvironment;
import dev.mqkit.harness.sanitize.SanitizerRuntime;
import dev.mqkit.harness.sanitize.SanitizerRuntimes;
import dev.mqkit.harness.sanitize.Sanitizers;
import dev.mqkit.maven.assemble.PluginDirectoryLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * A run of the exercise and the tests on the sanitized builds: the plugin directory of sanitized plugins
 * (the project's own, and each plugin it depends on whose sanitized build is at hand, i.e. built in this
 * reactor), the sanitizer runtimes to preload, found by asking the compiler that linked the plugin, and
 * the runtime JVM's environment.
 */
public final class SanitizedRun {

    private final Sanitizers sanitizers;
    private final SanitizedFiles files;
    private final List<SanitizerRuntime> runtimes;
    private final Map<String, String> environment;
    private final List<String> sanitized = new ArrayList<>();
    private final List<String> plain = new ArrayList<>();

    private SanitizedRun(Sanitizers sanitizers, SanitizedFiles files, List<SanitizerRuntime> runtimes,
                         Map<String, String> environment) {
        this.sanitizers = sanitizers;
        this.files = files;
        this.runtimes = runtimes;
        this.environment = environment;
    }

    /**
     * @param plainSharedObject the project's plugin, {@code target/<order>-<artifactId>.so}
     * @throws MojoFailureException when its sanitized build is missing, stale or made with other sanitizers
     */
    public static SanitizedRun prepare(Sanitizers sanitizers, Path plainSharedObject)
            throws MojoFailureException, MojoExecutionException {
        SanitizedFiles files = SanitizedFiles.beside(plainSharedObject);
        try {
            Optional<SanitizedBuild> build = SanitizedBuild.of(plainSharedObject);
            if (build.isEmpty() || !build.get().sanitizers().equals(sanitizers)) {
                throw new MojoFailureException(files.sharedObject() + (build.isEmpty() ? " is missing or older than "
                        + plainSharedObject.getFileName() : " was built with -fsanitize=" + build.get().sanitizers())
                        + ", not with -fsanitize=" + sanitizers + ": mailerq:compile builds it, so run the build "
                        + "up to integration-test with the same mailerq.sanitize (mvn verify -Dmailerq.sanitize="
                        + sanitizers + ")");
            }
            String linker = build.get().linker();
            List<SanitizerRuntime> runtimes = SanitizerRuntimes.of(linker, sanitizers);
            Map<String, String> environment = SanitizerEnvironment.of(sanitizers, runtimes,
                    SanitizerEnvironment.writeSuppressions(files.suppressions()), SanitizerRuntimes.symbolizer(linker));
            return new SanitizedRun(sanitizers, files, runtimes, environment);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot prepare the sanitized run of " + plainSharedObject.getFileName()
                    + ": " + e.getMessage(), e);
        }
    }

    /** {@code target/mailerq/sanitize/plugin-directory}. */
    public Path pluginDirectory() {
        return files.pluginDirectory();
    }

    /**
     * The entry with its sanitized build where there is one made from the same plain plugin; a plugin
     * that comes from a repository keeps its plain build, which runs unchecked.
     */
    public PluginDirectoryLayout.Entry choose(PluginDirectoryLayout.Entry entry) {
        try {
            if (SanitizedBuild.of(entry.source()).isPresent()) {
                sanitized.add(entry.fileName());
                return new PluginDirectoryLayout.Entry(entry.coordinates(), entry.order(), entry.artifactId(),
                        SanitizedFiles.beside(entry.source()).sharedObject());
            }
        } catch (IOException e) {
            // unreadable: run the plain build
        }
        plain.add(entry.fileName());
        return entry;
    }

    /** What runs sanitized and what not, for the log, once the directory was laid out. */
    public String describe() {
        return "sanitized builds: " + String.join(", ", sanitized)
                + (plain.isEmpty() ? "" : "; plain, as they come from a repository: " + String.join(", ", plain))
                + "; -fsanitize=" + sanitizers + ", " + runtimes.stream().map(r -> r.library().getFileName()
                .toString()).collect(Collectors.joining(", ")) + " preloaded";
    }

    public List<SanitizerRuntime> runtimes() {
        return runtimes;
    }

    /** The runtime JVM's environment: LD_PRELOAD and the sanitizers' options. */
    public Map<String, String> environment() {
        return environment;
    }
}
