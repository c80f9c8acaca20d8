package dev.mqkit.runtime.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mqkit.api.harness.Suspended;
import dev.mqkit.api.harness.Trace;
import dev.mqkit.api.json.Json;
import dev.mqkit.runtime.MailerQRuntime;
import dev.mqkit.runtime.host.Plugin;
import dev.mqkit.runtime.host.SuspendedCall;
import dev.mqkit.runtime.queue.QueueNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The runtime's control channel: JSON over HTTP on 127.0.0.1, for a test
 * driver in another process. Endpoints:
 * <ul>
 * <li>{@code GET /health}: {@code {"status":"ok","plugins":[...],"smtpPorts":[...],"smtpSecurePorts":[...]}}</li>
 * <li>{@code GET /trace[?since=SEQ]}: {@code {"calls":[...],"dropped":N,"violations":[...]}}, see {@link Trace.Call}</li>
 * <li>{@code GET /violations}: {@code [{"plugin":..,"message":..}]}</li>
 * <li>{@code GET /suspended}: calls waiting for a hand-back, {@code [{"plugin","hook","worker","millis","description"}]}</li>
 * <li>{@code GET /running}: calls still inside a plugin's hook function (a plugin blocking its worker),
 * {@code [{"plugin","hook","worker","millis"}]}</li>
 * <li>{@code GET /queues/NAME}: the messages in a queue (NAME is inbox, outbox, results, success, failure, retry,
 * refused, or a configured queue name), without taking them</li>
 * <li>{@code GET /queues/NAME/take?timeout=MS}: takes the next message, waiting up to MS; 204 when none came</li>
 * <li>{@code POST /outbox}: puts the JSON message of the body into the outbox</li>
 * <li>{@code POST /stop}: answers, then the runtime stops gracefully and the process exits 0</li>
 * </ul>
 * Errors answer 4xx/5xx with {@code {"error":"..."}}.
 */
public final class ControlServer implements AutoCloseable {


    private final HttpServer server;
    private final ExecutorService executor;
    private final MailerQRuntime runtime;
    private final HookTrace trace;
    private final Runnable stop;

    private ControlServer(HttpServer server, MailerQRuntime runtime, HookTrace trace, Runnable stop) {
        this.server = server;
        this.runtime = runtime;
        this.trace = trace;
        this.stop = stop;
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "control");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /**
     * Listens on 127.0.0.1:port (0: a free port). {@code stop} is run after
     * answering {@code POST /stop}; it should make the process stop.
     */
    public static ControlServer start(int port, MailerQRuntime runtime, HookTrace trace, Runnable stop) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            ControlServer control = new ControlServer(server, runtime, trace, stop);
            server.start();
            return control;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on control-port " + port, e);
        }
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            URI uri = exchange.getRequestURI();
            String path = uri.getPath();
            Map<String, String> query = query(uri);
            try {
                if (method.equals("GET") && path.equals("/health")) {
                    answer(exchange, 200, health());
                } else if (method.equals("GET") && path.equals("/trace")) {
                    answer(exchange, 200, trace.toJson(Long.parseLong(query.getOrDefault("since", "0"))));
                } else if (method.equals("GET") && path.equals("/violations")) {
                    answer(exchange, 200, Json.MAPPER.valueToTree(trace.violations()));
                } else if (method.equals("GET") && path.equals("/running")) {
                    answer(exchange, 200, Json.MAPPER.valueToTree(trace.running()));
                } else if (method.equals("GET") && path.equals("/suspended")) {
                    answer(exchange, 200, suspended());
                } else if (method.equals("GET") && path.startsWith("/queues/")) {
                    queue(exchange, path.substring("/queues/".length()), query);
                } else if (method.equals("POST") && path.equals("/outbox")) {
                    JsonNode message = readBody(exchange);
                    if (!(message instanceof ObjectNode object)) {
                        answer(exchange, 400, error("the body must be one JSON object"));
                        return;
                    }
                    runtime.send(object);
                    answer(exchange, 202, Json.MAPPER.createObjectNode().put("queued", true));
                } else if (method.equals("POST") && path.equals("/stop")) {
                    answer(exchange, 202, Json.MAPPER.createObjectNode().put("stopping", true));
                    stop.run();
                } else {
                    answer(exchange, 404, error("no endpoint " + method + " " + path));
                }
            } catch (IllegalArgumentException e) {
                answer(exchange, 400, error(e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer(exchange, 503, error("interrupted"));
            } catch (RuntimeException e) {
                answer(exchange, 500, error(e.toString()));
            }
        }
    }

    private ObjectNode health() {
        ObjectNode body = Json.MAPPER.createObjectNode().put("status", "ok");
        ArrayNode plugins = body.putArray("plugins");
        runtime.host().plugins().stream().map(Plugin::name).forEach(plugins::add);
        ArrayNode plain = body.putArray("smtpPorts");
        runtime.ports().plain().forEach(plain::add);
        ArrayNode secure = body.putArray("smtpSecurePorts");
        runtime.ports().tls().forEach(secure::add);
        return body;
    }

    /** A suspended call as {@code GET /suspended} lists it. */
    private static Suspended suspended(SuspendedCall call) {
        return new Suspended(call.plugin().name(), call.hook().symbol(), call.worker(), call.waiting().toMillis(),
                call.toString());
    }

    private JsonNode suspended() {
        return Json.MAPPER.valueToTree(runtime.host().suspendedCalls().stream().map(ControlServer::suspended).toList());
    }

    private void queue(HttpExchange exchange, String rest, Map<String, String> query)
            throws IOException, InterruptedException {
        boolean take = rest.endsWith("/take");
        String queue = queueName(take ? rest.substring(0, rest.length() - "/take".length()) : rest);
        if (!take) {
            answer(exchange, 200, Json.MAPPER.valueToTree(runtime.queues().snapshot(queue)));
            return;
        }
        long timeout = Long.parseLong(query.getOrDefault("timeout", "0"));
        Optional<ObjectNode> message = runtime.queues().poll(queue, Duration.ofMillis(timeout));
        if (message.isPresent()) {
            answer(exchange, 200, message.get());
        } else {
            exchange.sendResponseHeaders(204, -1);
        }
    }

    private String queueName(String name) {
        QueueNames names = runtime.queues().names();
        return switch (name) {
            case "inbox" -> names.inbox();
            case "outbox" -> names.outbox();
            case "results" -> names.results();
            case "success" -> names.success();
            case "failure" -> names.failure();
            case "retry" -> names.retry();
            case "refused" -> names.refused();
            case "local" -> names.local();
            default -> {
                if (name.isEmpty() || name.contains("/")) {
                    throw new IllegalArgumentException("no queue '" + name + "'");
                }
                yield name;
            }
        };
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    values.put(java.net.URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static JsonNode readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return Json.MAPPER.readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static ObjectNode error(String message) {
        return Json.MAPPER.createObjectNode().put("error", message);
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
