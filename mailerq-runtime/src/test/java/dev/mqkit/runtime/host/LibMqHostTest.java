package dev.mqkit.runtime.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.fixtures.TestReleases;
import dev.mqkit.header.testing.NativeCompiler;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.PluginApi;
import dev.mqkit.runtime.fixtures.TestPlugins;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * libmqhost as the build ships it: every MQ_ function a plugin of either
 * generation may call, the runtime's own entry points, and nothing else.
 */
class LibMqHostTest {

    private static final Path LIBRARY = Path.of(System.getProperty("mqkit.libmqhost"));

    /** The header's fixture that calls every MQ_ function of the release's generation, built for it. */
    private static Path everyCall(MailerqRelease release, String output, List<String> link) {
        Path built = NativeCompiler.workDir().resolve(output + "-" + release + ".so");
        List<String> arguments = new ArrayList<>(List.of("-std=c11", "-shared", "-fPIC", TestPlugins.define(release),
                "-fvisibility=hidden", Path.of(System.getProperty("mqkit.header.fixtures"))
                        .resolve(TestReleases.header(release).everyHookAndCall()).toString()));
        arguments.addAll(link);
        arguments.addAll(List.of("-o", built.toString()));
        NativeCompiler.Result result = NativeCompiler.cc().run(arguments);
        assertTrue(result.succeeded(), result::output);
        return built;
    }

    @ParameterizedTest(name = "MailerQ {0}")
    @MethodSource("dev.mqkit.api.fixtures.TestReleases#both")
    void definesEveryFunctionOfTheHeader(MailerqRelease release) {
        // a plugin calling every MQ_ function links with no undefined symbol left
        everyCall(release, "every-call-linked", List.of("-L" + LIBRARY.getParent(), "-l:" + LIBRARY.getFileName(),
                "-Wl,--no-undefined"));
    }

    @Test
    void exportsOnlyTheApiAndItsOwnEntryPoints() {
        TreeSet<String> exported = NativeCompiler.exportedSymbols(LIBRARY);
        TreeSet<String> api = new TreeSet<>();
        for (MailerqRelease release : TestReleases.both()) {
            api.addAll(undefinedSymbols(everyCall(release, "every-call", List.of())));
        }

        assertEquals("", exported.stream().filter(name -> name.startsWith("MQ_") && !api.contains(name))
                .collect(Collectors.joining(" ")), "every MQ_ function is one of a generation's API");
        assertEquals("", exported.stream().filter(name -> !name.startsWith("MQ_") && !name.startsWith("mqhost_")
                        && !name.startsWith(JNI_PREFIX))
                .collect(Collectors.joining(" ")), "no other symbol leaks into the plugins' namespace");
    }

    @Test
    void definesEveryFunctionOfEveryReleaseOfThePluginApiModel() {
        TreeSet<String> exported = NativeCompiler.exportedSymbols(LIBRARY);
        for (MailerqRelease release : PluginApi.bundled().releases()) {
            assertEquals(List.of(), release.api().functions().stream().filter(name -> !exported.contains(name))
                    .toList(), "MailerQ " + release);
        }
    }

    /** The names a shared object leaves for others to define (nm -u). */
    private static List<String> undefinedSymbols(Path sharedObject) {
        NativeCompiler.Result result = NativeCompiler.exec(List.of("nm", "-u", sharedObject.toString()));
        assertTrue(result.succeeded(), result::output);
        return result.output().lines().map(line -> line.trim().split("\\s+")).filter(fields -> fields.length == 2)
                .map(fields -> fields[1].replaceFirst("@.*", "")).toList();
    }

    private static final String JNI_PREFIX = "Java_dev_mqkit_runtime_host_HookCalls_";

    @Test
    void definesEveryJniTrampoline() {
        TreeSet<String> expected = Arrays.stream(HookCalls.class.getDeclaredMethods())
                .filter(method -> Modifier.isNative(method.getModifiers()))
                .map(method -> JNI_PREFIX + method.getName())
                .collect(Collectors.toCollection(TreeSet::new));
        TreeSet<String> exported = NativeCompiler.exportedSymbols(LIBRARY);

        assertEquals(6, expected.size(), expected.toString());
        assertEquals(expected, exported.stream().filter(name -> name.startsWith(JNI_PREFIX))
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void leakCheckDoesNothingWithoutLeakSanitizer() {
        // this JVM runs without a sanitizer runtime: the weak reference to LeakSanitizer's check stays NULL
        assertFalse(LeakCheck.run());
        assertEquals(-1, LibMqHost.mqhost_leak_check());
    }
}
