package dev.mqkit.runtime.smtp.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
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

    TestServer(SmtpServerHooks hooks) {
        this(hooks, settings -> settings);
    }

    TestServer(SmtpServerHooks hooks, UnaryOperator<SmtpServerSettings.Builder> configure) {
        this(hooks, configure, null);
    }

    TestServer(SmtpServerHooks hooks, UnaryOperator<SmtpServerSettings.Builder> configure,
               Function<ObjectNode, CompletionStage<Void>> publisher) {
        SmtpServerSettings settings = configure.apply(SmtpServerSettings.builder()
                        .hostname("mx.test")
                        .bindAddress("127.0.0.1")
                        .plainPorts(List.of(0))
                        .tlsPorts(List.of(0))
                        .idleTimeout(Duration.ofSeconds(20))
                        .commandTimeout(Duration.ofSeconds(20))
                        .dataTimeout(Duration.ofSeconds(20))
                        .authFailureDelay(Duration.ofMillis(20))
                        .shutdownTimeout(Duration.ofSeconds(2)))
                .build();
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
