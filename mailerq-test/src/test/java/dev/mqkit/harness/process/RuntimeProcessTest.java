package dev.mqkit.harness.process;

import static dev.mqkit.api.fixtures.TestReleases.MAILERQ_3_0;
import static dev.mqkit.test.MailerQAssertions.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mqkit.api.harness.CrashLog;
import dev.mqkit.api.harness.Suspended;
import dev.mqkit.harness.MailerQ;
import dev.mqkit.harness.SmtpClient;
import dev.mqkit.header.testing.NativeCompiler;
import dev.mqkit.runtime.fixtures.TestKit;
import dev.mqkit.runtime.fixtures.TestPlugins;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Plugins that crash, hang or hand back twice, in a runtime process of their own: reported, not fatal to the test JVM. */
class RuntimeProcessTest {

    @Test
    void aBlockingHookIsSeenRunningAndACrashIsReportedWithTheSignalThePluginAndTheHook() throws Exception {
        RuntimeLauncher builder = RuntimeProcess.builder()
                .pluginDirectory(TestPlugins.ordered(MAILERQ_3_0, "a", "b"))
                .config("mailerq-version", MAILERQ_3_0.toString())
                .workDirectory(Path.of("target", "mailerq", "RuntimeProcessTest-crash"))
                .config("workers", "1")
                .environment("TK_SCRIPT", TestKit.Action.SLEEP.forEnvironment("a", "mq_smtp_in_mailfrom", 1500)
                        + ";" + TestKit.Action.CRASH.forEnvironment("b", "mq_smtp_in_rcptto", 0));
        try (RuntimeProcess runtime = builder.start()) {
            assertEquals("ok", runtime.control().get("/health").path("status").asText());
            SmtpClient smtp = SmtpClient.connect("127.0.0.1", runtime.smtpPorts().get(0), false, Duration.ofSeconds(20));
            assertReply(250, smtp.ehlo("client.example"));

            // a blocks its worker in MAIL FROM: the control channel still answers and shows it inside the hook
            CompletableFuture<SmtpClient.Reply> mail = CompletableFuture.supplyAsync(
                    () -> smtp.mailFrom("sender@example.com"));
            JsonNode running = runtime.control().get("/running");
            for (int i = 0; i < 100 && running.isEmpty() && !mail.isDone(); i++) {
                Thread.sleep(10);
                running = runtime.control().get("/running");
            }
            assertEquals("10-a.so", running.path(0).path("plugin").asText(), running.toString());
            assertEquals("mq_smtp_in_mailfrom", running.path(0).path("hook").asText(), running.toString());
            assertReply(250, mail.get(20, TimeUnit.SECONDS));

            SmtpClient.Reply reply = smtp.rcptTo("crash@example.org");
            assertEquals(-1, reply.code(), smtp.transcript());

            RuntimeExit exit = runtime.awaitExit(Duration.ofSeconds(30)).orElseThrow();
            assertTrue(exit.crashed(), exit.description());
            assertEquals("SIGSEGV", exit.signal(), exit.description());
            assertEquals(List.of(new CrashLog.InHook(0, "20-b.so", "mq_smtp_in_rcptto")), exit.inHooks(),
                    exit.description());
            assertTrue(exit.description().startsWith(
                    "the runtime crashed with SIGSEGV in mq_smtp_in_rcptto of 20-b.so"), exit.description());
            IllegalStateException gone = assertThrows(IllegalStateException.class, () -> runtime.control().get("/trace"));
            assertTrue(gone.getMessage().contains("SIGSEGV"), gone.getMessage());
        }
    }

    @Test
    void aCrashInTheCLibraryIsPlacedAtThePluginsLineNotTheLibrarys() throws Exception {
        RuntimeExit exit = crash(TestKit.Action.CRASH_IN_LIBC, "libc");
        int line = lineOf("scripted_plugin.c", "strlen((const char *)tk_nowhere)");
        String at = NativeCompiler.fixture("scripted_plugin.c").toAbsolutePath().normalize() + ":" + line;
        String description = exit.description();
        // not glibc's strlen, the innermost frame, but the plugin's line that called it
        assertTrue(description.startsWith("the runtime crashed with SIGSEGV in mq_smtp_in_rcptto of 20-b.so (worker 0)"
                + " at " + at + " (act)"), description);
        assertTrue(description.contains("fix the code at " + at + ";"), description);
        assertTrue(description.contains("rerun with -Dmailerq.sanitize=address"), description);
        assertTrue(exit.summary().endsWith(" at " + at), exit.summary());
    }

    @Test
    void aCrashInsideAHostFunctionNamesItAndThePluginFrameAndCallbackThatCalledIt() throws Exception {
        RuntimeExit exit = crash(TestKit.Action.PIPE_CRASH_IN_HOST, "host");
        String description = exit.description();
        // the plugin's helper that called MQ_Continue, inlined into the watch callback at this line
        int line = lineOf("scripted_plugin.c", "hand_back_continue(pending->action == TK_PIPE_CRASH_IN_HOST");
        String at = NativeCompiler.fixture("scripted_plugin.c").toAbsolutePath().normalize() + ":" + line;
        assertTrue(description.startsWith("the runtime crashed with SIGSEGV inside MQ_Continue, called from "
                + "hand_back_continue at "), description);
        assertTrue(description.contains(" in an I/O watch callback: the plugin passed MQ_Continue a pointer it does "
                + "not own"), description);
        assertTrue(description.contains("rerun with -Dmailerq.sanitize=address"), description);
        assertTrue(description.contains("on_readable at " + at + " in 20-b.so"), description);
        assertTrue(exit.summary().startsWith("crashed with SIGSEGV inside MQ_Continue, called from hand_back_continue at "),
                exit.summary());
    }

    @Test
    void theRuntimeInheritsOfTheShellOnlyWhatAProcessNeedsAndGetsWhatTheTestSets() throws Exception {
        List<String> shellOnly = System.getenv().keySet().stream().filter(name -> !RuntimeLauncher.inherited(name))
                .toList();
        assertFalse(shellOnly.isEmpty(), "the test JVM has variables a runtime does not inherit: " + System.getenv());
        RuntimeLauncher builder = RuntimeProcess.builder()
                .pluginDirectory(TestPlugins.ordered(MAILERQ_3_0, "a"))
                .config("mailerq-version", MAILERQ_3_0.toString())
                .workDirectory(Path.of("target", "mailerq", "RuntimeProcessTest-environment"))
                .environment("POLICY_URL", "http://127.0.0.1:1/");
        try (RuntimeProcess runtime = builder.start()) {
            // what the plugins' getenv sees
            Map<String, String> seen = new TreeMap<>();
            for (String entry : new String(Files.readAllBytes(Path.of("/proc", String.valueOf(runtime.pid()), "environ")),
                    StandardCharsets.UTF_8).split("\0")) {
                int equals = entry.indexOf('=');
                if (equals > 0) {
                    seen.put(entry.substring(0, equals), entry.substring(equals + 1));
                }
            }
            assertEquals("http://127.0.0.1:1/", seen.get("POLICY_URL"), seen.toString());
            assertEquals(System.getenv("PATH"), seen.get("PATH"), seen.toString());
            for (String name : shellOnly) {
                assertFalse(seen.containsKey(name), name + " leaked from the shell: " + seen);
            }
        }
    }

    @Test
    void aRunLeavesNoJvmErrorReportOfAnEarlierCrashInItsDirectory() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "mailerq", "RuntimeProcessTest-stale"));
        Path stale = Files.writeString(work.resolve("hs_err_pid1.log"), "# a crash of an earlier run");
        RuntimeLauncher builder = RuntimeProcess.builder()
                .pluginDirectory(TestPlugins.ordered(MAILERQ_3_0, "a"))
                .config("mailerq-version", MAILERQ_3_0.toString())
                .workDirectory(work);
        try (RuntimeProcess runtime = builder.start()) {
            assertFalse(Files.exists(stale), "an earlier crash's report is gone once a run starts there");
            assertTrue(runtime.stop(Duration.ofSeconds(20)).clean());
        }
    }

    /** Plugin b does this in RCPT TO, in a runtime of its own; how the runtime ended. */
    private static RuntimeExit crash(TestKit.Action action, String name) throws Exception {
        RuntimeLauncher builder = RuntimeProcess.builder()
                .pluginDirectory(TestPlugins.ordered(MAILERQ_3_0, "a", "b"))
                .config("mailerq-version", MAILERQ_3_0.toString())
                .workDirectory(Path.of("target", "mailerq", "RuntimeProcessTest-crash-" + name))
                .config("workers", "1")
                .environment("TK_SCRIPT", action.forEnvironment("b", "mq_smtp_in_rcptto", 0));
        try (RuntimeProcess runtime = builder.start()) {
            SmtpClient smtp = SmtpClient.connect("127.0.0.1", runtime.smtpPorts().get(0), false, Duration.ofSeconds(20));
            assertReply(250, smtp.ehlo("client.example"));
            assertReply(250, smtp.mailFrom("sender@example.com"));
            assertEquals(-1, smtp.rcptTo("crash@example.org").code(), smtp.transcript());
            RuntimeExit exit = runtime.awaitExit(Duration.ofSeconds(30)).orElseThrow();
            assertTrue(exit.crashed(), exit.description());
            return exit;
        }
    }

    /** The line number of the first line of a test plugin's source that holds text. */
    private static int lineOf(String fixture, String text) throws Exception {
        List<String> lines = Files.readAllLines(NativeCompiler.fixture(fixture));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " is not in " + fixture);
    }

    @Test
    void aPluginThatNeverHandsBackOrHandsBackTwiceFailsTheRunNamingPluginAndHook() {
        RuntimeLauncher builder = RuntimeProcess.builder()
                .pluginDirectory(TestPlugins.ordered(MAILERQ_3_0, "a", "b"))
                .config("mailerq-version", MAILERQ_3_0.toString())
                .workDirectory(Path.of("target", "mailerq", "RuntimeProcessTest-hold"))
                .config("workers", "1")
                .config("plugin-timeout", "1s")
                .config("smtp-shutdown-timeout", "1s")
                .environment("TK_SCRIPT", TestKit.Action.TWICE.forEnvironment("b", "mq_smtp_in_mailfrom", 10)
                        + ";" + TestKit.Action.HOLD.forEnvironment("a", "mq_smtp_in_rcptto", 0));
        MailerQ mailerq = MailerQ.start(builder, Duration.ofSeconds(2));
        try {
            SmtpClient smtp = mailerq.smtp();
            assertReply(250, smtp.ehlo("client.example"));
            assertReply(250, smtp.mailFrom("sender@example.com"));
            assertEquals(-1, smtp.rcptTo("held@example.org").code(), smtp.transcript());

            List<Suspended> suspended = mailerq.suspended();
            assertEquals(1, suspended.size(), suspended.toString());
            assertEquals("10-a.so", suspended.get(0).plugin());
            assertEquals("mq_smtp_in_rcptto", suspended.get(0).hook());
            assertTrue(suspended.get(0).millis() >= 1500, suspended.toString());
            assertTrue(mailerq.violations().stream().anyMatch(violation -> "20-b.so".equals(violation.plugin())
                    && violation.message().contains("MQ_Continue")
                    && violation.message().contains("mq_smtp_in_mailfrom")), mailerq.violations().toString());
            assertFalse(mailerq.trace("10-a.so", "mq_smtp_in_rcptto").get(0).finished());
        } finally {
            AssertionError failure = assertThrows(AssertionError.class, mailerq::close);
            String message = failure.getMessage();
            assertTrue(message.contains("never handed back: 10-a.so took control in mq_smtp_in_rcptto"), message);
            assertTrue(message.contains("plugin API violation by 20-b.so"), message);
            assertTrue(message.contains("C: RCPT TO:<held@example.org>"), "the transcript is shown: " + message);
            assertFalse(message.contains("stopping anyway"), "the held call is reported once: " + message);
            // a graceful stop would wait for the held call: the runtime is killed once the verdict is known
            assertTrue(mailerq.exit().orElseThrow().killed(), mailerq.exit().toString());
            assertTrue(message.contains("hook calls up to the end:"), message);

            // the crash log kept the calls up to the kill
            JsonNode trace = mailerq.process().finalTrace().orElseThrow();
            List<String> calls = new ArrayList<>();
            trace.path("calls").forEach(call -> calls.add(call.path("plugin").asText() + " "
                    + call.path("hook").asText()));
            assertEquals(List.of("10-a.so mq_initialize", "20-b.so mq_initialize"), calls.subList(0, 2));
            assertEquals("10-a.so mq_smtp_in_rcptto", calls.get(calls.size() - 1), calls.toString());
            assertFalse(calls.contains("10-a.so mq_cleanup"), calls.toString());
        }
    }
}
