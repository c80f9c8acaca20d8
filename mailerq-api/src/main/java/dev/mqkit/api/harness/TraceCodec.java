package dev.mqkit.api.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.harness.Trace.Call;
import dev.mqkit.api.harness.Trace.Loaded;
import dev.mqkit.api.harness.Trace.Logged;
import dev.mqkit.api.harness.Trace.Running;
import dev.mqkit.api.harness.Trace.Sent;
import dev.mqkit.api.harness.Trace.Violation;
import dev.mqkit.api.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON of the hook trace: {@code {"plugins":[...],"calls":[...],"sends":[...],"dropped":N,"violations":[...],
 * "logs":[...]}}, as the runtime writes it and the harness reads it back.
 */
public final class TraceCodec {

    private TraceCodec() {}

    /** The trace's JSON from its parts. */
    public static ObjectNode json(List<Loaded> plugins, List<Call> calls, List<Sent> sends, long dropped,
                                  List<Violation> violations, List<Logged> logs) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.set("plugins", Json.MAPPER.valueToTree(plugins));
        json.set("calls", Json.MAPPER.valueToTree(calls));
        json.set("sends", Json.MAPPER.valueToTree(sends));
        json.put("dropped", dropped);
        json.set("violations", Json.MAPPER.valueToTree(violations));
        json.set("logs", Json.MAPPER.valueToTree(logs));
        return json;
    }

    /** The calls of a trace ({@code "calls"} of /trace or trace.json). */
    public static List<Call> calls(JsonNode calls) {
        return list(calls, Call.class);
    }

    /** The loaded plugins of a trace ({@code "plugins"}). */
    public static List<Loaded> plugins(JsonNode plugins) {
        return list(plugins, Loaded.class);
    }

    /** What plugins wrote to SMTP clients ({@code "sends"}). */
    public static List<Sent> sends(JsonNode sends) {
        return list(sends, Sent.class);
    }

    /** The MQ_log lines ({@code "logs"}; none in a trace written before they were kept). */
    public static List<Logged> logs(JsonNode logs) {
        return logs == null || logs.isMissingNode() || logs.isNull() ? List.of() : list(logs, Logged.class);
    }

    /** The violations ({@code "violations"} of a trace, or {@code /violations}). */
    public static List<Violation> violations(JsonNode violations) {
        return list(violations, Violation.class);
    }

    /** The calls inside their hook ({@code /running}). */
    public static List<Running> running(JsonNode running) {
        return list(running, Running.class);
    }

    /** The calls whose plugin took control and has not handed back ({@code /suspended}). */
    public static List<Suspended> suspended(JsonNode suspended) {
        return list(suspended, Suspended.class);
    }

    /** The records of a JSON array that the mapper wrote from a list of {@code type}. */
    public static <T> List<T> list(JsonNode array, Class<T> type) {
        List<T> parsed = new ArrayList<>();
        for (JsonNode element : array) {
            try {
                parsed.add(Json.MAPPER.treeToValue(element, type));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return parsed;
    }
}
