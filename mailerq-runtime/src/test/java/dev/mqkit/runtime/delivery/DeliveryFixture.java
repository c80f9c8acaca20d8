package dev.mqkit.runtime.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.config.RuntimeConfig;
import dev.mqkit.api.json.Json;
import dev.mqkit.harness.sink.SmtpSink;
import dev.mqkit.runtime.MailerQRuntime;
import dev.mqkit.runtime.queue.InMemoryQueues;
import dev.mqkit.runtime.queue.JsonMessages;
import dev.mqkit.runtime.queue.QueueNames;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A delivery test's set-up, registered with {@code @RegisterExtension} on a static field: epoll workers for the
 * whole class, and per test what it opened through the fixture, closed after it, the last opened first; and the
 * config and message the delivery tests start from.
 */
final class DeliveryFixture implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String MIME = "From: a@example.com\r\nTo: b@example.org\r\nSubject: hello\r\n\r\nHi there.\r\n";

    /** The queues of a test's delivery and the deliverer over them. */
    record Started(InMemoryQueues queues, Deliverer deliverer) {
    }

    private final Deque<AutoCloseable> closing = new ArrayDeque<>();
    private EventLoopGroup workers;

    @Override
    public void beforeAll(ExtensionContext context) {
        workers = new MultiThreadIoEventLoopGroup(2, EpollIoHandler.newFactory());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception failed = null;
        while (!closing.isEmpty()) {
            try {
                closing.pop().close();
            } catch (Exception e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /** Plays 3.0, whose results DeliveryTest reads (both releases' results: DeliveryResultTypesTest). */
    static RuntimeConfig baseConfig() {
        return RuntimeConfig.defaults()
                .with("mailerq-version", "3.0")
                .with("delivery-helo-name", "client.test")
                .with("delivery-retry-delay", "20ms")
                .with("delivery-retry-max-delay", "50ms")
                .with("delivery-timeout", "5s")
                .with("delivery-connect-timeout", "2s");
    }

    /** {@link #baseConfig()} delivering to the smarthost 127.0.0.1:{@code port}. */
    static RuntimeConfig smarthostConfig(int port) {
        return baseConfig().with("smarthost", "127.0.0.1").with("smarthost-port", String.valueOf(port));
    }

    /** A message from a@example.com to {@code recipient} with {@link #MIME}. */
    static ObjectNode message(String recipient) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("envelope", "a@example.com").put("recipient", recipient).put("mime", MIME);
        return m;
    }

    EventLoopGroup workers() {
        return workers;
    }

    /** {@code resource}, to be closed after the test. */
    <T extends AutoCloseable> T closeAfterTest(T resource) {
        closing.push(resource);
        return resource;
    }

    /** A sink on loopback without STARTTLS, closed after the test. */
    SmtpSink plainSink() {
        return closeAfterTest(SmtpSink.builder().tls(false).start());
    }

    /** The config's queues with a started deliverer over them; both closed after the test. */
    Started start(RuntimeConfig config, DeliveryHooks hooks) {
        InMemoryQueues queues = closeAfterTest(new InMemoryQueues(QueueNames.from(config)));
        Deliverer deliverer = closeAfterTest(
                new Deliverer(DeliverySettings.from(config), queues, hooks, workers));
        deliverer.start();
        return new Started(queues, deliverer);
    }
}
