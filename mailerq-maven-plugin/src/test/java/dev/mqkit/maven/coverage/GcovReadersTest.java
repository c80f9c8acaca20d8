package dev.mqkit.maven.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mqkit.api.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * gcc's JSON and clang's text, as gcov and llvm-cov wrote them for real plugins (the C and C++ plugins of the
 * coverage IT, and a C++ source with a template in its header and std::string from the system's), into the
 * same counts.
 */
class GcovReadersTest {

    static final Path PROJECT = Path.of("/work/plugin");

    static PluginCoverage gcc(String resource, int times) throws IOException {
        CoverageBuilder builder = new CoverageBuilder(PROJECT, PROJECT.resolve("target"));
        for (int i = 0; i < times; i++) {
            GcovJson.read(Json.MAPPER.readTree(resource(resource)), builder);
        }
        return builder.build("20-x.so");
    }

    static PluginCoverage clang(String resource) throws IOException {
        CoverageBuilder builder = new CoverageBuilder(PROJECT, PROJECT.resolve("target"));
        GcovText.read(resource(resource), builder);
        return builder.build("20-x.so");
    }

    static String resource(String name) throws IOException {
        try (InputStream in = GcovReadersTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static FileCoverage file(PluginCoverage coverage, String path) {
        return coverage.files().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
    }

    static Map<Integer, Long> counts(FileCoverage file) {
        return file.lines().values().stream().collect(Collectors.toMap(LineCoverage::number, LineCoverage::count));
    }

    @Test
    void gccJsonOfACPluginWithAHeaderFunction() throws IOException {
        PluginCoverage coverage = gcc("gcc-recipients.c.json", 1);
        assertEquals(List.of("src/main/c/recipients.c", "src/main/include/domains.h"),
                coverage.files().stream().map(FileCoverage::path).toList());
        FileCoverage recipients = file(coverage, "src/main/c/recipients.c");
        assertEquals(Map.of(8, 2L, 10, 3L, 12, 3L, 14, 3L, 15, 0L, 17, 3L, 18, 1L, 20, 3L, 21, 3L), counts(recipients));
        assertEquals(List.of(0L, 3L), recipients.lines().get(14).branches());
        assertEquals(List.of(new FunctionCoverage("mq_version", 8, 8, 2), new FunctionCoverage("mq_smtp_in_rcptto",
                10, 22, 3)), recipients.functions());
        assertEquals("15", recipients.missedLines());
        assertEquals("14", recipients.untakenBranches());
        assertEquals("75% (3/4)", file(coverage, "src/main/include/domains.h").lines().get(7).branchCounter().toString());
        assertEquals("coverage of 20-x.so: lines 91% (11/12), branches 75% (6/8)", coverage.summary());
    }

    @Test
    void gccJsonOfCppCountsEachTemplateInstanceAndLeavesOutSystemHeadersAndThrowBranches() throws IOException {
        PluginCoverage coverage = gcc("gcc-plugin.cpp.json", 1);
        assertEquals(List.of("src/main/cpp/plugin.cpp", "src/main/include/util.hpp"),
                coverage.files().stream().map(FileCoverage::path).toList());
        FileCoverage util = file(coverage, "src/main/include/util.hpp");
        assertEquals(Map.of(3, 4L, 4, 4L, 5, 0L, 6, 4L, 7, 2L, 8, 2L), counts(util));
        assertEquals("lines 83% (5/6), branches 50% (4/8)",
                "lines " + util.lineCounter() + ", branches " + util.branchCounter());
        assertEquals(List.of("double clamp<double>(double, double, double)", "int clamp<int>(int, int, int)"),
                util.functions().stream().map(FunctionCoverage::name).toList());
        FileCoverage plugin = file(coverage, "src/main/cpp/plugin.cpp");
        // line 5 (a std::string) has a branch that only an exception takes: left out
        assertEquals(List.of(2L), plugin.lines().get(5).branches());
        assertEquals("lines 100% (8/8), branches 80% (4/5)",
                "lines " + plugin.lineCounter() + ", branches " + plugin.branchCounter());
        assertEquals(List.of(new FunctionCoverage("score", 4, 11, 2)), plugin.functions());
    }

    @Test
    void theSameSourcesFromTwoObjectsAddUp() throws IOException {
        PluginCoverage once = gcc("gcc-recipients.c.json", 1);
        PluginCoverage twice = gcc("gcc-recipients.c.json", 2);
        FileCoverage header = file(twice, "src/main/include/domains.h");
        assertEquals(Map.of(4, 6L, 6, 6L, 7, 6L), counts(header));
        assertEquals(List.of(0L, 2L, 4L, 6L), header.lines().get(7).branches().stream().sorted().toList());
        assertEquals(once.lineCounter(), twice.lineCounter());
        assertEquals(once.branchCounter(), twice.branchCounter());
        assertEquals(List.of(new FunctionCoverage("is_local", 4, 8, 6)), header.functions());
    }

    @Test
    void clangTextOfACppPluginWithATemplateHeader() throws IOException {
        PluginCoverage coverage = clang("clang-lengths.cpp.gcov");
        assertEquals(List.of("src/main/cpp/lengths.cpp", "src/main/include/bounds.hpp"),
                coverage.files().stream().map(FileCoverage::path).toList());
        FileCoverage lengths = file(coverage, "src/main/cpp/lengths.cpp");
        assertEquals(Map.of(13, 2L, 15, 3L, 18, 3L, 19, 3L, 20, 3L, 21, 3L), counts(lengths));
        assertEquals(List.of(0L, 3L), lengths.lines().get(19).branches());
        assertEquals(List.of(new FunctionCoverage("mq_version", 13, 14, 2),
                new FunctionCoverage("mq_smtp_in_rcptto", 15, 21, 3)), lengths.functions());
        FileCoverage bounds = file(coverage, "src/main/include/bounds.hpp");
        assertEquals(Map.of(5, 3L, 7, 3L, 8, 0L, 9, 3L, 10, 3L, 11, 0L, 12, 3L), counts(bounds));
        assertEquals(List.of(new FunctionCoverage("long bounded<long>(long, long, long)", 5, 12, 3)), bounds.functions());
        assertEquals("8, 11", bounds.missedLines());
        assertEquals("coverage of 20-x.so: lines 84% (11/13), branches 50% (3/6)", coverage.summary());
    }

    @Test
    void onlyThePluginsOwnFilesCount() {
        CoverageBuilder builder = new CoverageBuilder(PROJECT, PROJECT.resolve("target"));
        assertEquals("src/main/c/a.c", builder.counted("./src/main/c/a.c"));
        assertEquals("src/main/include/a.h", builder.counted("/work/plugin/src/main/include/a.h"));
        assertEquals(null, builder.counted("target/mailerq/include/mailerq.h"), "the toolkit's mailerq.h");
        assertEquals(null, builder.counted("/usr/include/string.h"));
        assertEquals(null, builder.counted("../other/src/a.c"));
    }
}
