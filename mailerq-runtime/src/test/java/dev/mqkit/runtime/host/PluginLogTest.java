package dev.mqkit.runtime.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.api.Hook;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.fixtures.TestReleases;
import dev.mqkit.runtime.fixtures.TestKit;
import dev.mqkit.runtime.fixtures.TestPlugins;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MQ_log (5.6.5 and later): a plugin's lines reach the runtime's log at their priority, from any thread. */
class PluginLogTest {

    private static final MailerqRelease RELEASE = TestReleases.MAILERQ_5_13;

    /** Every record logged while a test runs, as its text and level. */
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            logged.add(record.getLevel() + " " + formatter.formatMessage(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void listen() {
        TestKit.reset();
        Logger.getLogger("").addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("").removeHandler(handler);
    }

    private List<String> loggedContaining(String text) {
        return logged.stream().filter(line -> line.contains(text)).toList();
    }

    @Test
    void linesFromHooksAndFromAPluginsOwnThreadReachTheLogAtInfo() throws Exception {
        TestKit.set("a", "log", 1);

        try (PluginHost host = PluginHost.start(PluginHostSettings.of(TestPlugins.ordered(RELEASE, "a", "b"))
                .withRelease(RELEASE).withWorkers(1).withHandBackTimeout(Duration.ofSeconds(5)));
             NativeConnection connection = host.openConnection(42, bytes -> bytes.length)) {
            host.workers().get(0).run(Hook.SMTP_IN_MAILFROM,
                    HookArguments.text(connection, "sender@example.com".getBytes(StandardCharsets.UTF_8)))
                    .get(5, TimeUnit.SECONDS);

            // the first hook that logged, mq_context_initialize, also logged from a thread it started
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (loggedContaining("a mq_context_initialize from a thread of its own").isEmpty()
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }

        assertEquals(1, loggedContaining("a mq_context_initialize from a thread of its own").size(), logged.toString());
        for (String line : List.of("a mq_context_initialize", "a mq_smtp_in_mailfrom",
                "a mq_context_initialize from a thread of its own")) {
            List<String> records = logged.stream().filter(record -> record.endsWith(line)).toList();
            assertEquals(1, records.size(), line + " in " + logged);
            assertTrue(records.get(0).startsWith(Level.INFO + " "), "MQ_INFO is logged at INFO: " + records.get(0));
        }
        assertEquals(List.of(), loggedContaining("b mq_"), "b does not log");
    }
}
