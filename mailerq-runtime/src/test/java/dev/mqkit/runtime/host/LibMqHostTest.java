package dev.mqkit.runtime.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.header.testing.NativeCompiler;
import dev.mqkit.header.testing.Release;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * libmqhost as the build ships it: every MQ_ function a plugin may call, the
 * runtime's own entry points, and nothing else.
 */
class LibMqHostTest {

    private static final Path LIBRARY = Path.of(System.getProperty("mqkit.libmqhost"));

    /** Both generations' functions, from one library: their names differ by case. */
    @ParameterizedTest(name = "MailerQ {0}")
    @MethodSource("dev.mqkit.header.testing.Release#generations")
    void definesEveryFunctionOfTheHeader(Release release) {
        // a plugin calling every MQ_ function links with no undefined symbol left
        Path linked = NativeCompiler.workDir().resolve("every-call-linked-" + release.macro() + ".so");
        NativeCompiler.Result result = NativeCompiler.cc().run(List.of("-std=c11", "-shared", "-fPIC", release.define(),
                "-fvisibility=hidden", Path.of(System.getProperty("mqkit.header.fixtures"))
                        .resolve(release.everyHookAndCall()).toString(),
                "-L" + LIBRARY.getParent(), "-l:" + LIBRARY.getFileName(), "-Wl,--no-undefined",
                "-o", linked.toString()));

        assertTrue(result.succeeded(), result::output);
    }

    @Test
    void exportsOnlyTheApiAndItsOwnEntryPoints() {
        TreeSet<String> exported = NativeCompiler.exportedSymbols(LIBRARY);

        // 2.1/3.x: 24 and MQ_ev; 4.0-5.13: 28 (MQ_ev shared)
        assertEquals(53, exported.stream().filter(name -> name.startsWith("MQ_")).count(), exported.toString());
        assertEquals("", exported.stream().filter(name -> !name.startsWith("MQ_") && !name.startsWith("mqhost_")
                        && !name.startsWith(JNI_PREFIX))
                .collect(Collectors.joining(" ")), "no other symbol leaks into the plugins' namespace");
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
