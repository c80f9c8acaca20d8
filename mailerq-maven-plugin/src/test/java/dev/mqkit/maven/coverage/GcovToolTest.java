package dev.mqkit.maven.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tool that reads the counts follows the name of the compiler that linked the plugin. */
class GcovToolTest {

    @Test
    void gccGivesItsGcovInJson() {
        assertEquals(new GcovTool(List.of("gcov-12", "--json-format", "-b", "-t"), true), GcovTool.forCompiler("gcc-12"));
        assertEquals(List.of("/opt/cross/bin/aarch64-linux-gnu-gcov", "--json-format", "-b", "-t"),
                GcovTool.forCompiler("/opt/cross/bin/aarch64-linux-gnu-g++").command());
    }

    @Test
    void clangGivesItsLlvmCovInText() {
        assertEquals(new GcovTool(List.of("llvm-cov-14", "gcov", "-b", "-c", "-m", "-t"), false),
                GcovTool.forCompiler("clang++-14"));
        assertEquals(List.of("/usr/lib/llvm-14/bin/llvm-cov", "gcov", "-b", "-c", "-m", "-t"),
                GcovTool.forCompiler("/usr/lib/llvm-14/bin/clang").command());
    }
}
