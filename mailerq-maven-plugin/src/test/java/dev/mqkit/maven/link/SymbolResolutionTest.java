package dev.mqkit.maven.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.elf.ElfFile;
import dev.mqkit.maven.platform.SharedLibrary;
import dev.mqkit.maven.platform.SystemLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check's view of a plugin's load, on plugins built with this machine's compiler and its real libraries. */
class SymbolResolutionTest {

    private static final String SOURCE = """
            #include <stdlib.h>
            #include <string.h>
            void *curl_easy_init(void);
            void MQ_continue(void *connection);
            __attribute__((weak)) void optional_hook(void);
            __attribute__((visibility("default"))) int mq_version(void) { return 4; }
            __attribute__((visibility("default"))) void mq_initialize(void)
            {
                char *copy = strdup("x");
                if (optional_hook) optional_hook();
                if (curl_easy_init() == NULL) MQ_continue(copy);
                free(copy);
            }
            """;

    @TempDir
    Path directory;

    private final LibrarySearch search = LibrarySearch.system();

    private Path plugin(String name, String... linkFlags) throws IOException, InterruptedException {
        Path source = Files.writeString(directory.resolve(name + ".c"), SOURCE);
        Path plugin = directory.resolve(name + ".so");
        List<String> command = new ArrayList<>(List.of(System.getProperty("cc", "cc"), "-shared", "-fPIC",
                "-fvisibility=hidden", "-o", plugin.toString(), source.toString()));
        command.addAll(List.of(linkFlags));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
        return plugin;
    }

    private static boolean libcurlInstalled() {
        return LibrarySearch.system().cachedLibraries().stream()
                .anyMatch(file -> file.getFileName().toString().equals("libcurl.so"));
    }

    private SymbolResolution.Result resolve(Path plugin) throws IOException {
        return new LoadCheck(search, PkgConfig.fromEnvironment(), MailerqRelease.parse("5.13"),
                Set.of("MQ_continue")).resolve(plugin, List.of());
    }

    @Test
    void aLibraryCallWithoutTheLibraryLinkedIsUnresolvedAndNamed() throws Exception {
        assumeTrue(libcurlInstalled(), "libcurl4-openssl-dev is not installed");
        Path plugin = plugin("unlinked");
        LoadCheck check = new LoadCheck(search, PkgConfig.fromEnvironment(), MailerqRelease.parse("5.13"),
                Set.of("MQ_continue"));

        SymbolResolution.Result result = check.resolve(plugin, List.of());

        // strdup and free are libc's, MQ_continue the host's, the weak optional_hook may stay undefined
        assertEquals(List.of("curl_easy_init"), result.unresolved());
        assertEquals(List.of(), result.missingLibraries());
        List<String> problems = check.problems("10-x.so", result);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("10-x.so calls curl_easy_init, which neither MailerQ 5.13 nor a "
                + "library the plugin is linked with defines, so MailerQ would refuse to load it (undefined symbol): "
                + "it is libcurl.so.4's; link it with "), problems.get(0));
        assertTrue(problems.get(0).contains("<pkgConfig><module>libcurl</module></pkgConfig>")
                || problems.get(0).contains("<libraries><library>curl</library></libraries>"), problems.get(0));
    }

    @Test
    void theLinkedLibraryResolvesItAndIsFoundAsTheLoaderFindsIt() throws Exception {
        assumeTrue(libcurlInstalled(), "libcurl4-openssl-dev is not installed");
        Path plugin = plugin("linked", "-lcurl");

        SymbolResolution.Result result = resolve(plugin);

        assertTrue(result.passed(), result.toString());
        Optional<Path> curl = result.needed().get("libcurl.so.4");
        assertTrue(curl.isPresent(), result.needed().toString());
        assertEquals("libcurl.so.4", ElfFile.read(curl.get()).soname());
        assertTrue(result.needed().containsKey("libc.so.6"), result.needed().toString());
    }

    @Test
    void aNeededLibraryNowhereTheLoaderLooksIsMissing() throws Exception {
        Path library = Files.writeString(directory.resolve("gone.c"), "int gone(void) { return 1; }\n");
        Path lib = Files.createDirectories(directory.resolve("elsewhere"));
        Process build = new ProcessBuilder(System.getProperty("cc", "cc"), "-shared", "-fPIC",
                "-Wl,-soname,libmqkit-gone.so.1", "-o", lib.resolve("libmqkit-gone.so.1").toString(),
                library.toString()).inheritIO().start();
        assertEquals(0, build.waitFor());
        // needed although unused: --as-needed, which some compilers pass by default, would drop it
        Path plugin = plugin("needs-gone", "-lcurl", "-L" + lib, "-Wl,--no-as-needed", "-l:libmqkit-gone.so.1",
                "-Wl,-rpath,$ORIGIN/lib");
        assertEquals(List.of("$ORIGIN/lib"), ElfFile.read(plugin).runPath());
        LoadCheck check = new LoadCheck(search, PkgConfig.fromEnvironment(), MailerqRelease.parse("5.13"),
                Set.of("MQ_continue"));

        SymbolResolution.Result missing = check.resolve(plugin, List.of());
        // in lib/ beside the plugin, as the plugin directory holds it
        Files.createDirectories(directory.resolve("lib"));
        Files.copy(lib.resolve("libmqkit-gone.so.1"), directory.resolve("lib/libmqkit-gone.so.1"));
        SymbolResolution.Result found = check.resolve(plugin, List.of());

        assertEquals(List.of("libmqkit-gone.so.1 (needed by needs-gone.so)"), missing.missingLibraries());
        assertTrue(check.problems("needs-gone.so", missing).get(0).startsWith("needs-gone.so needs libmqkit-gone.so.1 "
                + "(needed by needs-gone.so), which this machine's loader does not find"));
        assertFalse(found.needed().get("libmqkit-gone.so.1").isEmpty(), found.toString());
        assertEquals(List.of(), found.missingLibraries());
    }

    @Test
    void theReleasesJsonLibraryIsTheHosts() throws Exception {
        Path source = Files.writeString(directory.resolve("json.c"), """
                void *fjson_object_new_object(void);
                void *json_object_new_object(void);
                __attribute__((visibility("default"))) void *five(void) { return fjson_object_new_object(); }
                __attribute__((visibility("default"))) void *four(void) { return json_object_new_object(); }
                """);
        Path plugin = directory.resolve("json.so");
        Process build = new ProcessBuilder(System.getProperty("cc", "cc"), "-shared", "-fPIC", "-o",
                plugin.toString(), source.toString()).inheritIO().start();
        assertEquals(0, build.waitFor());

        List<String> for513 = new LoadCheck(search, PkgConfig.fromEnvironment(), MailerqRelease.parse("5.13"),
                Set.of()).resolve(plugin, List.of()).unresolved();
        List<String> for44 = new LoadCheck(search, PkgConfig.fromEnvironment(), MailerqRelease.parse("4.4"),
                Set.of()).resolve(plugin, List.of()).unresolved();

        // MailerQ 5.13 loads libfastjson, 4.4 json-c, before any plugin
        assertFalse(for513.contains("fjson_object_new_object"), for513.toString());
        assertFalse(for44.contains("json_object_new_object"), for44.toString());
        assertTrue(for44.contains("fjson_object_new_object"), for44.toString());
    }

    @Test
    void theLibrariesTheServersMustHaveAreTheNeededOnesNoArtifactBrings() throws Exception {
        assumeTrue(libcurlInstalled(), "libcurl4-openssl-dev is not installed");
        Path plugin = plugin("linked-once-more", "-lcurl");

        List<SystemLibrary> libraries = new SystemLibraries(search).of(plugin, List.of());

        // libc.so.6 is MailerQ's own; the package is known where dpkg is
        assertEquals(List.of("libcurl.so.4"), libraries.stream().map(SystemLibrary::name).toList());
        String expected = Files.isExecutable(Path.of("/usr/bin/dpkg")) ? "libcurl4" : null;
        assertEquals(expected, libraries.get(0).debianPackage());
        SharedLibrary bundled = new SharedLibrary("libcurl.so.4", "g:curl:nar:shared:1", "lib/libcurl.so.4", "ab");
        assertEquals(List.of(), new SystemLibraries(search).of(plugin, List.of(bundled)));
    }
}
