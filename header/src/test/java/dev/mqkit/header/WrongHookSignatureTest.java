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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A hook defined with the wrong parameters must not compile: the header
 * declares every hook, so the compiler sees the conflict.
 */
class WrongHookSignatureTest {

    /** A hook name and a definition of it that disagrees with every release's API. */
    static final List<String[]> WRONG_EVERYWHERE = List.of(
            new String[] {"mq_version", "MQ_EXPORT void mq_version(void) {}"},
            new String[] {"mq_smtp_in_message",
                "MQ_EXPORT bool mq_smtp_in_message(MQ_Context *c, MQ_Message *m) { (void)c; (void)m; return false; }"});

    /** A hook name and a definition of it that disagrees with the 2.1/3.x API. */
    static final List<String[]> WRONG_FOR_3 = List.of(
            new String[] {"mq_smtp_in_connect", "MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *c) { (void)c; return false; }"},
            new String[] {"mq_smtp_in_mailfrom",
                "MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *c, MQ_SmtpConnection *s, const char *m, int n)"
                    + " { (void)c; (void)s; (void)m; (void)n; return false; }"},
            new String[] {"mq_smtp_out_data",
                "MQ_EXPORT int mq_smtp_out_data(MQ_Context *c, MQ_SmtpConnection *s, MQ_Message *m)"
                    + " { (void)c; (void)s; (void)m; return 0; }"},
            new String[] {"mq_context_initialize", "MQ_EXPORT bool mq_context_initialize(void) { return false; }"},
            // the 4.0+ signatures
            new String[] {"mq_context_initialize", "MQ_EXPORT void mq_context_initialize(MQ_Context *c) { (void)c; }"},
            new String[] {"mq_smtp_in_connect",
                "MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *c, MQ_Connection *s) { (void)c; (void)s; return false; }"},
            new String[] {"mq_smtp_in_rcptto",
                "MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *c, MQ_SmtpConnection *s, MQ_Address *a)"
                    + " { (void)c; (void)s; (void)a; return false; }"});

    /** A hook name and a definition of it that disagrees with the 4.0-5.13 API. */
    static final List<String[]> WRONG_FOR_5 = List.of(
            new String[] {"mq_smtp_out_sent",
                "MQ_EXPORT void mq_smtp_out_sent(MQ_Context *c, MQ_Connection *s, MQ_Message *m)"
                    + " { (void)c; (void)s; (void)m; }"},
            // the 2.1/3.x signatures
            new String[] {"mq_context_initialize", "MQ_EXPORT bool mq_context_initialize(MQ_Context *c) { (void)c; return false; }"},
            new String[] {"mq_context_cleanup", "MQ_EXPORT bool mq_context_cleanup(MQ_Context *c) { (void)c; return false; }"},
            new String[] {"mq_smtp_in_connect",
                "MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *c, MQ_SmtpConnection *s) { (void)c; (void)s; return false; }"},
            new String[] {"mq_smtp_in_mailfrom",
                "MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *c, MQ_Connection *s, const char *m, size_t n)"
                    + " { (void)c; (void)s; (void)m; (void)n; return false; }"},
            new String[] {"mq_smtp_in_rcptto",
                "MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *c, MQ_Connection *s, const char *m, size_t n)"
                    + " { (void)c; (void)s; (void)m; (void)n; return false; }"},
            new String[] {"mq_smtp_out_data",
                "MQ_EXPORT bool mq_smtp_out_data(MQ_Context *c, MQ_SmtpConnection *s, MQ_Message *m)"
                    + " { (void)c; (void)s; (void)m; return false; }"});

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String release : List.of("30000", "51300")) {
            List<String[]> wrongs = new ArrayList<>(WRONG_EVERYWHERE);
            wrongs.addAll(release.equals("30000") ? WRONG_FOR_3 : WRONG_FOR_5);
            for (String[] wrong : wrongs) {
                for (String compiler : List.of("gcc", "g++", "clang", "clang++")) {
                    cases.add(Arguments.of(wrong[0], compiler, release, wrong[1]));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with {1} for {2}: {3}")
    @MethodSource("cases")
    void wrongSignatureDoesNotCompile(String hook, String compiler, String release, String definition) {
        NativeCompiler cc = NativeCompiler.of(compiler);
        boolean cxx = compiler.endsWith("++");
        String source = "#include <mailerq.h>\n" + definition + "\n";
        String file = "wrong-" + release + "-" + Math.abs(definition.hashCode()) + (cxx ? ".cpp" : ".c");
        List<String> flags = List.of(cxx ? "-std=c++17" : "-std=c11", "-DMQ_MAILERQ_VERSION=" + release);

        NativeCompiler.Result result = cc.compileText(compiler + "-" + file, source, flags);

        assertFalse(result.succeeded(), () -> compiler + " accepted a wrong " + hook + ":\n" + source);
        assertTrue(result.output().contains("for \u2018" + hook + "\u2019")
                || result.output().contains("for '" + hook + "'")
                || result.output().contains(hook + "("),
                () -> "the error names " + hook + ":\n" + result.output());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compilers")
    void theRightSignaturesCompile(String compiler) {
        NativeCompiler cc = NativeCompiler.of(compiler);
        boolean cxx = compiler.endsWith("++");
        String source = "#include <mailerq.h>\n"
                + "MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }\n"
                + "#if MQ_MAILERQ_VERSION < 40000\n"
                + "MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *c, MQ_SmtpConnection *s) { (void)c; (void)s; return false; }\n"
                + "#else\n"
                + "MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *c, MQ_Connection *s) { (void)c; (void)s; return false; }\n"
                + "#endif\n";
        for (String release : List.of("-DMQ_MAILERQ_VERSION=30000", "-DMQ_MAILERQ_VERSION=51300", "-DMQ_DEFAULT")) {
            NativeCompiler.Result result = cc.compileText(compiler + "-right" + release.substring(2)
                    + (cxx ? ".cpp" : ".c"), source, List.of(cxx ? "-std=c++17" : "-std=c11", "-Wall", "-Werror", release));
            assertTrue(result.succeeded(), result::output);
        }
    }

    /** gcc adds the header's deprecation note to the conflict; clang drops it on an invalid declaration. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gcc", "g++"})
    void aTypeOfTheOtherGenerationSaysWhichGenerationItIs(String compiler) {
        NativeCompiler cc = NativeCompiler.of(compiler);
        boolean cxx = compiler.endsWith("++");
        String source = "#include <mailerq.h>\n"
                + "MQ_EXPORT bool mq_smtp_in_close(MQ_Context *c, MQ_SmtpConnection *s) { (void)c; (void)s; return false; }\n";
        NativeCompiler.Result result = cc.compileText(compiler + "-generation" + (cxx ? ".cpp" : ".c"), source,
                List.of(cxx ? "-std=c++17" : "-std=c11"));
        assertFalse(result.succeeded(), source);
        assertTrue(result.output().contains("MQ_SmtpConnection is the MailerQ 2.1/3.x API"), result::output);
    }

    static Stream<String> compilers() {
        return Stream.of("gcc", "g++", "clang", "clang++");
    }
}
