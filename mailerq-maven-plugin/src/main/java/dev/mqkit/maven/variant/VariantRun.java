package dev.mqkit.maven.variant;

import dev.mqkit.maven.assemble.PluginDirectoryLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * A run of the exercise, the tests or {@code mailerq:run} on a {@link BuildVariant}: the plugin directory of the
 * variant's builds (the project's own, and each plugin it depends on whose build of the variant is at hand,
 * i.e. built in this reactor) and what the project's build was made with.
 */
public final class VariantRun {

    private final BuildVariant variant;
    private final VariantFiles files;
    private final VariantBuild build;
    private final List<String> chosen = new ArrayList<>();
    private final List<String> plain = new ArrayList<>();

    private VariantRun(BuildVariant variant, VariantFiles files, VariantBuild build) {
        this.variant = variant;
        this.files = files;
        this.build = build;
    }

    /**
     * @param plainSharedObject the project's plugin, {@code target/<order>-<artifactId>.so}
     * @param property          the property that asks for the variant, {@code mailerq.sanitize}
     * @param argument          as the command line gives it, {@code mailerq.sanitize=address}
     * @throws MojoFailureException when its build of the variant is missing, stale or made with other flags
     */
    public static VariantRun prepare(BuildVariant variant, Path plainSharedObject, String property, String argument)
            throws MojoFailureException, MojoExecutionException {
        VariantFiles files = VariantFiles.beside(plainSharedObject, variant.name());
        try {
            Optional<VariantBuild> build = VariantBuild.of(plainSharedObject, variant.name());
            if (build.isEmpty() || !build.get().flags().equals(variant.flags())) {
                throw new MojoFailureException(files.sharedObject() + (build.isEmpty() ? " is missing or older than "
                        + plainSharedObject.getFileName() : " was built with " + build.get().flags())
                        + ", not with " + variant.flags() + ": mailerq:compile builds it, so run the build "
                        + "up to integration-test with the same " + property + " (mvn verify -D" + argument + ")");
            }
            return new VariantRun(variant, files, build.get());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot prepare the " + variant.name() + " run of "
                    + plainSharedObject.getFileName() + ": " + e.getMessage(), e);
        }
    }

    public BuildVariant variant() {
        return variant;
    }

    /** The project's build of the variant. */
    public VariantFiles files() {
        return files;
    }

    /** The compiler that linked the project's build. */
    public String linker() {
        return build.linker();
    }

    /** {@code target/mailerq/<variant>/plugin-directory}. */
    public Path pluginDirectory() {
        return files.pluginDirectory();
    }

    /**
     * The entry with its build of the variant where there is one made from the same plain plugin; a plugin
     * that comes from a repository keeps its plain build.
     */
    public PluginDirectoryLayout.Entry choose(PluginDirectoryLayout.Entry entry) {
        try {
            Optional<VariantBuild> build = VariantBuild.of(entry.source(), variant.name());
            if (build.isPresent() && build.get().flags().equals(variant.flags())) {
                chosen.add(entry.fileName());
                return new PluginDirectoryLayout.Entry(entry.coordinates(), entry.order(), entry.artifactId(),
                        VariantFiles.beside(entry.source(), variant.name()).sharedObject());
            }
        } catch (IOException e) {
            // unreadable: run the plain build
        }
        plain.add(entry.fileName());
        return entry;
    }

    /**
     * What runs on the variant's builds and what not, for the log once the directory was laid out, e.g.
     * {@code sanitized builds: 10-base.so, 20-clean.so}.
     */
    public String describe(String builds) {
        return builds + ": " + String.join(", ", chosen)
                + (plain.isEmpty() ? "" : "; plain, as they come from a repository: " + String.join(", ", plain));
    }
}
