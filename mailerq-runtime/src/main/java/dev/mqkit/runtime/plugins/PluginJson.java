package dev.mqkit.runtime.plugins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.json.Json;
import dev.mqkit.runtime.host.NativeMessage;
import java.util.Optional;

/** The JSON of a message as the plugins' chain left it, parsed only when a plugin opened it. */
final class PluginJson {
    private PluginJson() {
    }

    /** Empty when no plugin opened the JSON: then it is the message's JSON as it was handed in. */
    static Optional<ObjectNode> opened(NativeMessage message) {
        return message.openedJson().map(text -> {
            try {
                // libmqhost replaces anything but an object, so an object it is
                return (ObjectNode) Json.MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the plugins left JSON that does not parse", e);
            }
        });
    }
}
