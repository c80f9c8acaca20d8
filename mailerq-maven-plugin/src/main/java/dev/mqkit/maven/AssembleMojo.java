package dev.mqkit.maven;

import dev.mqkit.maven.api.MailerqApi;
import dev.mqkit.maven.assemble.PluginArchive;
import dev.mqkit.maven.assemble.PluginDependencyCheck;
import dev.mqkit.maven.assemble.PluginDirectoryLayout;
import dev.mqkit.maven.compile.FileContent;
import dev.mqkit.maven.platform.Platform;
import dev.mqkit.maven.platform.PluginDescriptor;
import org.apache.maven.artifact.Artifact;
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
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.transfer.ArtifactNotFoundException;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

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

    /** The type of plugin dependencies; also the packaging of plugin projects. */
    static final String PLUGIN_TYPE = "mailerq-plugin";

    /**
     * Orders that replace the ones the plugins were published with, keyed by
     * artifactId (or {@code groupId:artifactId}), e.g.
     * {@code <orders><spam-filter>05</spam-filter></orders>}.
     */
    @Parameter
    private Map<String, String> orders = new LinkedHashMap<>();

    /** Where the plugin directory is written; any other {@code *.so} in it is deleted. */
    @Parameter(property = "mailerq.pluginDirectory", defaultValue = "${project.build.directory}/plugin-directory",
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
        PluginDependencyCheck check = new PluginDependencyCheck(Platform.current(), MailerqApi.bundled().version());
        PluginDirectoryLayout layout = new PluginDirectoryLayout();
        List<String> problems = new ArrayList<>();
        Set<String> usedOrderKeys = new HashSet<>();
        try {
            if (PLUGIN_TYPE.equals(project.getPackaging())) {
                addOwnPlugin(layout);
            }
            for (Artifact artifact : project.getArtifacts()) {
                if (!PLUGIN_TYPE.equals(artifact.getType())) {
                    continue;
                }
                String coordinates = artifact.getGroupId() + ":" + artifact.getArtifactId() + ":"
                        + artifact.getBaseVersion();
                try {
                    PluginDescriptor descriptor = descriptorOf(artifact);
                    check.check(coordinates, artifact.getFile().toPath(), descriptor);
                    String classifier = artifact.getClassifier();
                    if (classifier != null && !classifier.isEmpty() && !classifier.equals(check.platform().id())) {
                        throw new IllegalStateException(coordinates + ":" + classifier + " is the " + classifier
                                + " build, not the one for " + check.platform().id() + ": depend on its "
                                + check.platform().id() + " classifier, or on no classifier");
                    }
                    layout.add(coordinates, orderOf(artifact, descriptor, usedOrderKeys), artifact.getArtifactId(),
                            artifact.getFile().toPath());
                } catch (IllegalStateException | IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
            Set<String> unknownKeys = new TreeSet<>(orders.keySet());
            unknownKeys.removeAll(usedOrderKeys);
            if (!unknownKeys.isEmpty()) {
                problems.add("<orders> names " + String.join(", ", unknownKeys) + ", which "
                        + (unknownKeys.size() == 1 ? "is" : "are") + " not among the plugin dependencies ("
                        + pluginArtifactIds() + "): fix the name or add the dependency with <type>mailerq-plugin</type>");
            }
            if (!problems.isEmpty()) {
                throw new MojoFailureException("Cannot assemble the plugin directory:\n  - "
                        + String.join("\n  - ", problems));
            }
            write(layout);
        } catch (PluginDirectoryLayout.ClashException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot assemble " + pluginDirectory + ": " + e.getMessage(), e);
        }
    }

    private void addOwnPlugin(PluginDirectoryLayout layout) throws MojoFailureException {
        PluginFiles files = files();
        if (!Files.isRegularFile(files.sharedObject())) {
            throw new MojoFailureException(files.sharedObject() + " does not exist: run the package phase "
                    + "before mailerq:assemble (mvn package mailerq:assemble)");
        }
        layout.add(project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion(), order,
                project.getArtifactId(), files.sharedObject());
    }

    private String orderOf(Artifact artifact, PluginDescriptor descriptor, Set<String> usedKeys) {
        String qualified = artifact.getGroupId() + ":" + artifact.getArtifactId();
        for (String key : List.of(qualified, artifact.getArtifactId())) {
            String override = orders.get(key);
            if (override != null) {
                usedKeys.add(key);
                String trimmed = override.trim();
                if (!trimmed.matches("\\d{2,}")) {
                    throw new IllegalArgumentException("<orders><" + key + ">" + override + "</" + key
                            + "></orders> must be two or more digits, e.g. 10");
                }
                return trimmed;
            }
        }
        return descriptor.order();
    }

    private String pluginArtifactIds() {
        return project.getArtifacts().stream().filter(a -> PLUGIN_TYPE.equals(a.getType()))
                .map(Artifact::getArtifactId).sorted().collect(Collectors.joining(", "));
    }

    /** The descriptor published next to the plugin, or null when the repositories have none. */
    private PluginDescriptor descriptorOf(Artifact artifact) throws IOException, MojoExecutionException {
        DefaultArtifact wanted = new DefaultArtifact(artifact.getGroupId(), artifact.getArtifactId(),
                PluginDescriptor.CLASSIFIER, "properties", artifact.getVersion());
        ArtifactRequest request = new ArtifactRequest(wanted, project.getRemoteProjectRepositories(), null);
        ArtifactResult result;
        try {
            result = repositorySystem.resolveArtifact(session.getRepositorySession(), request);
        } catch (ArtifactResolutionException e) {
            boolean notFound = e.getResults().stream().flatMap(r -> r.getExceptions().stream())
                    .allMatch(ArtifactNotFoundException.class::isInstance);
            if (notFound) {
                return null;
            }
            throw new MojoExecutionException("Cannot resolve the descriptor of " + artifact + ": " + e.getMessage(), e);
        }
        return PluginDescriptor.read(result.getArtifact().getFile().toPath());
    }

    private void write(PluginDirectoryLayout layout) throws IOException, MojoFailureException {
        List<PluginDirectoryLayout.Entry> entries = layout.entries();
        Path directory = pluginDirectory.toPath().toAbsolutePath();
        layout.writeTo(directory);
        if (entries.isEmpty()) {
            getLog().warn("No dependency of type mailerq-plugin: " + directory + " is empty");
        } else {
            getLog().info("Plugin directory " + directory + ": " + entries.stream()
                    .map(e -> e.fileName() + " (" + e.coordinates() + ")").collect(Collectors.joining(", ")));
        }
        Path archive = buildDirectory.toPath().toAbsolutePath()
                .resolve(project.getBuild().getFinalName() + "-plugins.tar.gz");
        FileContent.writeIfChanged(archive, PluginArchive.tarGz(layout.archiveEntries(), mtime()));
        getLog().info("Archive " + archive + " (" + entries.size() + " plugin" + (entries.size() == 1 ? "" : "s")
                + "), to unpack into MailerQ's plugin-directory");
        if (attach) {
            projectHelper.attachArtifact(project, "tar.gz", "plugins", archive.toFile());
        }
    }

    private long mtime() throws MojoFailureException {
        // Maven's own convention: a value of one character or none switches reproducible timestamps off
        if (outputTimestamp == null || outputTimestamp.trim().length() < 2) {
            return 0;
        }
        String value = outputTimestamp.trim();
        if (value.matches("\\d+")) {
            return Long.parseLong(value);
        }
        try {
            return OffsetDateTime.parse(value).toEpochSecond();
        } catch (DateTimeParseException e) {
            throw new MojoFailureException("project.build.outputTimestamp '" + value + "' is neither ISO 8601 "
                    + "(2026-01-01T00:00:00Z) nor seconds since the epoch");
        }
    }
}
