package dev.mqkit.maven.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The executor's stale check against real compiles: what runs again after which change, and what does not. */
class CompileExecutorTest {

    @TempDir
    Path project;

    private Path header;
    private Path objects;
    private CompileOutputs outputs;

    /** What one build did: the sources it compiled, by name, and whether it linked. */
    private record Build(List<String> compiled, boolean linked) {
    }

    private static final class Recorder implements CompileExecutor.Listener {
        private final TreeSet<String> compiled = new TreeSet<>();
        private boolean linked;

        @Override
        public void nothingToCompile(int sources) {
        }

        @Override
        public void compiling(List<CompileCommand> stale, int sources, int atOnce) {
        }

        @Override
        public void compiled(CompileCommand command) {
            compiled.add(command.source().path().getFileName().toString());
        }

        @Override
        public void diagnostics(List<Diagnostic> diagnostics) {
        }

        @Override
        public void linkUpToDate(Path sharedObject) {
        }

        @Override
        public void linked(Path sharedObject, String linker) {
            linked = true;
        }
    }

    @BeforeEach
    void sources() throws IOException {
        Path c = Files.createDirectories(project.resolve("src/main/c"));
        header = Files.writeString(Files.createDirectories(project.resolve("src/main/include")).resolve("shared.h"),
                "#define SHARED 1\n");
        Files.writeString(c.resolve("a.c"), "#include \"shared.h\"\nint a(void) { return SHARED; }\n");
        Files.writeString(c.resolve("b.c"), "int b(void) { return 2; }\n");
        objects = project.resolve("target/mailerq/obj");
        Path work = project.resolve("target/mailerq");
        outputs = new CompileOutputs(project.resolve("target/compile_commands.json"), work.resolve("exports.map"),
                project.resolve("target/50-x.so"), work.resolve("link.cmd"));
    }

    private Build build(List<String> cflags, List<String> ldflags)
            throws IOException, InterruptedException, CompilationFailureException {
        return build(cflags, ldflags, LinkedLibraries.NONE);
    }

    private Build build(List<String> cflags, List<String> ldflags, LinkedLibraries linked)
            throws IOException, InterruptedException, CompilationFailureException {
        ToolchainSettings settings = new ToolchainSettings(project, objects, System.getProperty("cc", "gcc"),
                System.getProperty("cxx", "g++"), "c11", "c++17", List.of(project.resolve("src/main/include")),
                List.of(), cflags, List.of(), List.of(), List.of(), ldflags, linked);
        Recorder recorder = new Recorder();
        new CompileExecutor(settings, outputs, 2, recorder)
                .execute(SourceFile.scan(project.resolve("src/main/c"), Language.C, "c"));
        return new Build(new ArrayList<>(recorder.compiled), recorder.linked);
    }

    private Build build() throws IOException, InterruptedException, CompilationFailureException {
        return build(List.of(), List.of());
    }

    /** Newer than the objects, as an edit after the last build would be, on any timestamp granularity. */
    private void edit(Path file) throws IOException {
        FileTime built = Files.getLastModifiedTime(objects.resolve("c/a.c.o"));
        Files.writeString(file, Files.readString(file) + "/* edited */\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(built.toMillis() + 2000));
    }

    @Test
    void aSecondBuildRunsNoCompilerAndNoLinkerAndRewritesNothing() throws Exception {
        assertEquals(new Build(List.of("a.c", "b.c"), true), build());
        FileTime plugin = Files.getLastModifiedTime(outputs.sharedObject());
        FileTime database = Files.getLastModifiedTime(outputs.compileCommands());

        assertEquals(new Build(List.of(), false), build());
        assertEquals(plugin, Files.getLastModifiedTime(outputs.sharedObject()));
        assertEquals(database, Files.getLastModifiedTime(outputs.compileCommands()));
    }

    @Test
    void aHeaderChangeRecompilesItsIncludersOnlyAndRelinks() throws Exception {
        build();
        edit(header);
        assertEquals(new Build(List.of("a.c"), true), build());
    }

    @Test
    void aSourceChangeRecompilesThatSourceOnly() throws Exception {
        build();
        edit(project.resolve("src/main/c/b.c"));
        assertEquals(new Build(List.of("b.c"), true), build());
    }

    @Test
    void aCompileFlagChangeRecompilesEverySource() throws Exception {
        build();
        assertEquals(new Build(List.of("a.c", "b.c"), true), build(List.of("-DEXTRA_FLAG"), List.of()));
        assertEquals(new Build(List.of(), false), build(List.of("-DEXTRA_FLAG"), List.of()));
    }

    @Test
    void aLinkFlagChangeRelinksWithoutCompiling() throws Exception {
        build();
        assertEquals(new Build(List.of(), true), build(List.of(), List.of("-Wl,-z,now")));
        assertEquals(new Build(List.of(), false), build(List.of(), List.of("-Wl,-z,now")));
    }

    @Test
    void aChangedLinkedLibraryRelinksWithoutCompiling() throws Exception {
        Path library = project.resolve("target/mailerq/nar/lib/libthree.a");
        archive(library, "int three(void) { return 3; }\n");
        LinkedLibraries linked = new LinkedLibraries(List.of(library), List.of(), List.of(), null);
        assertEquals(new Build(List.of("a.c", "b.c"), true), build(List.of(), List.of(), linked));
        assertEquals(new Build(List.of(), false), build(List.of(), List.of(), linked));

        archive(library, "int three(void) { return 33; }\n");
        Files.setLastModifiedTime(library, FileTime.fromMillis(
                Files.getLastModifiedTime(outputs.sharedObject()).toMillis() + 2000));
        assertEquals(new Build(List.of(), true), build(List.of(), List.of(), linked));
    }

    /** A static library of one C function, as a NAR's attachment holds it. */
    private void archive(Path library, String source) throws IOException, InterruptedException {
        Path c = Files.createDirectories(library.getParent()).resolve("three.c");
        Path object = library.resolveSibling("three.o");
        Files.writeString(c, source);
        Files.deleteIfExists(library);
        for (List<String> command : List.of(List.of(System.getProperty("cc", "gcc"), "-fPIC", "-c", c.toString(), "-o",
                object.toString()), List.of("ar", "rcs", library.toString(), object.toString()))) {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            assertEquals(0, process.waitFor(), command + ": " + output);
        }
    }

    @Test
    void aMissingObjectOrPluginIsMadeAgain() throws Exception {
        build();
        Files.delete(objects.resolve("c/b.c.o"));
        assertEquals(new Build(List.of("b.c"), true), build());
        Files.delete(outputs.sharedObject());
        assertEquals(new Build(List.of(), true), build());
    }

    @Test
    void aFailedCompileFailsTheBuildWithItsFirstErrorAndTheOthersStillCompile() throws Exception {
        Files.writeString(project.resolve("src/main/c/broken.c"), "int broken(void) { return undeclared; }\n");
        CompilationFailureException failure = assertThrows(CompilationFailureException.class, this::build);
        assertTrue(failure.getMessage().startsWith("Compilation failed in 1 of 3 sources:\n"), failure.getMessage());
        assertTrue(failure.getMessage().contains("broken.c:1:"), failure.getMessage());
        assertTrue(Files.exists(objects.resolve("c/a.c.o")) && Files.exists(objects.resolve("c/b.c.o")));
        assertTrue(Files.notExists(outputs.sharedObject()));
    }

    @Test
    void aFailedCompileRunsAgainEvenWhenItsSourceIsOlderThanItsObject() throws Exception {
        build();
        Path b = project.resolve("src/main/c/b.c");
        String good = Files.readString(b);
        FileTime before = Files.getLastModifiedTime(b);
        Files.writeString(b, "int b(void) { return undeclared; }\n");
        edit(b);
        assertThrows(CompilationFailureException.class, this::build);

        Files.writeString(b, good);
        Files.setLastModifiedTime(b, before);
        assertEquals(new Build(List.of("b.c"), true), build());
    }
}
