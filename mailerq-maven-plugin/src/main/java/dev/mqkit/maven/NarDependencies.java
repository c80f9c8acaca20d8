package dev.mqkit.maven;

import dev.mqkit.maven.io.ZipEntries;
import dev.mqkit.maven.nar.Aol;
import dev.mqkit.maven.nar.HeaderClashes;
import dev.mqkit.maven.nar.NarLibraries;
import dev.mqkit.maven.nar.NarLibrary;
import dev.mqkit.maven.nar.NarLinkage;
import dev.mqkit.maven.nar.NarProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.artifact.DefaultArtifact;

/**
 * The project's dependencies of type {@code nar} (transitive ones included,
 * but not those of the plugins it depends on), resolved the way nar-maven-plugin's own consumers resolve them: the
 * {@code noarch} attachment's {@code include/} for the compiler, and the
 * attachment of this AOL and the preferred linkage ({@code static} or
 * {@code shared}, the other when the NAR has only that one) for the linker,
 * each unpacked under {@code target/mailerq/nar/<groupId>.<artifactId>/}.
 */
final class NarDependencies {

    /** The type of NAR dependencies, and the extension of every NAR file. */
    static final String NAR_TYPE = "nar";

    private final MavenProject project;
    private final RepositoryArtifacts repository;
    private final Path unpackRoot;

    NarDependencies(MavenProject project, RepositoryArtifacts repository, Path unpackRoot) {
        this.project = project;
        this.repository = repository;
        this.unpackRoot = unpackRoot;
    }

    boolean any() {
        return project.getArtifacts().stream().anyMatch(NarDependencies::isLinkedNar);
    }

    /**
     * Every NAR dependency, in the order Maven resolved them (a NAR before
     * the NARs it depends on).
     *
     * @throws MojoFailureException naming every NAR without a library for {@code aol} and every header two NARs
     *                              both bring, all at once
     */
    NarLibraries resolve(Aol aol, NarLinkage preferred)
            throws MojoFailureException, MojoExecutionException, IOException {
        List<NarLibrary> libraries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Artifact artifact : project.getArtifacts()) {
            if (isLinkedNar(artifact)) {
                try {
                    libraries.add(resolve(artifact, aol, preferred));
                } catch (IllegalStateException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        Map<String, Path> includes = new LinkedHashMap<>();
        libraries.stream().filter(l -> l.includeDirectory() != null)
                .forEach(l -> includes.put(l.coordinates(), l.includeDirectory()));
        problems.addAll(HeaderClashes.find(includes));
        if (!problems.isEmpty()) {
            throw new MojoFailureException("Cannot use the NAR dependencies:\n  - " + String.join("\n  - ", problems));
        }
        return new NarLibraries(libraries);
    }

    /**
     * A NAR that this plugin links: not one that came with a plugin dependency, which that plugin linked itself
     * (and whose shared libraries its descriptor names).
     */
    private static boolean isLinkedNar(Artifact artifact) {
        List<String> trail = artifact.getDependencyTrail();
        boolean throughPlugin = trail != null && trail.size() > 2 && trail.subList(1, trail.size() - 1).stream()
                .anyMatch(id -> id.contains(":" + PluginDependencies.PLUGIN_TYPE + ":"));
        return NAR_TYPE.equals(artifact.getType()) && artifact.getFile() != null && !throughPlugin;
    }

    private NarLibrary resolve(Artifact artifact, Aol aol, NarLinkage preferred)
            throws IOException, MojoExecutionException {
        String coordinates = artifact.getGroupId() + ":" + artifact.getArtifactId() + ":" + artifact.getBaseVersion();
        NarProperties nar = NarProperties.read(artifact.getFile().toPath(), artifact.getGroupId(),
                artifact.getArtifactId(), artifact.getBaseVersion());
        Path root = unpackRoot.resolve(artifact.getGroupId() + "." + artifact.getArtifactId());
        Path include = null;
        if (nar.hasHeaders()) {
            Path noarch = attachment(artifact, NarProperties.NOARCH, coordinates).getFile().toPath();
            if (!ZipEntries.unpack(noarch, "include/", root.resolve(NarProperties.NOARCH)).isEmpty()) {
                include = root.resolve(NarProperties.NOARCH).resolve("include");
            }
        }
        List<NarLinkage> linkages = nar.linkages(aol, preferred);
        if (linkages.isEmpty()) {
            return new NarLibrary(coordinates, include, null, null, null, List.of(), List.of());
        }
        for (NarLinkage linkage : linkages) {
            org.eclipse.aether.artifact.Artifact found = repository.find(narArtifact(artifact, aol.classifier(linkage)));
            if (found != null) {
                return linked(coordinates, nar, include, aol, linkage, found, root.resolve(aol.classifier(linkage)));
            }
        }
        throw new IllegalStateException(coordinates + " has no library for " + aol + ": the repositories hold no "
                + linkages.stream().map(l -> artifact.getArtifactId() + "-" + artifact.getBaseVersion() + "-"
                        + aol.classifier(l) + ".nar").collect(Collectors.joining(" or "))
                + (nar.aols().isEmpty() ? "" : "; it was built for " + String.join(", ", nar.aols()))
                + ". Deploy a build of it for " + aol + ", or set <narAol> (-Dmailerq.nar.aol) to the AOL whose "
                + "libraries this compiler links");
    }

    private NarLibrary linked(String coordinates, NarProperties nar, Path include, Aol aol, NarLinkage linkage,
                              org.eclipse.aether.artifact.Artifact attachment, Path unpacked) throws IOException {
        String folder = "lib/" + aol + "/" + linkage.type() + "/";
        List<Path> files = ZipEntries.unpack(attachment.getFile().toPath(), folder, unpacked);
        String extension = linkage == NarLinkage.STATIC ? ".a" : ".so";
        List<String> entries = new ArrayList<>();
        for (String name : nar.libraryNames(aol)) {
            String entry = folder + "lib" + name + extension;
            if (!Files.isRegularFile(unpacked.resolve(entry))) {
                throw new IllegalStateException(attachment + " holds no " + entry + ", the library its "
                        + "nar.properties names (" + name + "); it holds " + (files.isEmpty() ? "nothing under "
                        + folder : files.stream().map(f -> unpacked.relativize(f).toString())
                        .collect(Collectors.joining(", "))) + ". Deploy it again with nar-maven-plugin");
            }
            entries.add(entry);
        }
        return new NarLibrary(coordinates, include, linkage, attachment.toString(), unpacked, entries,
                linkage == NarLinkage.STATIC ? nar.systemLibraries(aol) : List.of());
    }

    private org.eclipse.aether.artifact.Artifact attachment(Artifact artifact, String classifier, String coordinates)
            throws MojoExecutionException {
        org.eclipse.aether.artifact.Artifact found = repository.find(narArtifact(artifact, classifier));
        if (found == null) {
            throw new IllegalStateException(coordinates + " names its " + classifier + " attachment in nar.properties, "
                    + "but the repositories hold no " + artifact.getArtifactId() + "-" + artifact.getBaseVersion()
                    + "-" + classifier + ".nar: deploy it again with nar-maven-plugin");
        }
        return found;
    }

    private static DefaultArtifact narArtifact(Artifact artifact, String classifier) {
        return new DefaultArtifact(artifact.getGroupId(), artifact.getArtifactId(), classifier, NAR_TYPE,
                artifact.getVersion());
    }
}
