package dev.mqkit.maven;

import dev.mqkit.maven.assemble.PluginDependencyCheck;
import dev.mqkit.maven.assemble.PluginDirectoryLayout;
import dev.mqkit.maven.io.ZipEntries;
import dev.mqkit.maven.platform.PublishedPlugin;
import dev.mqkit.maven.platform.Sha256;
import dev.mqkit.maven.platform.SharedLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;

/**
 * The plugins a project depends on (dependencies of type {@code mailerq-plugin},
 * transitive ones included), each checked and given its numbered file name,
 * with the shared libraries their descriptors name, resolved and checked:
 * what {@code mailerq:assemble} writes, and what any goal that runs the
 * project's plugin together with the plugins it depends on lays out.
 */
final class PluginDependencies {

    /** The type of plugin dependencies; also the packaging of plugin projects. */
    static final String PLUGIN_TYPE = "mailerq-plugin";

    private final MavenProject project;
    private final RepositoryArtifacts repository;
    private final PluginDependencyCheck check;

    PluginDependencies(MavenProject project, RepositorySystem repositorySystem,
                       RepositorySystemSession repositorySession, PluginDependencyCheck check) {
        this.project = project;
        this.repository = new RepositoryArtifacts(project, repositorySystem, repositorySession);
        this.check = check;
    }

    /**
     * The plugin directory of the project: its own plugin when {@code ownPlugin}
     * is given (a project of packaging mailerq-plugin, after {@code package}),
     * and every plugin it depends on.
     */
    PluginDirectoryLayout layout(PluginFiles ownPlugin, Map<String, String> orders)
            throws MojoFailureException, MojoExecutionException, IOException {
        PluginDirectoryLayout layout = new PluginDirectoryLayout();
        if (ownPlugin != null) {
            if (!Files.isRegularFile(ownPlugin.sharedObject())) {
                throw new MojoFailureException(ownPlugin.sharedObject() + " does not exist: run the package phase "
                        + "first (mvn package mailerq:assemble)");
            }
            String coordinates = project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion();
            layout.add(coordinates, ownPlugin.order(), ownPlugin.artifactId(), ownPlugin.sharedObject());
            if (Files.isRegularFile(ownPlugin.descriptor())) {
                try {
                    addLibraries(layout, coordinates, PublishedPlugin.read(ownPlugin.descriptor()));
                } catch (IllegalStateException e) {
                    throw failure(List.of(e.getMessage()));
                }
            }
        }
        addTo(layout, orders);
        return layout;
    }

    /**
     * Adds every plugin dependency to {@code layout}, under the order it was
     * published with unless {@code orders} (keyed by artifactId, groupId.artifactId
     * or, on Maven 3, groupId:artifactId) says otherwise.
     *
     * @throws MojoFailureException naming every dependency that cannot go into a plugin directory, and
     *                              every key of {@code orders} that names no plugin dependency
     */
    void addTo(PluginDirectoryLayout layout, Map<String, String> orders)
            throws MojoFailureException, MojoExecutionException, IOException {
        List<String> problems = new ArrayList<>();
        Set<String> usedOrderKeys = new HashSet<>();
        for (Artifact artifact : plugins()) {
            String coordinates = artifact.getGroupId() + ":" + artifact.getArtifactId() + ":"
                    + artifact.getBaseVersion();
            try {
                PublishedPlugin descriptor = descriptorOf(artifact);
                check.check(coordinates, artifact.getFile().toPath(), descriptor);
                String classifier = artifact.getClassifier();
                String platform = check.platform().id();
                if (classifier != null && !classifier.isEmpty() && !classifier.equals(platform)) {
                    throw new IllegalStateException(coordinates + ":" + classifier + " is the " + classifier
                            + " build, not the one for " + platform + ": depend on its " + platform
                            + " classifier, or on no classifier");
                }
                layout.add(coordinates, orderOf(artifact, descriptor, orders, usedOrderKeys),
                        artifact.getArtifactId(), artifact.getFile().toPath());
                addLibraries(layout, coordinates, descriptor);
            } catch (IllegalStateException | IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        Set<String> unknownKeys = new TreeSet<>(orders.keySet());
        unknownKeys.removeAll(usedOrderKeys);
        if (!unknownKeys.isEmpty()) {
            problems.add("<orders> names " + String.join(", ", unknownKeys) + ", which "
                    + (unknownKeys.size() == 1 ? "is" : "are") + " not among the plugin dependencies ("
                    + plugins().stream().map(Artifact::getArtifactId).sorted().collect(Collectors.joining(", "))
                    + "): fix the name or add the dependency with <type>mailerq-plugin</type>");
        }
        if (!problems.isEmpty()) {
            throw failure(problems);
        }
    }

    private static MojoFailureException failure(List<String> problems) {
        return new MojoFailureException("Cannot assemble the plugin directory:\n  - "
                + String.join("\n  - ", problems));
    }

    /** The shared libraries the plugin loads from lib/, with the bytes it was linked with. */
    private void addLibraries(PluginDirectoryLayout layout, String coordinates, PublishedPlugin descriptor)
            throws IOException, MojoExecutionException {
        for (SharedLibrary library : descriptor.libraries()) {
            org.eclipse.aether.artifact.Artifact holder = repository.find(new DefaultArtifact(library.artifact()));
            byte[] content = holder == null ? null : ZipEntries.read(holder.getFile().toPath(), library.entry());
            if (content == null) {
                throw new IllegalStateException(coordinates + " loads " + library.path() + ", " + library.entry()
                        + " of " + library.artifact() + ", which the repositories do not hold: deploy that "
                        + "artifact where this build finds it, or add its repository");
            }
            String actual = Sha256.of(content);
            if (!actual.equalsIgnoreCase(library.sha256())) {
                throw new IllegalStateException(coordinates + " was linked with another " + library.fileName()
                        + " than the one " + library.artifact() + " holds now (sha256 " + actual + ", the plugin's "
                        + "descriptor says " + library.sha256() + "): it was deployed again under the same version; "
                        + "build and deploy the plugin again");
            }
            layout.addLibrary(coordinates, library, content);
        }
        descriptor.systemLibraries().forEach(library -> layout.addSystemLibrary(coordinates, library));
    }

    private List<Artifact> plugins() {
        return project.getArtifacts().stream().filter(a -> PLUGIN_TYPE.equals(a.getType())).toList();
    }

    private static String orderOf(Artifact artifact, PublishedPlugin descriptor, Map<String, String> orders,
                                  Set<String> usedKeys) {
        String qualified = artifact.getGroupId() + ":" + artifact.getArtifactId();
        // groupId.artifactId too: Maven 4 reads the pom namespace-aware, so an element name may not hold a colon
        String dotted = artifact.getGroupId() + "." + artifact.getArtifactId();
        for (String key : List.of(qualified, dotted, artifact.getArtifactId())) {
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

    /** The descriptor published next to the plugin, or null when the repositories have none. */
    private PublishedPlugin descriptorOf(Artifact artifact) throws IOException, MojoExecutionException {
        org.eclipse.aether.artifact.Artifact descriptor = repository.find(new DefaultArtifact(artifact.getGroupId(),
                artifact.getArtifactId(), PublishedPlugin.CLASSIFIER, "properties", artifact.getVersion()));
        return descriptor == null ? null : PublishedPlugin.read(descriptor.getFile().toPath());
    }
}
