package dev.mqkit.runtime.smtp.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.config.ConfigKey;
import dev.mqkit.api.config.RuntimeConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** A server on ephemeral ports of 127.0.0.1 that records what it publishes. */
final class TestServer implements AutoCloseable {
    /** Worker loops shared by every test server (like the plugin host's workers). */
    static final EventLoopGroup WORKERS = new MultiThreadIoEventLoopGroup(2, EpollIoHandler.newFactory());

    final List<ObjectNode> published = new CopyOnWriteArrayList<>();
    /** What was published with whether it was local or refused, when no publisher is given. */
    final List<Publication> publications = new CopyOnWriteArrayList<>();
    final SmtpServer server;
    final SmtpServer.Ports ports;

    /** The name the test server greets with. */
    static final String HOSTNAME = "mx.test";
    /**
     * The tests' configuration: the defaults, with a TLS port beside the plain one (both ephemeral, on
     * 127.0.0.1) and waits short enough for tests.
     */
    static final RuntimeConfig CONFIG = RuntimeConfig.defaults()
            .with(ConfigKey.SMTP_SECURE_PORT, "0")
            .with(ConfigKey.SMTP_TIMEOUT, "20s")
            .with(ConfigKey.SMTP_AUTH_FAILURE_DELAY, "20ms")
            .with(ConfigKey.SMTP_SHUTDOWN_TIMEOUT, "2s");

    /**
     * The tests' settings waiting {@code idle} for a command outside a mail transaction,
     * {@code command} inside one and {@code data} for the bytes of a DATA body, which the
     * configuration's one smtp-timeout cannot tell apart.
     */
    static SmtpServerSettings timeouts(Duration idle, Duration command, Duration data) {
        SmtpServerSettings s = SmtpServerSettings.from(CONFIG, HOSTNAME);
        return new SmtpServerSettings(s.hostname(), s.bindAddress(), s.plainPorts(), s.tlsPorts(), s.certificate(),
                s.privateKey(), s.logins(), s.allowPlaintextAuth(), s.maxLineLength(), s.maxMessageSize(),
                s.maxRecipients(), s.maxConnections(), idle, command, data, s.shutdownTimeout(),
                s.allowedClients(), s.maxConnectionsPerAddress(), s.errorLimit(), s.authFailureDelay(),
                s.commandDeadline(), s.dataDeadline(), s.spoolThreshold(), s.spoolDirectory(), s.maxInflightBytes(),
                s.release(), s.dsnAdvertise(), s.extractHeaders(), s.localAddresses());
    }

    TestServer(SmtpServerHooks hooks) {
        this(hooks, config -> config);
    }

    /** A server whose configuration is the tests' ({@link #CONFIG}) with {@code configure}'s changes. */
    TestServer(SmtpServerHooks hooks, UnaryOperator<RuntimeConfig> configure) {
        this(hooks, configure, null);
    }

    TestServer(SmtpServerHooks hooks, UnaryOperator<RuntimeConfig> configure,
               Function<ObjectNode, CompletionStage<Void>> publisher) {
        this(SmtpServerSettings.from(configure.apply(CONFIG), HOSTNAME), hooks, publisher);
    }

    /** A server with settings of the test's own (what the configuration cannot say). */
    TestServer(SmtpServerSettings settings, SmtpServerHooks hooks) {
        this(settings, hooks, null);
    }

    private TestServer(SmtpServerSettings settings, SmtpServerHooks hooks,
                       Function<ObjectNode, CompletionStage<Void>> publisher) {
        server = new SmtpServer(settings, hooks, publisher != null ? publication -> publisher.apply(publication.json())
                : publication -> {
                    published.add(publication.json());
                    publications.add(publication);
                    return CompletableFuture.completedFuture(null);
                }, WORKERS);
        ports = server.start();
    }

    int plainPort() {
        return ports.plain().get(0);
    }

    int tlsPort() {
        return ports.tls().get(0);
    }

    RawSmtpClient connect() throws java.io.IOException {
        RawSmtpClient client = new RawSmtpClient(plainPort());
        RawSmtpClient.Reply greeting = client.reply();
        if (greeting.code() != 220) {
            throw new AssertionError("greeting " + greeting);
        }
        return client;
    }

    /** Waits until the server holds no connection (its close hooks may still run). */
    void awaitNoConnections() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.connectionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
