package dev.mqkit.runtime.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

/**
 * Reads MailerQ JSON messages from files, to put them straight into the outbox: a file holds one
 * message (a JSON object) or several (a JSON array of objects); a directory stands for its
 * {@code *.json} files in name order. Each message needs the string properties {@code envelope} and
 * {@code recipient}; {@code mime}, when present, must be a string.
 */
public final class JsonMessages {

    private JsonMessages() {
    }

    /** The messages in {@code path} (a file or a directory). */
    public static List<ObjectNode> read(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> list = Files.list(path)) {
                files = list.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                        .sorted().toList();
            }
            List<ObjectNode> all = new ArrayList<>();
            for (Path file : files) {
                all.addAll(readFile(file));
            }
            return all;
        }
        return readFile(path);
    }

    /** Reads every path and publishes its messages to the outbox; returns how many were published (and confirmed). */
    public static int publishToOutbox(MessageQueues queues, List<Path> paths) throws IOException {
        List<ObjectNode> messages = new ArrayList<>();
        for (Path path : paths) {
            messages.addAll(read(path)); // all read and checked before any is published
        }
        List<CompletionStage<Void>> published = new ArrayList<>();
        messages.forEach(message -> published.add(queues.publishToOutbox(message)));
        published.forEach(JsonMessages::await);
        return messages.size();
    }

    /** Waits for a publication (on a broker: its confirm); a failure is thrown as it is, not wrapped. */
    public static void await(CompletionStage<Void> publication) {
        try {
            publication.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Parses one message or an array of them from text; {@code source} names it in errors. */
    public static List<ObjectNode> parse(String json, String source) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        List<ObjectNode> messages = new ArrayList<>();
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException(source + ": empty, expected a JSON object or array");
        } else if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                messages.add(check(root.get(i), source + ": element " + i));
            }
        } else {
            messages.add(check(root, source));
        }
        return messages;
    }

    private static List<ObjectNode> readFile(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    private static ObjectNode check(JsonNode node, String where) {
        if (!(node instanceof ObjectNode message)) {
            throw new IllegalArgumentException(where + ": a message must be a JSON object, not " + node.getNodeType());
        }
        for (String property : new String[] {"envelope", "recipient"}) {
            if (!message.path(property).isTextual()) {
                throw new IllegalArgumentException(where + ": property '" + property + "' must be a string");
            }
        }
        if (message.has("mime") && !message.get("mime").isTextual()) {
            throw new IllegalArgumentException(where + ": property 'mime' must be a string");
        }
        return message;
    }
}
