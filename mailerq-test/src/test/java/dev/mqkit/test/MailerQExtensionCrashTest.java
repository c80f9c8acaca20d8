package dev.mqkit.test;

import static dev.mqkit.api.fixtures.TestReleases.MAILERQ_3_0;
import static dev.mqkit.test.MailerQAssertions.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.mqkit.harness.MailerQ;
import dev.mqkit.harness.SmtpClient;
import dev.mqkit.runtime.fixtures.TestKit;
import dev.mqkit.runtime.fixtures.TestPlugins;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** A test class whose runtime crashes: every test after the crash fails with it, and the class adds no failure. */
class MailerQExtensionCrashTest {

    /** Run by the test below only: plugin b crashes in RCPT TO in the first test. */
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class CrashingClass {

        @RegisterExtension
        static MailerQExtension extension = MailerQExtension
                .withPluginDirectory(() -> TestPlugins.ordered(MAILERQ_3_0, "a", "b"))
                .config("mailerq-version", MAILERQ_3_0.toString())
                .config("workers", "1")
                .environment("TK_SCRIPT", TestKit.Action.CRASH.forEnvironment("b", "mq_smtp_in_rcptto", 0))
                .timeout(Duration.ofSeconds(10));

        @Test
        @Order(1)
        void crashes(MailerQ mailerq) {
            SmtpClient smtp = mailerq.smtp();
            assertReply(250, smtp.ehlo("client.example"));
            assertReply(250, smtp.mailFrom("sender@example.com"));
            assertReply(250, smtp.rcptTo("crash@example.org"));
        }

        @Test
        @Order(2)
        void connectsAfterTheCrash(MailerQ mailerq) {
            mailerq.smtp();
        }

        @Test
        @Order(3)
        void passesWithoutTheRuntime() {
        }
    }

    @Test
    void theTestsAfterACrashFailWithItAndTheClassCountsItsOwnTests() {
        Map<String, TestExecutionResult> results = new TreeMap<>();
        Map<String, TestExecutionResult> containers = new TreeMap<>();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(CrashingClass.class)).build();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                (test.isTest() ? results : containers).put(test.getDisplayName(), result);
            }
        });

        assertEquals(List.of("connectsAfterTheCrash(MailerQ)", "crashes(MailerQ)", "passesWithoutTheRuntime()"),
                List.copyOf(results.keySet()));
        String first = message(results.get("crashes(MailerQ)"));
        assertTrue(first.startsWith("the runtime crashed with SIGSEGV in mq_smtp_in_rcptto of 20-b.so (worker 0) at "),
                first);
        assertTrue(first.contains("native frames, innermost first:"), first);
        String headline = "the runtime crashed with SIGSEGV in mq_smtp_in_rcptto of 20-b.so (worker 0) at ";
        for (String later : List.of("connectsAfterTheCrash(MailerQ)", "passesWithoutTheRuntime()")) {
            String message = message(results.get(later));
            assertTrue(message.startsWith(headline), message);
            assertTrue(message.contains("see the first failing test of this class"), message);
            assertFalse(message.contains("Connection refused") || message.contains("cannot connect"), message);
        }
        // the crash is the tests' failure, not the class's too: surefire would count the class as one more test
        containers.forEach((name, result) -> assertEquals(TestExecutionResult.Status.SUCCESSFUL, result.getStatus(),
                name + ": " + result.getThrowable().map(Throwable::getMessage).orElse("")));
    }

    private static String message(TestExecutionResult result) {
        assertEquals(TestExecutionResult.Status.FAILED, result.getStatus(), String.valueOf(result));
        return result.getThrowable().orElseThrow().getMessage();
    }
}
