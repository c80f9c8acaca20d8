package dev.mqkit.maven;

import dev.mqkit.maven.api.MailerqApi;
import dev.mqkit.maven.io.FileContent;
import dev.mqkit.maven.io.ZipEntries;
import org.apache.maven.artifact.Artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.zip.ZipException;

/**
 * Puts headers where the compiler finds them: the mailerq.h that came with
 * this plugin, and the include/ folders of the project's dependencies.
 * Files are rewritten only when their bytes change, so their timestamps do
 * not trigger recompiles.
 */
final class IncludeDirectories {

    private IncludeDirectories() {
    }

    /** Unpacks mailerq.h into {@code directory}; returns the directory. */
    static Path unpackHeader(Path directory) throws IOException {
        byte[] header;
        try (InputStream in = IncludeDirectories.class.getClassLoader().getResourceAsStream(MailerqApi.HEADER_RESOURCE)) {
            if (in == null) {
                throw new IOException(MailerqApi.HEADER_RESOURCE + " is missing from mailerq-maven-plugin's "
                        + "classpath; its dependency dev.mqkit:mailerq-header is broken");
            }
            header = in.readAllBytes();
        }
        FileContent.writeIfChanged(directory.resolve("mailerq.h"), header);
        return directory;
    }

    /**
     * The include directories of dependencies: {@code include/} in a jar or
     * zip (unpacked under {@code unpackRoot}), or in a reactor module's output folder.
     */
    static List<Path> ofDependencies(Collection<Artifact> artifacts, Path unpackRoot) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (Artifact artifact : artifacts) {
            if (artifact.getFile() == null || !artifact.getArtifactHandler().isAddedToClasspath()
                    && !"zip".equals(artifact.getType())) {
                continue;
            }
            Path file = artifact.getFile().toPath();
            if (Files.isDirectory(file)) {
                Path include = file.resolve("include");
                if (Files.isDirectory(include)) {
                    dirs.add(include.toAbsolutePath());
                }
            } else if (Files.isRegularFile(file)) {
                Path target = unpackRoot.resolve(artifact.getGroupId() + "." + artifact.getArtifactId());
                if (unpackIncludes(file, target)) {
                    dirs.add(target.resolve("include"));
                }
            }
        }
        return dirs;
    }

    private static boolean unpackIncludes(Path archive, Path target) throws IOException {
        try {
            return !ZipEntries.unpack(archive, "include/", target).isEmpty();
        } catch (ZipException e) {
            return false; // not an archive: nothing to include
        }
    }
}
