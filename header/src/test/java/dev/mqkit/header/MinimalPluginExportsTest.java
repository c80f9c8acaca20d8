package dev.mqkit.header;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mqkit.header.testing.NativeCompiler;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MQ_EXPORT plus -fvisibility=hidden leaves exactly the hooks in the dynamic symbol table. */
class MinimalPluginExportsTest {

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({"gcc, c", "g++, c++", "clang, c", "clang++, c++"})
    void exportsExactlyItsThreeHooks(String compiler, String language) {
        NativeCompiler cc = NativeCompiler.of(compiler);
        Path plugin = cc.sharedObject(NativeCompiler.fixture("minimal_plugin.c"),
                "minimal-" + compiler + ".so", List.of("-x", language));

        TreeSet<String> exported = NativeCompiler.exportedSymbols(plugin);

        assertEquals(Set.of("mq_cleanup", "mq_initialize", "mq_version"), exported);
    }
}
