package dev.mqkit.runtime.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Idle, command and data timeouts: 421 4.4.2 and the connection closes. */
class SmtpTimeoutTest {
    private static final String TIMEOUT = "421 4.4.2 mx.test Timeout waiting for client input, closing connection";
    private static final Duration SHORT = Duration.ofMillis(250);
    private static final Duration LONG = Duration.ofSeconds(20);

    @Test
    void idleClientIsDisconnected() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        try (TestServer server = new TestServer(TestServer.timeouts(SHORT, LONG, LONG), hooks);
             RawSmtpClient client = server.connect()) {
            long start = System.nanoTime();
            assertEquals(TIMEOUT, client.reply().text());
            assertTrue(System.nanoTime() - start >= SHORT.toNanos() - 20_000_000L);
            assertTrue(client.closedByServer());
            assertTrue(hooks.awaitClose());
        }
    }

    @Test
    void activityKeepsTheConnection() throws Exception {
        try (TestServer server = new TestServer(TestServer.timeouts(SHORT, LONG, LONG), SmtpServerHooks.NONE);
             RawSmtpClient client = server.connect()) {
            for (int i = 0; i < 4; i++) {
                Thread.sleep(100);
                assertEquals(250, client.command("NOOP").code());
            }
        }
    }

    @Test
    void inATransactionTheCommandTimeoutApplies() throws Exception {
        try (TestServer server = new TestServer(TestServer.timeouts(LONG, SHORT, LONG), SmtpServerHooks.NONE);
             RawSmtpClient client = server.connect()) {
            client.command("EHLO client.test");
            assertEquals(250, client.command("MAIL FROM:<a@b.test>").code());
            assertEquals(TIMEOUT, client.reply().text());
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void aStalledDataBodyIsCutOffAndNothingIsPublished() throws Exception {
        try (TestServer server = new TestServer(TestServer.timeouts(LONG, LONG, SHORT), SmtpServerHooks.NONE);
             RawSmtpClient client = server.connect()) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@b.test>");
            client.command("RCPT TO:<c@d.test>");
            assertEquals(354, client.command("DATA").code());
            client.write("Subject: slow\r\n");
            assertEquals(TIMEOUT, client.reply().text());
            assertTrue(client.closedByServer());
            assertTrue(server.published.isEmpty());
        }
    }

    @Test
    void aSlowHookIsNotTheClientsTimeout() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        hooks.delays.put("mailFrom a@b.test", Duration.ofMillis(500));
        try (TestServer server = new TestServer(TestServer.timeouts(SHORT, SHORT, LONG), hooks);
             RawSmtpClient client = server.connect()) {
            client.command("EHLO client.test");
            assertEquals(250, client.command("MAIL FROM:<a@b.test>").code());
        }
    }
}
