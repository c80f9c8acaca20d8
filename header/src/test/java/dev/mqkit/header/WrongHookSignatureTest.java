package dev.mqkit.header;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.header.testing.NativeCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hook defined with the wrong parameters must not compile: the header
 * declares every hook, so the compiler sees the conflict.
 */
class WrongHookSignatureTest {

    /** A hook name and a definition of it that disagrees with the API. */
    static final List<String[]> WRONG = List.of(
            new String[] {"mq_version", "MQ_EXPORT void mq_version(void) {}"},
            new String[] {"mq_smtp_in_connect", "MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *c) { (void)c; return false; }"},
            new String[] {"mq_smtp_in_mailfrom",
                "MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *c, MQ_SmtpConnection *s, const char *m, int n)"
                    + " { (void)c; (void)s; (void)m; (void)n; return false; }"},
            new String[] {"mq_smtp_in_message",
                "MQ_EXPORT bool mq_smtp_in_message(MQ_Context *c, MQ_Message *m) { (void)c; (void)m; return false; }"},
            new String[] {"mq_smtp_out_data",
                "MQ_EXPORT int mq_smtp_out_data(MQ_Context *c, MQ_SmtpConnection *s, MQ_Message *m)"
                    + " { (void)c; (void)s; (void)m; return 0; }"},
            new String[] {"mq_context_initialize", "MQ_EXPORT bool mq_context_initialize(void) { return false; }"});

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String[] wrong : WRONG) {
            for (String compiler : List.of("gcc", "g++", "clang", "clang++")) {
                cases.add(Arguments.of(wrong[0], compiler, wrong[1]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("cases")
    void wrongSignatureDoesNotCompile(String hook, String compiler, String definition) {
        NativeCompiler cc = NativeCompiler.of(compiler);
        boolean cxx = compiler.endsWith("++");
        String source = "#include <mailerq.h>\n" + definition + "\n";
        String file = "wrong-" + hook + (cxx ? ".cpp" : ".c");
        List<String> std = List.of(cxx ? "-std=c++17" : "-std=c11");

        NativeCompiler.Result result = cc.compileText(compiler + "-" + file, source, std);

        assertFalse(result.succeeded(), () -> compiler + " accepted a wrong " + hook + ":\n" + source);
        assertTrue(result.output().contains(hook), () -> "the error names " + hook + ":\n" + result.output());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compilers")
    void theRightSignaturesCompile(String compiler) {
        NativeCompiler cc = NativeCompiler.of(compiler);
        boolean cxx = compiler.endsWith("++");
        String source = "#include <mailerq.h>\n"
                + "MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }\n"
                + "MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *c, MQ_SmtpConnection *s) { (void)c; (void)s; return false; }\n";
        NativeCompiler.Result result = cc.compileText(compiler + "-right" + (cxx ? ".cpp" : ".c"), source,
                List.of(cxx ? "-std=c++17" : "-std=c11", "-Wall", "-Werror"));
        assertTrue(result.succeeded(), result::output);
    }

    static Stream<String> compilers() {
        return Stream.of("gcc", "g++", "clang", "clang++");
    }
}
