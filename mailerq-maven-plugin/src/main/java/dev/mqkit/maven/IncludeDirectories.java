package dev.mqkit.maven;

import dev.mqkit.maven.io.FileContent;
import dev.mqkit.maven.io.ZipEntries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.zip.ZipException;
import org.apache.maven.artifact.Artifact;

/**
 * Puts headers where the compiler finds them: the plugin's mailerq.h (the
 * toolkit's, or a real one), and the include/ folders of the project's dependencies.
 * Files are rewritten only when their bytes change, so their timestamps do
 * not trigger recompiles.
 */
final class IncludeDirectories {

    private IncludeDirectories() {
    }

    /** Writes the plugin's mailerq.h into {@code directory}; returns the directory. */
    static Path writeHeader(Path directory, String header) throws IOException {
        FileContent.writeIfChanged(directory.resolve("mailerq.h"), header.getBytes(StandardCharsets.UTF_8));
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
