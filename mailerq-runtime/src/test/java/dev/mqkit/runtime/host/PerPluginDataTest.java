package dev.mqkit.runtime.host;

import dev.mqkit.api.Hook;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.fixtures.BothGenerations;
import dev.mqkit.runtime.fixtures.TestKit;
import dev.mqkit.runtime.fixtures.TestPlugins;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Context data per plugin per worker, connection data per plugin per connection, and the connection's flags. */
@BothGenerations
class PerPluginDataTest {

    private final MailerqRelease release;
    private PluginHost host;

    PerPluginDataTest(MailerqRelease release) {
        this.release = release;
    }

    @BeforeEach
    void reset() {
        TestKit.reset();
    }

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    private void start(int workers, String... plugins) {
        host = PluginHost.start(PluginHostSettings.of(TestPlugins.ordered(release, plugins)).withRelease(release)
                .withWorkers(workers).withHandBackTimeout(Duration.ofSeconds(5)));
    }

    private static List<String> linesStartingWith(List<String> trace, String prefix) {
        return trace.stream().filter(line -> line.startsWith(prefix)).toList();
    }

    @Test
    void eachWorkerInitialisesItsOwnContextOnItsOwnThread() {
        start(2, "a", "b");

        List<String> trace = TestKit.take();
        List<String> contextsOfA = linesStartingWith(trace, "a context ");
        assertEquals(2, contextsOfA.size(), trace.toString());
        String threadOne = contextsOfA.get(0).substring(contextsOfA.get(0).indexOf(" on ") + 4);
        String threadTwo = contextsOfA.get(1).substring(contextsOfA.get(1).indexOf(" on ") + 4);
        assertTrue(threadOne.startsWith("mq-worker-"), threadOne);
        assertNotEquals(threadOne, threadTwo, "two workers, two threads");
        assertEquals(List.of("a mq_context_initialize before=none", "a mq_context_initialize before=none"),
                linesStartingWith(trace, "a mq_context_initialize"), "context data is NULL until set");
    }

    @Test
    void contextDataBelongsToOnePluginOnOneWorker() throws Exception {
        start(2, "a", "b");
        TestKit.take();

        for (Worker worker : host.workers()) {
            try (NativeConnection connection = host.openConnection(7, bytes -> bytes.length)) {
                worker.run(Hook.SMTP_IN_CONNECT, HookArguments.connection(connection)).get(5, TimeUnit.SECONDS);
            }
        }

        List<String> trace = TestKit.take();
        List<String> seenByA = linesStartingWith(trace, "a mq_smtp_in_connect");
        List<String> seenByB = linesStartingWith(trace, "b mq_smtp_in_connect");
        assertEquals(2, seenByA.size());
        assertTrue(seenByA.stream().allMatch(line -> line.contains("ctx=a#")), seenByA.toString());
        assertTrue(seenByB.stream().allMatch(line -> line.contains("ctx=b#")), seenByB.toString());
        assertNotEquals(contextOf(seenByA.get(0)), contextOf(seenByA.get(1)), "each worker has its own data");
        assertFalse(trace.stream().anyMatch(line -> line.contains("WRONG-THREAD")),
                "hooks run on the thread that set the context's data");
    }

    private static String contextOf(String line) {
        return line.replaceAll(".*ctx=(\\S+).*", "$1");
    }

    @Test
    void connectionDataIsPerPluginAndTheFlagsAreShared() throws Exception {
        start(1, "a", "b");
        TestKit.take();
        Worker worker = host.workers().get(0);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        TestKit.set("a", "send", 1);
        TestKit.set("b", "send", 1);

        try (NativeConnection connection = host.openConnection(42, bytes -> {
            sent.writeBytes(bytes);
            return bytes.length;
        })) {
            worker.run(Hook.SMTP_IN_CONNECT, HookArguments.connection(connection)).get(5, TimeUnit.SECONDS);
            connection.secure(true);
            worker.run(Hook.SMTP_IN_SECURE, HookArguments.connection(connection)).get(5, TimeUnit.SECONDS);
            worker.run(Hook.SMTP_IN_CLOSE, HookArguments.connection(connection)).get(5, TimeUnit.SECONDS);
        }

        List<String> trace = TestKit.take().stream().map(line -> line.replaceAll("ctx=(\\w)#\\d+", "ctx=$1#N"))
                .toList();
        assertEquals(List.of("a mq_smtp_in_connect ctx=a#N fd=42 data-before=null",
                "b mq_smtp_in_connect ctx=b#N fd=42 data-before=null",
                "a mq_smtp_in_secure ctx=a#N secure=1 data=a-connection",
                "b mq_smtp_in_secure ctx=b#N secure=1 data=b-connection",
                "a mq_smtp_in_close ctx=a#N data=a-connection",
                "b mq_smtp_in_close ctx=b#N data=b-connection"), trace);
        assertEquals("hello from a\r\nhello from b\r\n", sent.toString(StandardCharsets.US_ASCII),
                "MQ_SmtpSend (3.x) and MQ_send (5.x) write through the connection's output");
    }

    @Test
    void theAuthenticationVerdictIsTheLastPluginsWord() throws Exception {
        start(1, "a", "b");
        TestKit.take();
        TestKit.set("a", "verdict", 1);
        TestKit.set("b", "verdict", -1);
        Worker worker = host.workers().get(0);

        try (NativeConnection connection = host.openConnection(42, bytes -> bytes.length)) {
            worker.run(Hook.SMTP_IN_AUTHENTICATE, HookArguments.credentials(connection,
                    "alice".getBytes(StandardCharsets.UTF_8), "s3cret".getBytes(StandardCharsets.UTF_8)))
                    .get(5, TimeUnit.SECONDS);

            assertFalse(connection.authenticated(), "b set false after a set true: the login fails");
        }
        assertEquals(List.of("a mq_smtp_in_authenticate login=alice passwd=s3cret before=0",
                "b mq_smtp_in_authenticate login=alice passwd=s3cret before=1"), TestKit.take());
    }
}
