package dev.mqkit.maven.variant;

import dev.mqkit.harness.sanitize.Sanitizers;
import java.util.List;

/**
 * A second build of the plugin beside the plain one, made with flags of its own into a folder of its own
 * ({@code target/mailerq/<name>/}), which the exercise, the {@code *IT} tests and {@code mailerq:run} load instead
 * of the plain build; the packaged plugin stays the plain {@code target/<order>-<artifactId>.so}. The sanitized
 * build and the coverage build are the two.
 *
 * @param name         the folder under {@code target/mailerq}, and the word for the build in messages
 * @param flags        what the build was made with, as the marker keeps it and messages show it
 * @param compileFlags placed after the defaults and before the project's own flags
 * @param linkFlags    placed before the project's own link flags
 */
public record BuildVariant(String name, String flags, List<String> compileFlags, List<String> linkFlags) {

    /** The sanitized build, e.g. {@code -fsanitize=address,undefined}. */
    public static BuildVariant sanitized(Sanitizers sanitizers) {
        return new BuildVariant("sanitize", "-fsanitize=" + sanitizers, sanitizers.compileFlags(),
                sanitizers.linkFlags());
    }

    /**
     * The coverage build: {@code --coverage} (gcc and clang alike) writes a {@code .gcno} beside each object and
     * makes the plugin write the counts to a {@code .gcda} there when its process exits through {@code exit()};
     * {@code -fprofile-update=atomic} keeps the counts of hooks that run on several workers at once exact;
     * {@code -O0} keeps one count per source line, as the optimiser merges and moves lines.
     */
    public static final BuildVariant COVERAGE = new BuildVariant("coverage", "--coverage",
            List.of("--coverage", "-fprofile-update=atomic", "-O0"), List.of("--coverage"));

    /** The project's sanitizers and coverage as one variant: none, one, or a failure when both are asked. */
    public static BuildVariant of(Sanitizers sanitizers, boolean coverage) {
        if (coverage && !sanitizers.isEmpty()) {
            throw new IllegalArgumentException("-Dmailerq.coverage and -Dmailerq.sanitize=" + sanitizers
                    + " do not go together: the sanitizers' checks add branches of their own to the counts and "
                    + "their runtimes change when a process ends, so measure coverage and run the sanitizers in "
                    + "two builds (mvn verify -Dmailerq.coverage; mvn verify -Dmailerq.sanitize=" + sanitizers + ")");
        }
        return coverage ? COVERAGE : sanitizers.isEmpty() ? null : sanitized(sanitizers);
    }
}
