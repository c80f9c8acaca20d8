package dev.mqkit.maven.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

class CommandLinesTest {

    private final ToolchainSettings settings = new ToolchainSettings(Path.of("/p"), Path.of("/p/target/obj"),
            "gcc", "g++", "c11", "c++17", List.of(Path.of("/p/target/mailerq/include")), List.of("DEBUG=1"),
            List.of("-O0"), List.of("-O3"), List.of(Path.of("/opt/lib")), List.of("ssl"), List.of("-Wl,-z,now"),
            LinkedLibraries.NONE);
    private final CommandLines lines = new CommandLines(settings);

    private final SourceFile c = new SourceFile(Path.of("/p/src/main/c/a.c"), Language.C, "c/a.c.o");
    private final SourceFile cxx = new SourceFile(Path.of("/p/src/main/cpp/b.cpp"), Language.CXX, "cpp/b.cpp.o");

    @Test
    void userFlagsComeAfterTheDefaultsSoTheyWin() {
        List<String> args = lines.compile(c).arguments();
        assertEquals("gcc", args.get(0));
        assertTrue(args.indexOf("-O0") > args.indexOf("-O2"));
        assertTrue(args.containsAll(List.of("-std=c11", "-fPIC", "-fvisibility=hidden", "-DDEBUG=1",
                "-I/p/target/mailerq/include", "-Wall", "-Wextra", "-g")));
        assertEquals(List.of("-MMD", "-MF", "/p/target/obj/c/a.c.o.d", "-c", "/p/src/main/c/a.c", "-o",
                "/p/target/obj/c/a.c.o"), args.subList(args.size() - 7, args.size()));
    }

    @Test
    void cxxHidesInlinesToo() {
        List<String> args = lines.compile(cxx).arguments();
        assertEquals("g++", args.get(0));
        assertTrue(args.containsAll(List.of("-std=c++17", "-fvisibility-inlines-hidden", "-O3")));
    }

    @Test
    void linksCWithTheCCompilerAndAnyCxxWithTheCxxCompiler() {
        Path script = Path.of("/p/target/mailerq/exports.map");
        Path out = Path.of("/p/target/10-x.so");
        List<String> cOnly = lines.link(List.of(lines.compile(c)), script, out);
        assertEquals("gcc", cOnly.get(0));
        assertTrue(cOnly.containsAll(List.of("-shared", "-Wl,--version-script=" + script, "-lssl", "-L/opt/lib")));
        assertEquals("-Wl,-z,now", cOnly.get(cOnly.size() - 1));
        assertEquals("g++", lines.link(List.of(lines.compile(c), lines.compile(cxx)), script, out).get(0));
    }

    @Test
    void linksArchivesInAGroupAndSharedObjectsByFileNameWithTheirRunPath() {
        LinkedLibraries linked = new LinkedLibraries(
                List.of(Path.of("/n/a/lib/libone-1.0.a"), Path.of("/n/b/lib/libtwo-2.0.a")),
                List.of(Path.of("/n/c/lib/libthree-3.0.so")), List.of("pthread"), "$ORIGIN/lib");
        ToolchainSettings withLibraries = new ToolchainSettings(Path.of("/p"), Path.of("/p/target/obj"), "gcc", "g++",
                "c11", "c++17", List.of(), List.of(), List.of(), List.of(), List.of(), List.of("ssl"), List.of(),
                linked);
        List<String> args = new CommandLines(withLibraries).link(List.of(lines.compile(c)),
                Path.of("/p/exports.map"), Path.of("/p/target/10-x.so"));
        int object = args.indexOf("/p/target/obj/c/a.c.o");
        // after the objects, which use them; before the user's own libraries
        assertEquals(List.of("-Wl,--start-group", "/n/a/lib/libone-1.0.a", "/n/b/lib/libtwo-2.0.a", "-Wl,--end-group",
                "-L/n/c/lib", "-l:libthree-3.0.so", "-Wl,-rpath,$ORIGIN/lib", "-Wl,--disable-new-dtags", "-lpthread",
                "-lssl"), args.subList(object + 1, args.size()));
    }

    @Test
    void aSanitizedBuildPutsItsFlagsBetweenTheDefaultsAndTheUsersAndItsObjectsApart() {
        CommandLines sanitized = new CommandLines(settings.withFlags(Path.of("/p/target/mailerq/sanitize/obj"),
                List.of("-fsanitize=address", "-O1"), List.of("-fsanitize=address")));
        List<String> args = sanitized.compile(c).arguments();
        assertTrue(args.indexOf("-O2") < args.indexOf("-O1") && args.indexOf("-O1") < args.indexOf("-O0"), args.toString());
        assertEquals("/p/target/mailerq/sanitize/obj/c/a.c.o", args.get(args.size() - 1));
        List<String> link = sanitized.link(List.of(sanitized.compile(c)), Path.of("/p/x.map"), Path.of("/p/x.so"));
        assertEquals(List.of("-fsanitize=address", "-Wl,-z,now"), link.subList(link.size() - 2, link.size()));
        assertEquals(List.of("-O0"), settings.cflags(), "the plain build keeps its own flags");
    }
}
