package dev.mqkit.runtime.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.api.config.ConfigKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** smtp-max-connections: one connection more gets 421 and never reaches the hooks. */
class SmtpConnectionLimitTest {

    @Test
    void aConnectionBeyondTheLimitIsRefusedWith421BeforeAnyHook() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        try (TestServer server = new TestServer(hooks, config -> config.with(ConfigKey.SMTP_MAX_CONNECTIONS, "1"));
             RawSmtpClient first = server.connect();
             RawSmtpClient second = new RawSmtpClient(server.plainPort())) {
            RawSmtpClient.Reply refused = second.reply();

            assertEquals(421, refused.code(), refused.toString());
            assertTrue(refused.text().contains("too many connections"), refused.toString());
            assertEquals(List.of("connect"), hooks.events(), "the refused connection reached no hook");
            assertEquals(250, first.command("NOOP").code(), "the first connection is served as before");
        }
    }
}
