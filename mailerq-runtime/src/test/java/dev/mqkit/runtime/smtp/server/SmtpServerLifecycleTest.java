package dev.mqkit.runtime.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.api.config.ConfigKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Binding, refusing to bind, and stopping. */
class SmtpServerLifecycleTest {

    @Test
    void bindsEveryConfiguredPort() throws Exception {
        try (TestServer server = new TestServer(SmtpServerHooks.NONE, config -> config.with(ConfigKey.SMTP_PORT, "0,0"))) {
            assertEquals(2, server.ports.plain().size());
            assertEquals(1, server.ports.tls().size());
            assertNotEquals(server.ports.plain().get(0), server.ports.plain().get(1));
            for (int port : server.ports.plain()) {
                try (RawSmtpClient client = new RawSmtpClient(port)) {
                    assertEquals(220, client.reply().code());
                }
            }
            try (RawSmtpClient client = RawSmtpClient.implicitTls(server.tlsPort())) {
                assertEquals(220, client.reply().code());
            }
        }
    }

    @Test
    void aPortInUseIsNamedAndNothingStaysBound() throws Exception {
        try (TestServer first = new TestServer(SmtpServerHooks.NONE)) {
            int taken = first.plainPort();
            int free;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                free = probe.getLocalPort();
            }
            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> new TestServer(SmtpServerHooks.NONE, config -> config
                            .with(ConfigKey.SMTP_PORT, String.valueOf(free)).with(ConfigKey.SMTP_SECURE_PORT, String.valueOf(taken))));
            assertTrue(failure.getMessage().contains("cannot listen for SMTP over TLS on /127.0.0.1:" + taken), failure.getMessage());
            // the plain port bound before the failure was let go again
            try (ServerSocket again = new ServerSocket(free, 1, InetAddress.getByName("127.0.0.1"))) {
                assertEquals(free, again.getLocalPort());
            }
        }
    }

    @Test
    void afterCloseNothingIsAccepted() throws Exception {
        TestServer server = new TestServer(SmtpServerHooks.NONE);
        int port = server.plainPort();
        server.close();
        assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close());
        server.close(); // twice is harmless
    }
}
