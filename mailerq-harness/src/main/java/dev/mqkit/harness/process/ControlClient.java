package dev.mqkit.harness.process;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mqkit.api.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The client side of the runtime's control channel ({@code dev.mqkit.runtime.control.ControlServer}): JSON over
 * HTTP on 127.0.0.1. When the channel does not answer, the error says how the process ended, if it did.
 */
public final class ControlClient {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final int port;
    private final Function<Duration, Optional<RuntimeExit>> exitWithin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param exitWithin waits up to the given time for the process to end, and tells how it did
     */
    ControlClient(int port, Function<Duration, Optional<RuntimeExit>> exitWithin) {
        this.port = port;
        this.exitWithin = exitWithin;
    }

    /** The port the control channel listens on. */
    public int port() {
        return port;
    }

    /** {@code GET path}, e.g. {@code /trace}; null for 204 (nothing). */
    public JsonNode get(String path) {
        return get(path, DEFAULT_TIMEOUT);
    }

    /** {@code GET path}, allowing the answer this long (for {@code /queues/NAME/take?timeout=MS}). */
    public JsonNode get(String path, Duration timeout) {
        return call(HttpRequest.newBuilder(uri(path)).GET(), timeout);
    }

    /** {@code POST path} with a JSON body ({@code {}} for null). */
    public JsonNode post(String path, JsonNode body) {
        return call(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : body.toString())),
                DEFAULT_TIMEOUT);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private JsonNode call(HttpRequest.Builder request, Duration timeout) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to the runtime");
        } catch (IOException e) {
            Optional<RuntimeExit> ended = exitWithin.apply(Duration.ofSeconds(e instanceof ConnectException ? 5 : 1));
            throw new IllegalStateException(ended.map(exit -> "the runtime is gone: " + exit.description())
                    .orElse("the runtime's control channel did not answer: " + e), e);
        }
        if (response.statusCode() == 204) {
            return null;
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("the runtime answered " + response.statusCode() + " with no JSON: "
                    + response.body());
        }
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("the runtime answered " + response.statusCode() + ": "
                    + body.path("error").asText(body.toString()));
        }
        return body;
    }
}
