package dev.mqkit.harness.sanitize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mqkit.api.fixtures.TestReleases;
import dev.mqkit.api.json.Json;
import dev.mqkit.harness.exercise.Exercise;
import dev.mqkit.harness.exercise.ExerciseReport;
import dev.mqkit.harness.process.RuntimeLauncher;
import dev.mqkit.harness.process.RuntimeProcess;
import dev.mqkit.header.testing.NativeCompiler;
import dev.mqkit.runtime.fixtures.TestPlugins;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The exercise of a plugin built with AddressSanitizer, in a runtime JVM with libasan preloaded: the JVM
 * runs the whole session under it, and the connection data the plugin never frees is reported after the
 * stop, with its allocating line, and nothing of the JVM's own.
 */
class SanitizedExerciseTest {

    private static final String LEAKY = """
            #include <mailerq.h>
            #include <stdlib.h>
            #include <string.h>

            MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

            MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, MQ_SmtpConnection *connection)
            {
                char *data = malloc(64); /* LEAKED */
                (void)context;
                strcpy(data, "connection data");
                MQ_SetSmtpData(connection, data);
                return false;
            }

            MQ_EXPORT bool mq_smtp_in_close(MQ_Context *context, MQ_SmtpConnection *connection)
            {
                (void)context;
                MQ_SetSmtpData(connection, NULL); /* forgets to free it */
                return false;
            }
            """;

    @Test
    void connectionDataNeverFreedFailsTheExerciseWithItsLine() throws Exception {
        Sanitizers sanitizers = Sanitizers.parse("address");
        Path work = Files.createDirectories(Path.of("target", "mailerq", "SanitizedExerciseTest").toAbsolutePath());
        Path source = Files.writeString(work.resolve("leaky.c"), LEAKY, StandardCharsets.UTF_8);
        List<String> flags = new ArrayList<>(List.of("-std=c11", TestPlugins.define(TestReleases.MAILERQ_3_0)));
        flags.addAll(sanitizers.compileFlags());
        Path built = NativeCompiler.cc().sharedObject(source, "10-leaky-sanitized.so", flags);
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Files.copy(built, plugins.resolve("10-leaky.so"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        String compiler = NativeCompiler.cc().command();
        List<SanitizerRuntime> runtimes = SanitizerRuntimes.of(compiler, sanitizers);
        RuntimeLauncher runtime = RuntimeProcess.builder().pluginDirectory(plugins)
                .config("mailerq-version", TestReleases.MAILERQ_3_0.toString())
                .workDirectory(work.resolve("exercise")).config("workers", "1");
        SanitizerEnvironment.of(sanitizers, runtimes, SanitizerEnvironment.writeSuppressions(work.resolve("jvm.supp")),
                SanitizerRuntimes.symbolizer(compiler)).forEach(runtime::environment);
        ExerciseReport report = Exercise.run(runtime, Duration.ofSeconds(60), line -> { })
                .sanitizedBy(sanitizers, runtimes);

        assertFalse(report.passed());
        assertEquals(2, report.delivered(), "the session went through: " + report.problems());
        assertEquals(1, report.problems().size(), report.problems().toString());
        String leak = report.problems().get(0);
        assertTrue(leak.startsWith("leak in mq_smtp_in_connect of 10-leaky.so (LeakSanitizer): 64 byte(s) in 1 "
                + "object(s) allocated at " + source + ":" + (LEAKY.lines().toList().indexOf(
                LEAKY.lines().filter(l -> l.contains("LEAKED")).findFirst().orElseThrow()) + 1)
                + " (mq_smtp_in_connect) and never freed"), leak);
        assertTrue(leak.endsWith("Report: " + work.resolve("exercise").resolve("stderr.log")), leak);

        JsonNode json = Json.MAPPER.readTree(report.toJson().toString());
        assertTrue(json.path("sanitized").asBoolean());
        assertEquals("address", json.path("sanitizers").path(0).asText());
        assertTrue(json.path("sanitizerRuntimes").path(0).asText().contains("libasan"), json.toString());
        assertTrue(report.summary().get(report.summary().size() - 1).startsWith("sanitized: built with "
                + "-fsanitize=address, run with AddressSanitizer, LeakSanitizer (libasan.so"), report.summary().toString());
    }
}
