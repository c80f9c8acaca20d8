package dev.mqkit.runtime.rabbitmq;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.config.RuntimeConfig;
import dev.mqkit.api.json.Json;
import dev.mqkit.runtime.queue.JsonMessages;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The machine's real RabbitMQ broker (Debian's rabbitmq-server on localhost:5672, which {@code .ci/run}
 * installs and starts), with a virtual host of its own for one test class, deleted at {@link #close}.
 * Without a broker the tests are skipped with how to start one, except on CI ({@code CI=true}), where
 * they fail: there the broker is part of the build.
 */
public final class TestBroker implements AutoCloseable {
    private static final String HOW = "start one with: rabbitmq-server -detached && rabbitmqctl await_startup "
            + "(Debian package rabbitmq-server; bash .ci/run installs and starts it)";

    private final String vhost;

    private TestBroker(String vhost) {
        this.vhost = vhost;
    }

    /** A fresh virtual host for {@code testClass} on the local broker (skips or fails when there is none). */
    public static TestBroker forClass(Class<?> testClass) {
        requireBroker();
        String vhost = vhostFor(testClass);
        ctl("delete_vhost", vhost); // a leftover of a killed run
        ctl("add_vhost", vhost).orThrow();
        ctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*").orThrow();
        return new TestBroker(vhost);
    }

    private static void requireBroker() {
        String problem = null;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5672), 2000);
        } catch (IOException e) {
            problem = "no RabbitMQ broker on localhost:5672 (" + e.getMessage() + ")";
        }
        if (problem == null && !ctl("status").ok()) {
            problem = "rabbitmqctl cannot reach the broker on this machine";
        }
        if (problem != null) {
            if ("true".equals(System.getenv("CI"))) {
                fail(problem + "; on CI the broker is required: " + HOW);
            }
            Assumptions.abort(problem + "; " + HOW);
        }
    }

    private static String vhostFor(Class<?> testClass) {
        return "mqkit-" + testClass.getSimpleName() + "-" + ProcessHandle.current().pid();
    }

    /**
     * The vhost of {@code testClass} as a class-level extension: made before all its tests and deleted after.
     * An extension registered after it (a {@code MailerQExtension} configured with {@link #addressFor}) runs
     * within it: register it with a lower {@code @Order} than that one.
     */
    public static Vhost extensionFor(Class<?> testClass) {
        return new Vhost(testClass);
    }

    /** A test class's vhost, for {@code @RegisterExtension} on a static field. */
    public static final class Vhost implements BeforeAllCallback, AfterAllCallback {
        private final Class<?> testClass;
        private TestBroker broker;

        private Vhost(Class<?> testClass) {
            this.testClass = testClass;
        }

        /** The broker's vhost of the class, once its tests started. */
        public TestBroker broker() {
            return broker;
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            broker = forClass(testClass);
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (broker != null) {
                broker.close();
            }
        }
    }

    /**
     * The rabbitmq-* queue keys naming queues of their own, {@code PREFIXoutbox} and so on, so that the tests of
     * one class, which share a vhost, share no queue.
     */
    public static Map<String, String> queues(String prefix) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String queue : List.of("outbox", "results", "success", "failure", "retry", "refused", "local")) {
            keys.put("rabbitmq-" + queue, prefix + queue);
        }
        return keys;
    }

    /** rabbitmq-address of the vhost {@link #forClass} or {@link #extensionFor} makes for {@code testClass}. */
    public static String addressFor(Class<?> testClass) {
        return "amqp://guest:guest@localhost/" + vhostFor(testClass);
    }

    public String vhost() {
        return vhost;
    }

    /** rabbitmq-address of this vhost (MailerQ 4.0 and later). */
    public String address() {
        return "amqp://guest:guest@localhost/" + vhost;
    }

    /** The keys naming this vhost as the release does: rabbitmq-address (4.0+) or rabbitmq-host and -vhost (3.0). */
    public Map<String, String> keys(MailerqRelease release) {
        return release.generation() == MailerqRelease.Generation.CONNECTION ? Map.of("rabbitmq-address", address())
                : Map.of("rabbitmq-host", "localhost", "rabbitmq-vhost", vhost);
    }

    /** The configuration playing {@code release} on this vhost, with {@link #keys} and {@code more} keys. */
    public RuntimeConfig config(MailerqRelease release, Map<String, String> more) {
        RuntimeConfig config = RuntimeConfig.defaults().with("mailerq-version", release.toString());
        for (Map.Entry<String, String> key : keys(release).entrySet()) {
            config = config.with(key.getKey(), key.getValue());
        }
        for (Map.Entry<String, String> key : more.entrySet()) {
            config = config.with(key.getKey(), key.getValue());
        }
        return config;
    }

    /** A client connection to this vhost, for looking at what the runtime left on the broker. */
    public Connection connect() throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("localhost");
        factory.setVirtualHost(vhost);
        return factory.newConnection("mqkit-test");
    }

    /** The vhost's queues as rabbitmqctl list_queues shows them: name, durable, messages (ready + unacked). */
    public List<JsonNode> queues() {
        Result result = ctl("list_queues", "-p", vhost, "--formatter", "json", "name", "durable", "messages",
                "messages_ready", "messages_unacknowledged", "arguments").orThrow();
        try {
            List<JsonNode> queues = new ArrayList<>();
            Json.MAPPER.readTree(result.output.substring(result.output.indexOf('['))).forEach(queues::add);
            return queues;
        } catch (IOException e) {
            throw new IllegalStateException("rabbitmqctl list_queues: " + result.output, e);
        }
    }

    /** The queue called {@code name} of {@link #queues()}. */
    public JsonNode queue(String name) {
        return queues().stream().filter(q -> q.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no queue '" + name + "' in vhost " + vhost + ": " + queues()));
    }

    /** Stops the broker's service (the node keeps running; clients are disconnected and cannot connect). */
    public static void stopApp() {
        ctl("stop_app").orThrow();
    }

    /** Starts the broker's service again and waits until it is up. */
    public static void startApp() {
        ctl("start_app").orThrow();
        ctl("await_startup").orThrow();
    }

    @Override
    public void close() {
        ctl("delete_vhost", vhost);
    }

    /** What rabbitmqctl said. */
    record Result(int exit, String output, String command) {
        boolean ok() {
            return exit == 0;
        }

        Result orThrow() {
            if (exit != 0) {
                throw new IllegalStateException(command + " failed (" + exit + "): " + output);
            }
            return this;
        }
    }

    static Result ctl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out", String.join(" ", command));
            }
            return new Result(process.exitValue(), output, String.join(" ", command));
        } catch (IOException e) {
            return new Result(-1, e.getMessage(), String.join(" ", command));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted", String.join(" ", command));
        }
    }
}
