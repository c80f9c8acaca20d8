package dev.mqkit.maven;

import dev.mqkit.maven.coverage.CoberturaXml;
import dev.mqkit.maven.coverage.CoverageBuilder;
import dev.mqkit.maven.coverage.CoverageGate;
import dev.mqkit.maven.coverage.CoverageRun;
import dev.mqkit.maven.coverage.CoverageRuns;
import dev.mqkit.maven.coverage.GcovTool;
import dev.mqkit.maven.coverage.HtmlReport;
import dev.mqkit.maven.coverage.PluginCoverage;
import dev.mqkit.maven.variant.BuildVariant;
import dev.mqkit.maven.variant.VariantBuild;
import dev.mqkit.maven.variant.VariantFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Reports which lines and branches of the plugin's C and C++ the exercise, the {@code *IT} tests and
 * {@code mailerq:run} ran on its coverage build ({@code -Dmailerq.coverage}, see {@code mailerq:compile}), as
 * JaCoCo does for Java: an HTML report ({@code index.html} with every file's lines, branches and functions, and
 * each source annotated with its counts, covered in green, missed in red), a Cobertura XML
 * ({@code cobertura.xml}, for Jenkins, GitLab and SonarQube), both in {@link #outputDirectory}, and one line in
 * the log, {@code coverage of 20-policy.so: lines 87% (131/150), branches 71% (40/56)}. Bound to verify, after
 * the integration tests; does nothing without {@code -Dmailerq.coverage}.
 * <p>
 * The counts are read with the compiler's own tool: gcc's {@code gcov --json-format}, or {@code llvm-cov gcov}
 * for clang; the toolkit turns them into the reports, so nothing but the compiler's toolchain is needed. Only the
 * plugin's own sources and headers count (files under the project, outside {@code target/}): not mailerq.h,
 * not the system's or a dependency's headers. Header functions count once, summed over every source that
 * includes them; each template instance's branches count on their own. Branches that only an exception takes
 * (gcc marks them) are left out.
 * <p>
 * Counts are written by each runtime process as it exits through {@code exit()}, as the runtime does when it
 * stops (the tests' and the exercise's end, Ctrl-C in {@code mailerq:run}); a runtime that crashed or was killed
 * wrote none: the log and the HTML name each such process (see {@code CoverageRuns}).
 */
@Mojo(name = "coverage", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CoverageMojo extends AbstractPluginMojo {

    /** Reports on the coverage build: as for {@code mailerq:compile}, {@code -Dmailerq.coverage}. */
    @Parameter(property = "mailerq.coverage", defaultValue = "false")
    private boolean coverage;

    /**
     * The ratio of the plugin's lines that must have run, e.g. {@code 0.8} or {@code 80%}; below it the build
     * fails, naming each file below it and the lines it missed. None by default.
     */
    @Parameter(property = "mailerq.coverage.minimum")
    private String minimum;

    /** The ratio of the plugin's branches that must have been taken, as {@link #minimum}. None by default. */
    @Parameter(property = "mailerq.coverage.branchMinimum")
    private String branchMinimum;

    /** Where the HTML report and {@code cobertura.xml} go. */
    @Parameter(property = "mailerq.coverage.outputDirectory",
            defaultValue = "${project.reporting.outputDirectory}/mailerq-coverage", required = true)
    private File outputDirectory;

    /** Skips the exercise and the plugin's integration tests, and so this report. */
    @Parameter(property = "skipITs", defaultValue = "false")
    private boolean skipITs;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (!coverage) {
            getLog().debug("No coverage build (-Dmailerq.coverage): no coverage report");
            return;
        }
        if (skipITs) {
            getLog().info("Skipping the coverage report: nothing ran (skipITs)");
            return;
        }
        CoverageGate gate;
        try {
            gate = new CoverageGate(CoverageGate.ratio(minimum, "mailerq.coverage.minimum"),
                    CoverageGate.ratio(branchMinimum, "mailerq.coverage.branchMinimum"));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        PluginFiles files = files();
        Path plain = files.sharedObject();
        Path basedir = project.getBasedir().toPath().toAbsolutePath();
        PluginCoverage counts;
        try {
            Optional<VariantBuild> build = VariantBuild.of(plain, BuildVariant.COVERAGE.name());
            if (build.isEmpty()) {
                throw new MojoFailureException("No coverage build of " + plain.getFileName() + " in target/mailerq/"
                        + "coverage: mailerq:compile makes it, so run the build with it (mvn verify -Dmailerq.coverage)");
            }
            VariantFiles built = VariantFiles.beside(plain, BuildVariant.COVERAGE.name());
            GcovTool tool = GcovTool.forCompiler(build.get().linker());
            CoverageBuilder builder = new CoverageBuilder(basedir, buildDirectory.toPath());
            for (Path object : CoverageRun.instrumented(built.objectDirectory())) {
                tool.read(object, basedir, builder);
            }
            counts = builder.build(plain.getFileName().toString());
            List<String> lost = CoverageRuns.lost(built.directory()).stream().map(run -> "No counts from " + run
                    + ": it ended without exit() (it crashed or was killed), so the lines only it ran count as "
                    + "missed").toList();
            lost.forEach(getLog()::warn);
            Path directory = outputDirectory.toPath().toAbsolutePath();
            HtmlReport.write(counts, lost, basedir, directory);
            CoberturaXml.write(counts, basedir, System.currentTimeMillis() / 1000, directory.resolve("cobertura.xml"));
            getLog().info(counts.summary() + "; report in " + basedir.relativize(directory.resolve("index.html")));
        } catch (IOException e) {
            throw new MojoExecutionException("cannot report the coverage of " + plain.getFileName() + ": "
                    + e.getMessage(), e);
        }
        Optional<String> failure = gate.check(counts);
        if (failure.isPresent()) {
            throw new MojoFailureException(failure.get());
        }
    }
}
