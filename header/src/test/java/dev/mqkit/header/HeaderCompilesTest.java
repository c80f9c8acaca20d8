package dev.mqkit.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.header.testing.NativeCompiler;
import dev.mqkit.header.testing.Release;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every hook defined and every MQ_ function called, for each release, as C and C++, warning-free. */
class HeaderCompilesTest {

    static Stream<Arguments> languages() {
        List<Arguments> cases = new ArrayList<>();
        for (Release release : Release.SAMPLES) {
            for (String compiler : List.of("gcc", "clang")) {
                for (String std : List.of("c99", "c11")) {
                    cases.add(Arguments.of(release, compiler, "c", std));
                }
            }
            for (String compiler : List.of("g++", "clang++")) {
                for (String std : List.of("c++11", "c++17")) {
                    cases.add(Arguments.of(release, compiler, "c++", std));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "MailerQ {0}: {1} -std={3}")
    @MethodSource("languages")
    void everyHookAndCallCompilesWithoutWarnings(Release release, String compiler, String language, String std) {
        NativeCompiler cc = NativeCompiler.of(compiler);
        NativeCompiler.Result result = cc.run(List.of(
                "-x", language, "-std=" + std, "-Wall", "-Wextra", "-pedantic", "-Werror",
                "-fPIC", "-fvisibility=hidden", release.define(), "-c",
                NativeCompiler.fixture(release.everyHookAndCall()).toString(),
                "-o", NativeCompiler.workDir().resolve("every-" + release.macro() + "-" + compiler + "-" + std + ".o")
                        .toString()));
        assertTrue(result.succeeded(), () -> compiler + " -std=" + std + " failed:\n" + result.output());
        assertEquals("", result.output().strip(), "no diagnostics at all");
    }

    static Stream<Arguments> releasesAndCompilers() {
        List<Arguments> cases = new ArrayList<>();
        for (Release release : Release.SAMPLES) {
            for (String compiler : List.of("gcc", "clang")) {
                cases.add(Arguments.of(release, compiler, List.of(release.define())));
            }
        }
        cases.add(Arguments.of(Release.DEFAULT, "gcc", List.of()));
        return cases.stream();
    }

    @ParameterizedTest(name = "MailerQ {0}: {1} {2}")
    @MethodSource("releasesAndCompilers")
    void constantsAreTheReleasesVersionAndTwoDistinctBits(Release release, String compiler, List<String> define) {
        NativeCompiler cc = NativeCompiler.of(compiler);
        String program = NativeCompiler.workDir().resolve("constants-" + compiler + "-" + release.macro()
                + define.size()).toString();
        List<String> arguments = new ArrayList<>(List.of("-std=c99", "-Wall", "-Wextra", "-pedantic", "-Werror"));
        arguments.addAll(define);
        arguments.addAll(List.of(NativeCompiler.fixture("constants.c").toString(), "-o", program));
        NativeCompiler.Result build = cc.run(arguments);
        assertTrue(build.succeeded(), build::output);

        String[] values = NativeCompiler.exec(List.of(program)).output().trim().split(" ");
        int read = Integer.parseInt(values[1]);
        int write = Integer.parseInt(values[2]);
        assertEquals(release.apiVersion(), Integer.parseInt(values[0]), "MQ_API_VERSION from the header's table");
        assertEquals(1, Integer.bitCount(read), "MQ_READ is one bit");
        assertEquals(1, Integer.bitCount(write), "MQ_WRITE is one bit");
        assertEquals(0, read & write, "MQ_READ and MQ_WRITE are distinct bits");
        assertEquals("1", values[3], "bool comes with the header");
        assertEquals("1", values[4], "size_t comes with the header");
        assertEquals(String.valueOf(release.macro()), values[5], "MQ_MAILERQ_VERSION");
    }

    @ParameterizedTest(name = "MQ_MAILERQ_VERSION={0}")
    @ValueSource(ints = {0, 20000, 51400, 60000})
    void anUnknownReleaseDoesNotCompile(int macro) {
        NativeCompiler.Result result = NativeCompiler.of("gcc").compileText("unknown-" + macro + ".c",
                "#include <mailerq.h>\n", List.of("-DMQ_MAILERQ_VERSION=" + macro));
        assertFalse(result.succeeded(), "MQ_MAILERQ_VERSION=" + macro + " was accepted");
        assertTrue(result.output().contains("20100 (2.1) to 51300 (5.13)"), result::output);
    }
}
