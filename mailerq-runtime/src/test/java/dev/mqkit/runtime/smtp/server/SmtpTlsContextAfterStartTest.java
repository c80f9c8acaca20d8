package dev.mqkit.runtime.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.api.config.ConfigKey;
import dev.mqkit.smtp.ServerTlsContexts;
import io.netty.handler.ssl.SslContext;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a configured certificate the server greets at once and makes its self-signed TLS context
 * in the background; STARTTLS and the implicit-TLS port wait for it, and the client sees no difference.
 */
@Timeout(60)
class SmtpTlsContextAfterStartTest {

    /** A self-signed context that is made only once the test lets it. */
    private static final class HeldContext implements Supplier<SslContext> {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean made = new AtomicBoolean();

        @Override
        public SslContext get() {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            SslContext context = ServerTlsContexts.forServer(null, null, TestServer.HOSTNAME);
            made.set(true);
            return context;
        }
    }

    private static SmtpServer server(RecordingHooks hooks, HeldContext context) {
        return new SmtpServer(SmtpServerSettings.from(TestServer.CONFIG, TestServer.HOSTNAME), hooks,
                publication -> CompletableFuture.completedFuture(null), TestServer.WORKERS, context);
    }

    @Test
    void greetsBeforeTheContextIsMadeAndStarttlsWaitsForIt() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        HeldContext context = new HeldContext();
        try (SmtpServer server = server(hooks, context)) {
            SmtpServer.Ports ports = server.start();
            try (RawSmtpClient client = new RawSmtpClient(ports.plain().get(0))) {
                assertEquals(220, client.reply().code());
                RawSmtpClient.Reply ehlo = client.command("EHLO client.test");
                assertTrue(ehlo.text().contains("STARTTLS"), ehlo.text());
                assertFalse(context.made.get());
                // what the client pipelines after STARTTLS is dropped here too, however long the context takes
                client.write("STARTTLS\r\nRCPT TO:<injected@evil.test>\r\n");
                client.timeout(300);
                assertThrows(SocketTimeoutException.class, client::reply);
                client.timeout(5000);
                context.release.countDown();
                assertEquals("220 2.0.0 Ready to start TLS", client.reply().text());
                client.upgrade();
                assertTrue(context.made.get());
                assertEquals("503 5.5.1 Send EHLO or HELO first", client.command("MAIL FROM:<a@b.test>").text());
                RawSmtpClient.Reply again = client.command("EHLO client.test");
                assertFalse(again.text().contains("STARTTLS"), again.text());
                assertEquals("503 5.5.1 TLS already active", client.command("STARTTLS").text());
            }
            assertFalse(hooks.events().contains("rcptTo injected@evil.test"));
            assertTrue(hooks.events().contains("secure"));
        }
    }

    @Test
    void theImplicitTlsPortWaitsForTheContext() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        HeldContext context = new HeldContext();
        try (SmtpServer server = server(hooks, context)) {
            SmtpServer.Ports ports = server.start();
            CompletableFuture<RawSmtpClient> connected = CompletableFuture.supplyAsync(() -> {
                try {
                    return RawSmtpClient.implicitTls(ports.tls().get(0));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertFalse(context.made.get());
            context.release.countDown();
            try (RawSmtpClient client = connected.get(30, TimeUnit.SECONDS)) {
                assertEquals(220, client.reply().code());
                RawSmtpClient.Reply ehlo = client.command("EHLO client.test");
                assertFalse(ehlo.text().contains("STARTTLS"), ehlo.text());
            }
            assertTrue(hooks.events().contains("secure"));
        }
    }

    /** Configured files are still read as the server starts: a start with files it cannot use fails, naming them. */
    @Test
    void aStartWithAConfiguredCertificateThatCannotBeReadFails(@TempDir Path dir) {
        Path missing = dir.resolve("missing.pem");
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> new TestServer(SmtpServerHooks.NONE, config -> config
                        .with(ConfigKey.SMTP_CERTIFICATE, missing.toString())
                        .with(ConfigKey.SMTP_PRIVATEKEY, missing.toString())));
        assertEquals("cannot read " + missing, failure.getMessage());
    }
}
