package dev.mqkit.harness.exercise;

import static dev.mqkit.api.fixtures.TestReleases.MAILERQ_3_0;
import static dev.mqkit.api.fixtures.TestReleases.MAILERQ_5_13;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mqkit.api.Hook;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.MailerqRelease.Generation;
import dev.mqkit.api.json.Json;
import dev.mqkit.harness.process.RuntimeLauncher;
import dev.mqkit.harness.process.RuntimeProcess;
import dev.mqkit.runtime.fixtures.TestKit;
import dev.mqkit.runtime.fixtures.TestPlugins;
import dev.mqkit.runtime.host.HandBack;
import dev.mqkit.runtime.host.Plugin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The scripted scenario against real C plugins in a runtime process of their own. */
class ExerciseTest {


    private static RuntimeLauncher runtime(String name, String script) {
        return runtime(MAILERQ_3_0, name, script);
    }

    private static RuntimeLauncher runtime(MailerqRelease release, String name, String script) {
        RuntimeLauncher builder = RuntimeProcess.builder()
                .pluginDirectory(TestPlugins.ordered(release, "a", "b"))
                .config("mailerq-version", release.toString())
                .workDirectory(Path.of("target", "mailerq", "ExerciseTest-" + name + "-" + release))
                .config("workers", "1")
                .config("plugin-timeout", "2s")
                .config("smtp-shutdown-timeout", "1s");
        return script.isEmpty() ? builder : builder.environment("TK_SCRIPT", script);
    }

    @Test
    void mailAPluginKeepsLocalIsReportedWhereItWentAtOnceAndTheExpectationIsConfigurable() {
        Duration timeout = Duration.ofSeconds(20);
        long started = System.nanoTime();
        ExerciseReport local = Exercise.run(runtime(MAILERQ_5_13, "local",
                TestKit.Action.RETURN_FALSE.forEnvironment("a", "local", 1)), timeout, line -> { });
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(local.passed(), "a plugin that keeps mail local is judged by its hooks: " + local.problems());
        assertEquals(0, local.delivered());
        assertEquals(2, local.keptLocal());
        assertTrue(local.summary().contains("message to first@exercise.mqkit.dev: kept in the local queue "
                + "(MQ_setLocal)"), local.summary().toString());
        assertTrue(took.compareTo(timeout) < 0, "no wait for deliveries that never come: " + took);
        assertEquals("local", local.toJson().path("messages").path(1).path("went").asText(), local.toJson().toString());

        assertTrue(Exercise.run(runtime(MAILERQ_5_13, "local-expected",
                TestKit.Action.RETURN_FALSE.forEnvironment("a", "local", 1)), timeout, ExerciseExpectation.LOCAL,
                line -> { }).passed());
        ExerciseReport delivered = Exercise.run(runtime(MAILERQ_5_13, "delivered-not-local", ""), timeout,
                ExerciseExpectation.LOCAL, line -> { });
        assertEquals(List.of("the message to first@exercise.mqkit.dev was accepted but is delivered to the sink; "
                        + "expected: local", "the message to second@exercise.mqkit.dev was accepted but is delivered "
                        + "to the sink; expected: local"), delivered.problems());
    }

    @ParameterizedTest(name = "MailerQ {0}")
    @MethodSource("dev.mqkit.api.fixtures.TestReleases#both")
    void reachesEveryHookOfEveryPlugin(MailerqRelease release) throws Exception {
        List<String> progress = new ArrayList<>();
        boolean logs = release.atLeast(MailerqRelease.parse("5.6.5"));
        ExerciseReport report = Exercise.run(runtime(release, "every-hook",
                TestKit.Action.TIMER_CONTINUE.forEnvironment("b", "mq_smtp_in_rcptto", 5)
                        + (logs ? ";" + TestKit.Action.RETURN_FALSE.forEnvironment("a", "log", 1) : "")),
                Duration.ofSeconds(20), progress::add);

        assertTrue(report.passed(), report.problems().toString());
        assertEquals(List.of(), report.unreached("10-a.so"), "every exported hook was reached");
        assertEquals(List.of(), report.unreached("20-b.so"), "every exported hook was reached");
        // each plugin's exports in the order a run calls them, mq_version with what it returned
        // (mq_smtp_out_sent came in 4.0)
        assertEquals(Plugin.LIFECYCLE.stream().filter(function -> release.generation() == Generation.CONNECTION
                        || !function.equals(Hook.SMTP_OUT_SENT.symbol())).toList(),
                report.hooks().stream().filter(hook -> hook.plugin().equals("10-a.so"))
                        .map(ExerciseReport.HookFigures::hook).toList());
        assertEquals(release.apiVersion(), report.hooks().get(0).returnedValue(), "mq_version returned MQ_API_VERSION");
        assertEquals(2, report.delivered());
        ExerciseReport.HookFigures rcpt = report.hooks().stream()
                .filter(hook -> hook.plugin().equals("20-b.so") && hook.hook().equals("mq_smtp_in_rcptto"))
                .findFirst().orElseThrow();
        assertEquals(2, rcpt.calls());
        assertEquals(2, rcpt.tookControl());
        assertEquals(java.util.Map.of(HandBack.CONTINUE.function(release.api()), 2), rcpt.handBacks());
        if (logs) {
            // a's MQ_log lines, from its hooks and from a thread of its own, in the report and the build log
            assertTrue(report.logs().stream().anyMatch(line -> line.source().equals("10-a.so")
                    && line.priority().equals("Info") && line.message().equals("a mq_smtp_out_sent")), report.logs().toString());
            assertTrue(report.logs().stream().anyMatch(line -> line.message().endsWith("from a thread of its own")),
                    report.logs().toString());
            assertTrue(report.summary().contains("  [Info] [10-a.so] a mq_smtp_in_connect"), report.summary().toString());
        }
        assertTrue(rcpt.maxHandBackMillis() >= 5, "the timer's delay shows: " + rcpt.maxHandBackMillis());
        assertTrue(report.transcript().stream().anyMatch(line -> line.startsWith("C: STARTTLS")),
                report.transcript().toString());
        assertTrue(progress.get(0).startsWith("runtime started"), progress.toString());

        Path json = Path.of("target", "mailerq", "ExerciseTest-every-hook-" + release, "exercise.json");
        report.write(json);
        JsonNode written = Json.MAPPER.readTree(json.toFile());
        assertTrue(written.path("passed").asBoolean());
        assertEquals(2, written.path("delivered").asInt());
        assertEquals(report.logs().size(), written.path("logs").size());
        assertTrue(report.summary().get(0).startsWith("plugin"), report.summary().toString());
    }

    @Test
    void aCrashFailsTheExerciseNamingTheSignalThePluginAndTheHook() {
        ExerciseReport report = Exercise.run(runtime("crash",
                TestKit.Action.CRASH.forEnvironment("b", "mq_smtp_in_data", 0)), Duration.ofSeconds(10), line -> { });

        assertFalse(report.passed());
        String crash = report.problems().stream().filter(problem -> problem.contains("SIGSEGV")).findFirst()
                .orElseThrow(() -> new AssertionError(report.problems().toString()));
        // the line of TK_CRASH's write in the test plugin, and the frames of the plugin up to the hook
        assertTrue(crash.matches("(?s)the runtime crashed with SIGSEGV in mq_smtp_in_data of 20-b\\.so \\(worker 0\\) "
                + "at \\S*scripted_plugin\\.c:\\d+ \\(act\\): the plugin read or wrote memory it does not own.*"), crash);
        assertTrue(crash.matches("(?s).*#0 act at \\S*scripted_plugin\\.c:\\d+ in 20-b\\.so.*"
                + "mq_smtp_in_data at \\S*scripted_plugin\\.c:\\d+ in 20-b\\.so.*"), crash);
        assertFalse(crash.contains("A fatal error has been detected"), "the JVM's banner is not in the problem: " + crash);
        // the calls up to the crash, from the crash log
        ExerciseReport.HookFigures data = report.hooks().stream()
                .filter(hook -> hook.plugin().equals("20-b.so") && hook.hook().equals("mq_smtp_in_data"))
                .findFirst().orElseThrow();
        assertEquals(1, data.stillInside());
        assertEquals(2, report.hooks().stream().filter(hook -> hook.hook().equals("mq_smtp_in_rcptto"))
                .findFirst().orElseThrow().calls());
        JsonNode json = report.toJson();
        assertEquals("SIGSEGV", json.path("crash").path("signal").asText(), json.toString());
        assertTrue(json.path("crash").path("jvmBanner").toString().contains("A fatal error has been detected"),
                json.toString());
    }

    @Test
    void aReplyAPluginWritesItselfFailsTheExerciseNamingPluginHookAndFunction() {
        ExerciseReport report = Exercise.run(runtime("desync",
                TestKit.Action.SEND_REPLY.forEnvironment("b", "mq_smtp_in_mailfrom", 0)), Duration.ofSeconds(10),
                line -> { });

        assertFalse(report.passed());
        assertTrue(report.problems().contains("MAIL FROM was answered 550 5.7.1 refused by b"),
                report.problems().toString());
        List<String> desync = report.problems().stream().filter(problem -> problem.contains(
                "20-b.so wrote the reply \"550 5.7.1 refused by b\" with MQ_SmtpSend in mq_smtp_in_mailfrom, and "
                        + "MailerQ sends its own reply to the command after it")).toList();
        assertEquals(1, desync.size(), report.problems().toString());
        assertTrue(desync.get(0).startsWith("the server sent a reply no command asked for: \"250 "), desync.get(0));
    }

    @ParameterizedTest(name = "MailerQ {0}")
    @MethodSource("dev.mqkit.api.fixtures.TestReleases#both")
    void aPluginThatNeverHandsBackFailsTheExerciseWithinTheTimeout(MailerqRelease release) {
        long started = System.nanoTime();
        ExerciseReport report = Exercise.run(runtime(release, "hold",
                TestKit.Action.HOLD.forEnvironment("a", "mq_smtp_in_mailfrom", 0)), Duration.ofSeconds(2), line -> { });

        assertFalse(report.passed());
        assertTrue(report.problems().stream().anyMatch(problem -> problem.startsWith("no reply to MAIL FROM")),
                report.problems().toString());
        assertTrue(report.problems().stream().anyMatch(problem -> problem.startsWith(
                "never handed back: 10-a.so took control in mq_smtp_in_mailfrom")), report.problems().toString());
        // in the words of the played release
        String never = release.generation() == Generation.CONNECTION ? "never called MQ_continue, MQ_complete or MQ_retry"
                : "never called MQ_Continue, MQ_Complete or MQ_Retry";
        assertTrue(report.problems().stream().anyMatch(problem -> problem.contains(never)), report.problems().toString());
        assertTrue(report.exit().orElseThrow().killed(), "killed at once: " + report.exit());
        assertEquals("held×1", report.hooks().stream().filter(hook -> hook.plugin().equals("10-a.so")
                && hook.hook().equals("mq_smtp_in_mailfrom")).findFirst().orElseThrow().outcome(false));
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(40).toNanos(), "bounded");
    }

    @Test
    void aPluginThatBlocksItsWorkerFailsTheExerciseWithoutWaitingForIt() {
        long started = System.nanoTime();
        ExerciseReport report = Exercise.run(runtime(MAILERQ_5_13, "hang",
                TestKit.Action.SLEEP.forEnvironment("b", "mq_smtp_in_mailfrom", 60_000)), Duration.ofSeconds(2),
                line -> { });

        assertFalse(report.passed());
        List<String> hangs = report.problems().stream().filter(problem -> problem.matches(
                "(?s)hangs inside a hook: 20-b\\.so has been inside mq_smtp_in_mailfrom on worker \\d+ for \\d+ ms.*"))
                .toList();
        assertEquals(1, hangs.size(), report.problems().toString());
        assertTrue(hangs.get(0).contains("wait with MQ_ioWatch or MQ_startTimer"), "5.13's names: " + hangs.get(0));
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(45).toNanos(),
                "not waiting for the 60 s sleep: " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }
}
