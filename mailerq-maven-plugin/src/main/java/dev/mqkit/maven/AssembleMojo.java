package dev.mqkit.maven;

import dev.mqkit.maven.assemble.PluginArchive;
import dev.mqkit.maven.assemble.PluginDependencyCheck;
import dev.mqkit.maven.assemble.PluginDirectoryLayout;
import dev.mqkit.maven.io.FileContent;
import dev.mqkit.maven.platform.Platform;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProjectHelper;
import org.eclipse.aether.RepositorySystem;

/**
 * Lays out a MailerQ plugin directory from the project's dependencies of type
 * {@code mailerq-plugin}, transitive ones included: {@code <order>-<artifactId>.so}
 * for each, with the order it was published with unless {@link #orders}
 * overrides it, plus a reproducible {@code <finalName>-plugins.tar.gz} of the
 * same files, attached (type {@code tar.gz}, classifier {@code plugins}) so that
 * {@code install} and {@code deploy} publish it. In a project of packaging
 * {@code mailerq-plugin}, the project's own plugin joins its dependencies.
 * Refuses a plugin built for another platform or API version, a dependency of
 * type {@code mailerq-plugin} that is not a plugin, and two plugins that would
 * get the same file name.
 */
@Mojo(name = "assemble", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class AssembleMojo extends AbstractPluginMojo {

    /**
     * Orders of two or more digits that replace the ones the plugins were published with, keyed by
     * artifactId (or {@code groupId.artifactId}; Maven 3 also takes {@code groupId:artifactId}), e.g.
     * {@code <orders><spam-filter>05</spam-filter></orders>}.
     */
    @Parameter
    private Map<String, String> orders = new LinkedHashMap<>();

    /** Where the plugin directory is written; any other {@code *.so} in it is deleted. */
    @Parameter(property = "mailerq.assemble.directory", defaultValue = "${project.build.directory}/plugin-directory",
            required = true)
    private File pluginDirectory;

    /** Whether to attach the archive (classifier {@code plugins}, type {@code tar.gz}) for install and deploy. */
    @Parameter(property = "mailerq.assemble.attach", defaultValue = "true")
    private boolean attach;

    /**
     * The modification time of every archive entry: Maven's reproducible-build
     * timestamp (ISO 8601 or seconds since the epoch); without it, the epoch.
     */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Component
    private RepositorySystem repositorySystem;

    @Component
    private MavenProjectHelper projectHelper;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        PluginDependencyCheck check = new PluginDependencyCheck(Platform.current(), api().version(),
                release().toString());
        try {
            PluginFiles ownPlugin = PluginDependencies.PLUGIN_TYPE.equals(project.getPackaging()) ? files() : null;
            PluginDirectoryLayout layout = new PluginDependencies(project, repositorySystem,
                    session.getRepositorySession(), check).layout(ownPlugin, orders);
            write(layout);
        } catch (PluginDirectoryLayout.ClashException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot assemble " + pluginDirectory + ": " + e.getMessage(), e);
        }
    }

    private void write(PluginDirectoryLayout layout) throws IOException, MojoFailureException {
        List<PluginDirectoryLayout.Entry> entries = layout.entries();
        Path directory = pluginDirectory.toPath().toAbsolutePath();
        layout.writeTo(directory);
        if (entries.isEmpty()) {
            getLog().warn("No dependency of type mailerq-plugin: " + directory + " is empty");
        } else {
            getLog().info("Plugin directory " + directory + ": " + Stream.concat(entries.stream()
                            .map(e -> e.fileName() + " (" + e.coordinates() + ")"),
                    layout.libraries().stream().map(l -> l.library().path() + " (" + l.library().artifact() + ")"))
                    .collect(Collectors.joining(", ")));
        }
        if (!layout.systemLibraries().isEmpty()) {
            getLog().info("The MailerQ servers must have installed (" + PluginDirectoryLayout.SYSTEM_LIBRARIES + "): "
                    + layout.systemLibraries().stream().map(required -> required.library().describe() + " for "
                    + String.join(", ", required.neededBy())).collect(Collectors.joining("; ")));
        }
        Path archive = buildDirectory.toPath().toAbsolutePath()
                .resolve(project.getBuild().getFinalName() + "-plugins.tar.gz");
        FileContent.writeIfChanged(archive, PluginArchive.tarGz(layout.archiveEntries(), mtime()));
        PluginDirectoryLayout.setPermissions(archive, "rw-r--r--");
        int libraries = layout.libraries().size();
        getLog().info("Archive " + archive + " (" + entries.size() + " plugin" + (entries.size() == 1 ? "" : "s")
                + (libraries == 0 ? "" : ", " + libraries + " librar" + (libraries == 1 ? "y" : "ies"))
                + "), to unpack into MailerQ's plugin-directory");
        if (attach) {
            projectHelper.attachArtifact(project, "tar.gz", "plugins", archive.toFile());
        }
    }

    private long mtime() throws MojoFailureException {
        try {
            return PluginArchive.mtimeOf(outputTimestamp);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }
}
