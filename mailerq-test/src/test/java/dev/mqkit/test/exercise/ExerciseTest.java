package dev.mqkit.test.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mqkit.runtime.fixtures.TestKit;
import dev.mqkit.runtime.fixtures.TestPlugins;
import dev.mqkit.runtime.queue.JsonMessages;
import dev.mqkit.test.process.RuntimeLauncher;
import dev.mqkit.test.process.RuntimeProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scripted scenario against real C plugins in a runtime process of their own. */
class ExerciseTest {

    private static final Set<String> EVERY_HOOK = Set.of("mq_context_initialize", "mq_context_cleanup",
            "mq_smtp_in_connect", "mq_smtp_in_secure", "mq_smtp_in_authenticate", "mq_smtp_in_mailfrom",
            "mq_smtp_in_rcptto", "mq_smtp_in_data", "mq_smtp_in_message", "mq_smtp_in_close", "mq_smtp_out_data",
            "mq_initialize", "mq_cleanup");

    private static RuntimeLauncher runtime(String name, String script) {
        RuntimeLauncher builder = RuntimeProcess.builder()
                .pluginDirectory(TestPlugins.ordered("a", "b"))
                .workDirectory(Path.of("target", "mailerq", "ExerciseTest-" + name))
                .config("workers", "1")
                .config("plugin-timeout", "2s")
                .config("smtp-shutdown-timeout", "1s");
        return script.isEmpty() ? builder : builder.environment("TK_SCRIPT", script);
    }

    @Test
    void reachesEveryHookOfEveryPlugin() throws Exception {
        List<String> progress = new ArrayList<>();
        ExerciseReport report = Exercise.run(runtime("every-hook",
                TestKit.Action.TIMER_CONTINUE.forEnvironment("b", "mq_smtp_in_rcptto", 5)), Duration.ofSeconds(20),
                progress::add);

        assertTrue(report.passed(), report.problems().toString());
        assertEquals(List.of(), report.unreached("10-a.so", EVERY_HOOK), "every exported hook was reached");
        assertEquals(List.of(), report.unreached("20-b.so", EVERY_HOOK), "every exported hook was reached");
        assertEquals(2, report.delivered());
        ExerciseReport.HookFigures rcpt = report.hooks().stream()
                .filter(hook -> hook.plugin().equals("20-b.so") && hook.hook().equals("mq_smtp_in_rcptto"))
                .findFirst().orElseThrow();
        assertEquals(2, rcpt.calls());
        assertEquals(2, rcpt.tookControl());
        assertEquals(java.util.Map.of("MQ_Continue", 2), rcpt.handBacks());
        assertTrue(rcpt.maxHandBackMillis() >= 5, "the timer's delay shows: " + rcpt.maxHandBackMillis());
        assertTrue(report.transcript().stream().anyMatch(line -> line.startsWith("C: STARTTLS")),
                report.transcript().toString());
        assertTrue(progress.get(0).startsWith("runtime started"), progress.toString());

        Path json = Path.of("target", "mailerq", "ExerciseTest-every-hook", "exercise.json");
        report.write(json);
        JsonNode written = JsonMessages.MAPPER.readTree(json.toFile());
        assertTrue(written.path("passed").asBoolean());
        assertEquals(2, written.path("delivered").asInt());
        assertTrue(report.summary().get(0).startsWith("plugin"), report.summary().toString());
    }

    @Test
    void aCrashFailsTheExerciseNamingTheSignalThePluginAndTheHook() {
        ExerciseReport report = Exercise.run(runtime("crash",
                TestKit.Action.CRASH.forEnvironment("b", "mq_smtp_in_data", 0)), Duration.ofSeconds(10), line -> { });

        assertFalse(report.passed());
        assertTrue(report.problems().stream().anyMatch(problem -> problem.contains("SIGSEGV")
                && problem.contains("mq_smtp_in_data of 20-b.so")), report.problems().toString());
    }

    @Test
    void aPluginThatNeverHandsBackFailsTheExerciseWithinTheTimeout() {
        long started = System.nanoTime();
        ExerciseReport report = Exercise.run(runtime("hold",
                TestKit.Action.HOLD.forEnvironment("a", "mq_smtp_in_mailfrom", 0)), Duration.ofSeconds(2), line -> { });

        assertFalse(report.passed());
        assertTrue(report.problems().stream().anyMatch(problem -> problem.startsWith("no reply to MAIL FROM")),
                report.problems().toString());
        assertTrue(report.problems().stream().anyMatch(problem -> problem.contains("10-a.so")
                && problem.contains("mq_smtp_in_mailfrom") && problem.contains("never")),
                report.problems().toString());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(40).toNanos(), "bounded");
    }

    @Test
    void aPluginThatBlocksItsWorkerFailsTheExerciseWithoutWaitingForIt() {
        long started = System.nanoTime();
        ExerciseReport report = Exercise.run(runtime("hang",
                TestKit.Action.SLEEP.forEnvironment("b", "mq_smtp_in_mailfrom", 60_000)), Duration.ofSeconds(2),
                line -> { });

        assertFalse(report.passed());
        List<String> hangs = report.problems().stream().filter(problem -> problem.matches(
                "(?s)hangs inside a hook: 20-b\\.so has been inside mq_smtp_in_mailfrom on worker \\d+ for \\d+ ms.*"))
                .toList();
        assertEquals(1, hangs.size(), report.problems().toString());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(45).toNanos(),
                "not waiting for the 60 s sleep: " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }
}
