package dev.mqkit.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.header.testing.NativeCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every hook defined and every MQ_ function called, as C and C++, warning-free. */
class HeaderCompilesTest {

    static Stream<Arguments> languages() {
        List<Arguments> cases = new ArrayList<>();
        for (String compiler : List.of("gcc", "clang")) {
            for (String std : List.of("c99", "c11")) {
                cases.add(Arguments.of(compiler, "c", std));
            }
        }
        for (String compiler : List.of("g++", "clang++")) {
            for (String std : List.of("c++11", "c++17")) {
                cases.add(Arguments.of(compiler, "c++", std));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} -std={2}")
    @MethodSource("languages")
    void everyHookAndCallCompilesWithoutWarnings(String compiler, String language, String std) {
        NativeCompiler cc = NativeCompiler.of(compiler);
        NativeCompiler.Result result = cc.run(List.of(
                "-x", language, "-std=" + std, "-Wall", "-Wextra", "-pedantic", "-Werror",
                "-fPIC", "-fvisibility=hidden", "-c",
                NativeCompiler.fixture("every_hook_and_call.c").toString(),
                "-o", NativeCompiler.workDir().resolve("every-" + compiler + "-" + std + ".o").toString()));
        assertTrue(result.succeeded(), () -> compiler + " -std=" + std + " failed:\n" + result.output());
        assertEquals("", result.output().strip(), "no diagnostics at all");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cCompilers")
    void constantsAreAnIntegerVersionAndTwoDistinctBits(String compiler) {
        NativeCompiler cc = NativeCompiler.of(compiler);
        String program = NativeCompiler.workDir().resolve("constants-" + compiler).toString();
        NativeCompiler.Result build = cc.run(List.of("-std=c99", "-Wall", "-Wextra", "-pedantic", "-Werror",
                NativeCompiler.fixture("constants.c").toString(), "-o", program));
        assertTrue(build.succeeded(), build::output);

        String[] values = NativeCompiler.exec(List.of(program)).output().trim().split(" ");
        int version = Integer.parseInt(values[0]);
        int read = Integer.parseInt(values[1]);
        int write = Integer.parseInt(values[2]);
        assertTrue(version > 0, "MQ_API_VERSION is a positive integer");
        assertEquals(1, Integer.bitCount(read), "MQ_READ is one bit");
        assertEquals(1, Integer.bitCount(write), "MQ_WRITE is one bit");
        assertEquals(0, read & write, "MQ_READ and MQ_WRITE are distinct bits");
        assertEquals("1", values[3], "bool comes with the header");
        assertEquals("1", values[4], "size_t comes with the header");
    }

    static Stream<String> cCompilers() {
        return Stream.of("gcc", "clang");
    }
}
