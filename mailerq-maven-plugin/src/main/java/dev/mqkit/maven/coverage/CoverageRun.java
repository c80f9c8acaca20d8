package dev.mqkit.maven.coverage;

import dev.mqkit.maven.variant.BuildVariant;
import dev.mqkit.maven.variant.VariantRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The runs of a build on the coverage build ({@link VariantRun}): they start from no counts, so that the report
 * tells what this build's exercise and tests ran, not also an earlier build's.
 */
public final class CoverageRun {

    private CoverageRun() {
    }

    /**
     * @param plainSharedObject the project's plugin, {@code target/<order>-<artifactId>.so}
     * @throws MojoFailureException when its coverage build is missing or stale
     */
    public static VariantRun prepare(Path plainSharedObject) throws MojoFailureException, MojoExecutionException {
        VariantRun run = VariantRun.prepare(BuildVariant.COVERAGE, plainSharedObject, "mailerq.coverage",
                "mailerq.coverage");
        try {
            for (Path counts : counts(run.files().objectDirectory())) {
                Files.delete(counts);
            }
            CoverageRuns.clear(run.files().directory());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot remove the earlier counts in " + run.files().objectDirectory()
                    + ": " + e.getMessage(), e);
        }
        return run;
    }

    /** The {@code .gcda} files under {@code objects}, where the runtimes wrote the counts. */
    static List<Path> counts(Path objects) throws IOException {
        return files(objects, ".gcda");
    }

    /** The objects under {@code objects} compiled with {@code --coverage}: those with notes ({@code .gcno}) beside. */
    public static List<Path> instrumented(Path objects) throws IOException {
        return files(objects, ".gcno").stream().map(notes -> {
            String name = notes.getFileName().toString();
            return notes.resolveSibling(name.substring(0, name.length() - ".gcno".length()) + ".o");
        }).toList();
    }

    /** The files under {@code directory} whose names end with {@code suffix}, sorted. */
    static List<Path> files(Path directory, String suffix) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(directory)) {
            return all.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
