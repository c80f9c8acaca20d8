package dev.mqkit.header;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mqkit.header.testing.NativeCompiler;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MQ_EXPORT plus -fvisibility=hidden leaves exactly the hooks in the dynamic symbol table, in either generation. */
class MinimalPluginExportsTest {

    @ParameterizedTest(name = "{0} as {1}, {2}")
    @CsvSource({"gcc, c, -DMQ_MAILERQ_VERSION=30000", "g++, c++, -DMQ_MAILERQ_VERSION=30000",
        "clang, c, -DMQ_MAILERQ_VERSION=51300", "clang++, c++, -DMQ_MAILERQ_VERSION=51300",
        "gcc, c, -DMQ_DEFAULT_RELEASE", "clang++, c++, -DMQ_DEFAULT_RELEASE"})
    void exportsExactlyItsThreeHooks(String compiler, String language, String release) {
        NativeCompiler cc = NativeCompiler.of(compiler);
        Path plugin = cc.sharedObject(NativeCompiler.fixture("minimal_plugin.c"),
                "minimal-" + compiler + release.substring(2) + ".so", List.of("-x", language, release));

        TreeSet<String> exported = NativeCompiler.exportedSymbols(plugin);

        assertEquals(Set.of("mq_cleanup", "mq_initialize", "mq_version"), exported);
    }
}
