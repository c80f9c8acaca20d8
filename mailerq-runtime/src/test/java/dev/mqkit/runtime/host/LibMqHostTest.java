package dev.mqkit.runtime.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.header.testing.NativeCompiler;
import dev.mqkit.runtime.fixtures.TestPlugins;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * libmqhost as the build ships it: every MQ_ function a plugin may call, the
 * runtime's own entry points, and nothing else.
 */
class LibMqHostTest {

    private static final Path LIBRARY = Path.of(System.getProperty("mqkit.libmqhost"));

    @Test
    void definesEveryFunctionOfTheHeader() {
        // a plugin calling every MQ_ function links with no undefined symbol left
        Path linked = NativeCompiler.workDir().resolve("every-call-linked.so");
        NativeCompiler.Result result = NativeCompiler.cc().run(List.of("-std=c11", "-shared", "-fPIC", TestPlugins.RELEASE,
                "-fvisibility=hidden", Path.of(System.getProperty("mqkit.header.fixtures"))
                        .resolve("every_hook_and_call_3.c").toString(),
                "-L" + LIBRARY.getParent(), "-l:" + LIBRARY.getFileName(), "-Wl,--no-undefined",
                "-o", linked.toString()));

        assertTrue(result.succeeded(), result::output);
    }

    @Test
    void exportsOnlyTheApiAndItsOwnEntryPoints() {
        TreeSet<String> exported = NativeCompiler.exportedSymbols(LIBRARY);

        assertEquals(25, exported.stream().filter(name -> name.startsWith("MQ_")).count(), exported.toString());
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

        assertEquals(5, expected.size(), expected.toString());
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
