package dev.mqkit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.api.MailerqRelease.Generation;
import dev.mqkit.api.fixtures.FictitiousRelease;
import dev.mqkit.header.testing.NativeCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plugin API model against mailerq.h, compiled by gcc for each release the model knows: the hooks and
 * the functions the model lists for a release are those the header declares for its MQ_MAILERQ_VERSION, in
 * the header's order, every hook with the signature of its shape, and MQ_API_VERSION is the model's.
 */
class PluginApiHeaderTest {

    /** A declaration as gcc -aux-info prints it: "extern _Bool mq_smtp_in_data (MQ_Context *, …);". */
    private static final Pattern DECLARATION =
            Pattern.compile("^/\\* (.*?):\\d+:\\w+ \\*/ extern (.*?)\\b((?:mq|MQ)_\\w+) \\((.*)\\);$");
    private static final Pattern API_VERSION = Pattern.compile("(?m)^#define MQ_API_VERSION (\\d+)$");

    /** What a header declares for one release: each hook's and function's signature, in header order. */
    record Declarations(Map<String, String> hooks, Map<String, String> functions, int apiVersion) {
    }

    static List<MailerqRelease> releases() {
        return PluginApi.bundled().releases();
    }

    @ParameterizedTest(name = "MailerQ {0}")
    @MethodSource("releases")
    void theHeaderDeclaresWhatTheModelListsForTheRelease(MailerqRelease release) {
        assertDeclares(NativeCompiler.includeDir(), PluginApi.bundled().of(release));
    }

    /** A new release is lines in the model and declarations in the header: 5.14, in a header written here. */
    @Test
    void aNewReleaseIsTheModelAndTheHeader() throws IOException {
        PluginApi model = FictitiousRelease.model();
        Path include = writeHeaderWith514();
        for (MailerqRelease release : model.releases()) {
            assertDeclares(include, model.of(release));
        }
        assertTrue(model.of(FictitiousRelease.MAILERQ_5_14).functions().contains(FictitiousRelease.NEW_FUNCTION));
    }

    private static void assertDeclares(Path include, ReleaseApi api) {
        Declarations declared = declarations(include, api.release());
        assertEquals(api.hooks(), List.copyOf(declared.hooks().keySet()), api + ": the hooks");
        assertEquals(api.functions(), List.copyOf(declared.functions().keySet()), api + ": the functions");
        assertEquals(api.apiVersion(), declared.apiVersion(), api + ": MQ_API_VERSION");
        for (String hook : api.hooks()) {
            assertEquals(signature(api.shape(hook).orElse(null), api.generation()), declared.hooks().get(hook),
                    api + ": " + hook);
        }
    }

    /** The C signature a hook of this shape has: what the runtime's call of it relies on. */
    private static String signature(HookShape shape, Generation generation) {
        String connection = generation == Generation.CONNECTION ? "MQ_Connection *" : "MQ_SmtpConnection *";
        if (shape == null) {
            return "(void)"; // mq_version, mq_initialize, mq_cleanup: int or void, no parameters
        }
        return switch (shape) {
            case CONTEXT -> "_Bool (MQ_Context *)";
            case VOID_CONTEXT -> "void (MQ_Context *)";
            case CONNECTION -> "_Bool (MQ_Context *, " + connection + ")";
            case TEXT -> "_Bool (MQ_Context *, " + connection + ", const char *, size_t)";
            case ADDRESS -> "_Bool (MQ_Context *, " + connection + ", MQ_Address *)";
            case CREDENTIALS -> "_Bool (MQ_Context *, " + connection + ", const char *, size_t, const char *, size_t)";
            case MESSAGE -> "_Bool (MQ_Context *, " + connection + ", MQ_Message *)";
        };
    }

    /** The declarations gcc reads from include/mailerq.h for the release (-aux-info), and its MQ_API_VERSION (-dM). */
    private static Declarations declarations(Path include, MailerqRelease release) {
        NativeCompiler.require("gcc");
        Path work = NativeCompiler.workDir().resolve("api-" + include.getFileName() + "-" + release.macro());
        Path source = work.resolve("include.c");
        Path aux = work.resolve("declarations.txt");
        try {
            Files.createDirectories(work);
            Files.writeString(source, "#include <mailerq.h>\n");
            List<String> flags = List.of("-I" + include, "-DMQ_MAILERQ_VERSION=" + release.macro());
            NativeCompiler.Result compiled =
                    NativeCompiler.exec(command(List.of("-fsyntax-only", "-aux-info", aux.toString()), flags, source));
            assertEquals(0, compiled.exitCode(), compiled::output);
            NativeCompiler.Result macros = NativeCompiler.exec(command(List.of("-E", "-dM"), flags, source));
            assertEquals(0, macros.exitCode(), macros::output);
            Matcher version = API_VERSION.matcher(macros.output());
            assertTrue(version.find(), "MQ_API_VERSION is defined");

            Map<String, String> hooks = new LinkedHashMap<>();
            Map<String, String> functions = new LinkedHashMap<>();
            String header = include.resolve("mailerq.h").toRealPath().toString();
            for (String line : Files.readAllLines(aux)) {
                Matcher m = DECLARATION.matcher(line.strip());
                if (m.matches() && Path.of(m.group(1)).toRealPath().toString().equals(header)) {
                    String signature = m.group(4).equals("void") ? "(void)"
                            : m.group(2).strip() + " (" + m.group(4) + ")";
                    (m.group(3).startsWith("mq_") ? hooks : functions).put(m.group(3), signature);
                }
            }
            return new Declarations(hooks, functions, Integer.parseInt(version.group(1)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> command(List<String> mode, List<String> flags, Path source) {
        List<String> command = new ArrayList<>(List.of("gcc"));
        command.addAll(mode);
        command.addAll(flags);
        command.add(source.toString());
        return command;
    }

    /** mailerq.h with the declarations of the fictitious 5.14: MQ_API_VERSION 5, MQ_setPriority, MQ_send renamed. */
    private static Path writeHeaderWith514() throws IOException {
        String header = Files.readString(NativeCompiler.includeDir().resolve("mailerq.h"));
        header = replace(header, "MQ_MAILERQ_VERSION > 51300", "MQ_MAILERQ_VERSION > 51400");
        header = replace(header, "#if MQ_MAILERQ_VERSION >= 50605\n#define MQ_API_VERSION 4",
                "#if MQ_MAILERQ_VERSION >= 51400\n#define MQ_API_VERSION 5\n#elif MQ_MAILERQ_VERSION >= 50605\n"
                        + "#define MQ_API_VERSION 4");
        String send = "size_t MQ_send(MQ_Connection *connection, const void *buffer, size_t size);";
        header = replace(header, send, "#if MQ_MAILERQ_VERSION >= 51400\n"
                + "size_t MQ_transmit(MQ_Connection *connection, const void *buffer, size_t size);\n#else\n" + send
                + "\n#endif");
        header = replace(header, "#endif /* MQ_MAILERQ_VERSION */", "#if MQ_MAILERQ_VERSION >= 51400\n"
                + "void MQ_setPriority(MQ_Message *message, int priority);\n#endif\n\n#endif /* MQ_MAILERQ_VERSION */");
        Path include = Files.createDirectories(NativeCompiler.workDir().resolve("include-5.14"));
        Files.writeString(include.resolve("mailerq.h"), header);
        return include;
    }

    private static String replace(String text, String what, String with) {
        assertTrue(text.contains(what), "mailerq.h has " + what);
        return text.replace(what, with);
    }
}
