package dev.mqkit.maven;

import dev.mqkit.maven.api.MailerqApi;
import dev.mqkit.maven.compile.CompilationFailureException;
import dev.mqkit.maven.compile.CompileCommand;
import dev.mqkit.maven.compile.CompileExecutor;
import dev.mqkit.maven.compile.CompileOutputs;
import dev.mqkit.maven.compile.Diagnostic;
import dev.mqkit.maven.compile.Language;
import dev.mqkit.maven.compile.SourceFile;
import dev.mqkit.maven.compile.ToolchainSettings;
import dev.mqkit.maven.coverage.CoverageRuns;
import dev.mqkit.maven.io.FileContent;
import dev.mqkit.maven.link.PkgConfig;
import dev.mqkit.maven.nar.Aol;
import dev.mqkit.maven.nar.NarLibraries;
import dev.mqkit.maven.nar.NarLinkage;
import dev.mqkit.maven.platform.Sha256;
import dev.mqkit.maven.platform.SharedLibrary;
import dev.mqkit.maven.variant.BuildVariant;
import dev.mqkit.maven.variant.VariantBuild;
import dev.mqkit.maven.variant.VariantFiles;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;

/**
 * Compiles the plugin's C and C++ sources and links them into
 * {@code target/<order>-<artifactId>.so}, exporting only the {@code mq_*} hooks.
 * <p>
 * Incremental: a source is compiled again only when it, a header it includes
 * (from the compiler's depfile) or its command line changed; the plugin is
 * linked again only when an object or the link command changed. Sources
 * compile in parallel. {@code target/compile_commands.json} is kept current.
 * <p>
 * Dependencies of type {@code nar} bring their headers and, for this AOL,
 * their libraries: a static one is linked in, a shared one is linked with the
 * run path {@code $ORIGIN/lib} and recorded for the plugin's descriptor.
 * <p>
 * With {@code -Dmailerq.sanitize=address,undefined} it makes a second, sanitized build beside the plain one
 * (see {@link #sanitize}); with {@code -Dmailerq.coverage} a second build that counts the lines and branches
 * run (see {@link #coverage}).
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.COMPILE,
        requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class CompileMojo extends AbstractPluginMojo {

    /** The C sources (*.c), compiled with the C compiler. */
    @Parameter(defaultValue = "${project.basedir}/src/main/c", required = true)
    private File cSourceDirectory;

    /** The C++ sources (*.cpp, *.cc, *.cxx), compiled with the C++ compiler. */
    @Parameter(defaultValue = "${project.basedir}/src/main/cpp", required = true)
    private File cppSourceDirectory;

    /** The plugin's private headers, first on the include path after mailerq.h. */
    @Parameter(defaultValue = "${project.basedir}/src/main/include", required = true)
    private File includeDirectory;

    /** The C compiler. Default: the {@code CC} environment variable, else {@code cc}. */
    @Parameter(property = "mailerq.cc")
    private String cc;

    /** The C++ compiler, also the linker of plugins with C++ sources. Default: {@code CXX}, else {@code c++}. */
    @Parameter(property = "mailerq.cxx")
    private String cxx;

    /**
     * The C standard, passed as {@code -std=}. The default is gcc's own dialect, {@code gnu17}, which
     * declares POSIX functions such as {@code strdup}; {@code c11} hides them.
     */
    @Parameter(property = "mailerq.cStandard", defaultValue = "gnu17", required = true)
    private String cStandard;

    /**
     * The C++ standard, passed as {@code -std=}. The default is the compilers' own dialect of C++17,
     * {@code gnu++17}.
     */
    @Parameter(property = "mailerq.cxxStandard", defaultValue = "gnu++17", required = true)
    private String cxxStandard;

    /** Preprocessor definitions, {@code NAME} or {@code NAME=value}, passed as {@code -D}. */
    @Parameter
    private List<String> defines = new ArrayList<>();

    /** Further include directories, after {@code src/main/include} and before those of dependencies. */
    @Parameter
    private List<File> includePaths = new ArrayList<>();

    /** Flags for C compiles, after the defaults ({@code -O2 -g -Wall -Wextra}) so that they win. */
    @Parameter(property = "mailerq.cflags")
    private List<String> cflags = new ArrayList<>();

    /** Flags for C++ compiles, after the defaults so that they win. */
    @Parameter(property = "mailerq.cxxflags")
    private List<String> cxxflags = new ArrayList<>();

    /** Libraries to link, by name ({@code ssl} for {@code -lssl}). */
    @Parameter
    private List<String> libraries = new ArrayList<>();

    /**
     * pkg-config modules of the libraries the plugin uses, e.g. {@code <pkgConfig><module>libcurl</module></pkgConfig>}
     * ({@code -Dmailerq.pkgConfig=libcurl,openssl}): their {@code --cflags} go into every compile and their
     * {@code --libs} into the link, before the project's own flags.
     */
    @Parameter(property = "mailerq.pkgConfig")
    private List<String> pkgConfig = new ArrayList<>();

    /** Directories to search for {@link #libraries}, passed as {@code -L}. */
    @Parameter
    private List<File> libraryPaths = new ArrayList<>();

    /** Flags for the link, placed last. */
    @Parameter(property = "mailerq.ldflags")
    private List<String> ldflags = new ArrayList<>();

    /**
     * The AOL (architecture-OS-linker, as nar-maven-plugin names it) whose
     * libraries are taken from {@code <type>nar</type>} dependencies.
     * Default: read from the compiler and this machine, e.g. {@code amd64-Linux-gpp}
     * for gcc or clang on x86-64 Linux; a cross compiler's name gives its target
     * ({@code aarch64-linux-gnu-gcc}: {@code aarch64-Linux-gpp}).
     */
    @Parameter(property = "mailerq.nar.aol")
    private String narAol;

    /**
     * How the libraries of {@code <type>nar</type>} dependencies are linked
     * when a NAR publishes both: {@code static} (linked into the plugin, its
     * symbols hidden) or {@code shared} (loaded at run time from {@code lib/}
     * beside the plugin, which the plugin directory and {@code mailerq:assemble}
     * provide). A NAR that publishes only one of them is linked that way.
     */
    @Parameter(property = "mailerq.nar.linkage", defaultValue = "static", required = true)
    private String narLinkage;

    /** How many compilers run at once; 0 means one per available processor. */
    @Parameter(property = "mailerq.threads", defaultValue = "0")
    private int threads;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
    private RepositorySystemSession repositorySession;

    @Component
    private RepositorySystem repositorySystem;

    /**
     * Sanitizers for a second build of the plugin, beside the plain one, which {@code mailerq:exercise} and
     * the {@code *IT} tests then run: a comma list of {@code address} (AddressSanitizer, with LeakSanitizer),
     * {@code undefined} (UndefinedBehaviorSanitizer, stopping at the first error) and {@code leak}
     * (LeakSanitizer alone), e.g. {@code -Dmailerq.sanitize=address,undefined}. It goes to
     * {@code target/mailerq/sanitize/}, with objects of its own, as incremental as the plain build; the
     * packaged plugin stays the plain {@code target/<order>-<artifactId>.so}.
     */
    @Parameter(property = "mailerq.sanitize")
    private String sanitize;

    /**
     * Makes a second build for coverage, beside the plain one, which {@code mailerq:exercise}, the {@code *IT}
     * tests and {@code mailerq:run} then run and {@code mailerq:coverage} reports on: compiled with
     * {@code --coverage -fprofile-update=atomic -O0} (gcc and clang alike) after the defaults and before the
     * project's flags, into {@code target/mailerq/coverage/}, with objects of its own, as incremental as the
     * plain build; each object's {@code .gcno} and, once a runtime ran it, its {@code .gcda} lie beside it. The
     * packaged plugin stays the plain {@code target/<order>-<artifactId>.so}, never instrumented. Not together
     * with {@link #sanitize}: the build fails at once naming both.
     */
    @Parameter(property = "mailerq.coverage", defaultValue = "false")
    private boolean coverage;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        PluginFiles files = files();
        Path basedir = project.getBasedir().toPath().toAbsolutePath();
        BuildVariant variant = variant(sanitize, coverage);
        try {
            List<SourceFile> sources = new ArrayList<>();
            sources.addAll(SourceFile.scan(cSourceDirectory.toPath(), Language.C, "c"));
            sources.addAll(SourceFile.scan(cppSourceDirectory.toPath(), Language.CXX, "cpp"));
            if (sources.isEmpty()) {
                throw new MojoFailureException("No sources: put the plugin's C sources in " + cSourceDirectory
                        + " or its C++ sources in " + cppSourceDirectory);
            }
            CompileOutputs outputs = new CompileOutputs(files.compileCommands(), files.versionScript(),
                    files.sharedObject(), files.linkCommand());
            int parallel = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
            String linker = sources.stream().anyMatch(source -> source.language() == Language.CXX)
                    ? choose(cxx, "CXX", "c++") : choose(cc, "CC", "cc");
            ToolchainSettings settings = settings(files, basedir, linker);
            new CompileExecutor(settings, outputs, parallel, new BuildLog(basedir)).execute(sources);
            if (variant != null) {
                compileVariant(variant, files, settings, sources, parallel, basedir);
            }
        } catch (CompilationFailureException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("Interrupted while compiling", e);
        }
    }

    /** The second build, with the variant's flags, and what it was made with. */
    private void compileVariant(BuildVariant variant, PluginFiles files, ToolchainSettings plain,
                                List<SourceFile> sources, int parallel, Path basedir)
            throws IOException, InterruptedException, CompilationFailureException {
        VariantFiles built = VariantFiles.beside(files.sharedObject(), variant.name());
        getLog().info((variant == BuildVariant.COVERAGE ? "Coverage" : "Sanitized") + " build (" + variant.flags()
                + ") in " + basedir.relativize(built.directory()));
        List<SourceFile> compiled = new ArrayList<>(sources);
        if (variant == BuildVariant.COVERAGE) {
            compiled.add(CoverageRuns.source(built.directory()));
        }
        new CompileExecutor(plain.withFlags(built.objectDirectory(), variant.compileFlags(), variant.linkFlags()),
                built.outputs(), parallel, new BuildLog(basedir)).execute(compiled);
        // the linker as CommandLines picks it: the compiler whose runtimes (sanitizers, gcov) the plugin needs
        String linker = sources.stream().anyMatch(source -> source.language() == Language.CXX) ? plain.cxx() : plain.cc();
        new VariantBuild(variant.flags(), linker, Sha256.of(files.sharedObject())).write(built.marker());
    }

    private ToolchainSettings settings(PluginFiles files, Path basedir, String linker)
            throws IOException, MojoFailureException, MojoExecutionException {
        List<Path> includes = new ArrayList<>();
        includes.add(IncludeDirectories.writeHeader(files.headerDirectory(), headerText()));
        if (header != null) {
            reportUnimplemented();
        }
        if (includeDirectory.isDirectory()) {
            includes.add(includeDirectory.toPath().toAbsolutePath());
        }
        includePaths.forEach(dir -> includes.add(dir.toPath().toAbsolutePath()));
        includes.addAll(IncludeDirectories.ofDependencies(project.getArtifacts(), files.dependencyDirectory()));
        NarLibraries nars = narLibraries(files, linker);
        includes.addAll(nars.includeDirectories());
        recordSharedLibraries(files, nars.sharedLibraries());
        PkgConfig.Flags modules = pkgConfigFlags();
        return new ToolchainSettings(basedir, files.objectDirectory(),
                choose(cc, "CC", "cc"), choose(cxx, "CXX", "c++"), cStandard, cxxStandard, includes,
                releaseDefines(), concat(modules.cflags(), nonBlank(cflags)),
                concat(modules.cflags(), nonBlank(cxxflags)),
                libraryPaths.stream().map(f -> f.toPath().toAbsolutePath()).toList(), libraries,
                concat(modules.libs(), nonBlank(ldflags)), nars.linked());
    }

    /** The flags pkg-config gives for {@link #pkgConfig}'s modules. */
    private PkgConfig.Flags pkgConfigFlags() throws MojoFailureException {
        List<String> modules = nonBlank(pkgConfig);
        try {
            PkgConfig.Flags flags = PkgConfig.fromEnvironment().flags(modules);
            if (!modules.isEmpty()) {
                getLog().info("pkg-config " + String.join(" ", modules) + ": " + String.join(" ", flags.cflags())
                        + (flags.cflags().isEmpty() ? "" : " ") + String.join(" ", flags.libs()));
            }
            return flags;
        } catch (PkgConfig.PkgConfigException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    /** Names the declarations of a real mailerq.h that the toolkit's, and so the embedded runtime, lack. */
    private void reportUnimplemented() throws MojoFailureException {
        MailerqApi real = api();
        MailerqApi toolkit = MailerqApi.bundled(release());
        List<String> hooks = real.hooks().stream().filter(hook -> !toolkit.hooks().contains(hook)).toList();
        List<String> functions = real.functions().stream().filter(f -> !toolkit.functions().contains(f)).toList();
        getLog().info("Compiling against " + header + " (MQ_API_VERSION " + real.version() + ") for MailerQ "
                + release() + "; the toolkit's header gives " + toolkit.version());
        if (!hooks.isEmpty()) {
            getLog().warn(header + " declares hooks that the embedded runtime never calls: " + String.join(", ", hooks));
        }
        if (!functions.isEmpty()) {
            getLog().warn(header + " declares functions that the embedded runtime does not implement (a plugin "
                    + "calling them does not load in the exercise and tests): " + String.join(", ", functions));
        }
    }

    /** The project's defines after MQ_MAILERQ_VERSION, which selects the release's declarations in mailerq.h. */
    private List<String> releaseDefines() throws MojoFailureException {
        List<String> all = new ArrayList<>();
        all.add("MQ_MAILERQ_VERSION=" + release().macro());
        for (String define : defines) {
            if (define != null && define.trim().startsWith("MQ_MAILERQ_VERSION")) {
                throw new MojoFailureException("<defines> sets " + define.trim() + ": set <mailerqVersion> "
                        + "instead, which also tells the check and the runtime the release");
            }
            all.add(define);
        }
        return all;
    }

    /** The project's NAR dependencies for the AOL of {@code linker}; none without a NAR dependency. */
    private NarLibraries narLibraries(PluginFiles files, String linker)
            throws IOException, MojoFailureException, MojoExecutionException {
        NarDependencies nars = new NarDependencies(project,
                new RepositoryArtifacts(project, repositorySystem, repositorySession), files.narDirectory());
        if (!nars.any()) {
            return NarLibraries.NONE;
        }
        Aol aol;
        NarLinkage linkage;
        try {
            aol = narAol == null || narAol.isBlank() ? Aol.current(linker) : Aol.parse(narAol);
            linkage = NarLinkage.parse(narLinkage);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("<narAol>" + narAol + "</narAol> or <narLinkage>" + narLinkage
                    + "</narLinkage>: " + e.getMessage(), e);
        }
        NarLibraries resolved = nars.resolve(aol, linkage);
        resolved.libraries().forEach(nar -> getLog().info("NAR " + nar.coordinates() + ": " + nar.summary(aol)));
        return resolved;
    }

    /** Tells mailerq:package which shared libraries the plugin loads, for its descriptor. */
    private static void recordSharedLibraries(PluginFiles files, List<SharedLibrary> shared) throws IOException {
        if (shared.isEmpty()) {
            Files.deleteIfExists(files.sharedLibraries());
        } else {
            FileContent.writeIfChanged(files.sharedLibraries(),
                    SharedLibrary.text(shared).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String choose(String configured, String environmentVariable, String fallback) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        String fromEnvironment = System.getenv(environmentVariable);
        return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment.trim() : fallback;
    }

    private static List<String> concat(List<String> first, List<String> then) {
        List<String> all = new ArrayList<>(first);
        all.addAll(then);
        return all;
    }

    private static List<String> nonBlank(List<String> flags) {
        return flags.stream().filter(f -> f != null && !f.isBlank()).map(String::trim).toList();
    }

    /** The compilation in Maven's log: paths relative to the project, compiler messages at their own level. */
    private final class BuildLog implements CompileExecutor.Listener {

        private final Path basedir;

        BuildLog(Path basedir) {
            this.basedir = basedir;
        }

        @Override
        public void nothingToCompile(int sources) {
            getLog().info("Nothing to compile: " + SourceFile.count(sources) + " up to date");
        }

        @Override
        public void compiling(List<CompileCommand> stale, int sources, int atOnce) {
            String compilers = stale.stream().map(c -> c.arguments().get(0)).distinct()
                    .collect(Collectors.joining(", "));
            getLog().info("Compiling " + stale.size() + " of " + SourceFile.count(sources) + " with " + compilers
                    + (stale.size() > 1 ? " (" + atOnce + " at a time)" : ""));
        }

        @Override
        public void compiled(CompileCommand command) {
            getLog().info("Compiled " + basedir.relativize(command.source().path()));
        }

        @Override
        public void diagnostics(List<Diagnostic> diagnostics) {
            for (Diagnostic d : diagnostics) {
                switch (d.severity()) {
                    case ERROR -> getLog().error(d.line());
                    case WARNING -> getLog().warn(d.line());
                    default -> getLog().info(d.line());
                }
            }
        }

        @Override
        public void linkUpToDate(Path sharedObject) {
            getLog().info(basedir.relativize(sharedObject) + " is up to date");
        }

        @Override
        public void linked(Path sharedObject, String linker) {
            getLog().info("Linked " + basedir.relativize(sharedObject) + " with " + linker);
        }
    }
}
