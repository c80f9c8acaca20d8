package dev.mqkit.runtime.smtp.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.MailerqRelease;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The JSON properties that x-mq-* header fields make, as the played release documents them
 * (<a href="https://www.mailerq.com/documentation/3.0/delivery-properties">3.0/delivery-properties</a>,
 * <a href="https://www.mailerq.com/documentation/3.0/smarthost">3.0/smarthost</a>,
 * <a href="https://www.mailerq.com/documentation/3.0/sending-bounces">3.0/sending-bounces</a>,
 * <a href="https://www.mailerq.com/documentation/5.13/mime-headers">5.13/mime-headers</a>):
 *
 * <ul>
 *   <li>{@code x-mq-ip}: each line adds to {@code ips};</li>
 *   <li>{@code x-mq-results-queue}, {@code -failure-queue}, {@code -success-queue}, {@code -retry-queue}:
 *       {@code queues{results, failure, success, retry}};</li>
 *   <li>{@code x-mq-smarthost-NAME}: {@code smarthost{NAME}} (3.0 {@code name}, 5.13 {@code hostname});</li>
 *   <li>{@code x-mq-dsn-NAME}: {@code dsn{NAME}}, over what RET, ENVID, NOTIFY and ORCPT gave;</li>
 *   <li>any other {@code x-mq-NAME}: {@code NAME} ({@code envelope}, {@code maxdelivertime}, ...);
 *       3.0's {@code x-normalize} is {@code normalize};</li>
 *   <li>5.0 and later: {@code x-mq-tag} lines make {@code tags[]}, {@code x-mq-retries: 300,600}
 *       makes {@code retries: [300, 600]}; 4.0 and later: {@code x-mq-delayed} makes
 *       {@code nextattempt{time}}, the 5.13 JSON that holds a message back (the docs give no JSON
 *       name for the header).</li>
 * </ul>
 *
 * Values are text, except where the release's JSON examples show otherwise: {@code maxattempts}
 * and a smarthost's {@code port} of digits are numbers, and the flags {@code inlinecss},
 * {@code keepmime} and {@code normalize} are {@code 1}/{@code 0} in 3.0 and {@code true}/{@code false}
 * from 4.0. A name given twice keeps its first value (the docs do not say). Names the release
 * reserves (3.0's list) or that the incoming JSON already holds are not set.
 */
final class MqProperties {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final MailerqRelease FIRST_TAGS = new MailerqRelease(5, 0, 0);
    private static final Map<String, String> QUEUES = Map.of("results-queue", "results", "failure-queue", "failure",
            "success-queue", "success", "retry-queue", "retry");
    private static final Set<String> FLAGS = Set.of("inlinecss", "keepmime", "normalize");
    /**
     * "reserved for internal use and should not be used as custom headers"
     * (<a href="https://www.mailerq.com/documentation/3.0/delivery-properties">3.0/delivery-properties</a>).
     */
    private static final Set<String> RESERVED_30 = Set.of("recipient", "domain", "forcedip", "delayed", "seen", "ips",
            "key", "mime", "results", "queues");
    /** What the incoming JSON holds itself and no header may replace (4.0+). */
    private static final Set<String> INCOMING_FIELDS = Set.of("recipient", "mime", "results", "hostname", "received",
            "message-id", "connection", "ips", "queues", "smarthost", "tags", "nextattempt");

    private MqProperties() {
    }

    /** The properties of {@code fields} for {@code release}. */
    static ObjectNode of(Iterable<MqHeaderFields.Field> fields, MailerqRelease release) {
        boolean connectionGeneration = release.generation() == MailerqRelease.Generation.CONNECTION;
        boolean tags = release.atLeast(FIRST_TAGS);
        ObjectNode properties = JSON.objectNode();
        for (MqHeaderFields.Field field : fields) {
            String name = field.name();
            String value = field.value();
            if (name.equals("ip")) {
                array(properties, "ips").add(value);
            } else if (tags && name.equals("tag")) {
                array(properties, "tags").add(value);
            } else if (QUEUES.containsKey(name)) {
                putFirst(object(properties, "queues"), QUEUES.get(name), JSON.textNode(value));
            } else if (name.startsWith("smarthost-") && name.length() > "smarthost-".length()) {
                String member = name.substring("smarthost-".length());
                putFirst(object(properties, "smarthost"), member, member.equals("port") ? number(value) : JSON.textNode(value));
            } else if (name.startsWith("dsn-") && name.length() > "dsn-".length()) {
                putFirst(object(properties, "dsn"), name.substring("dsn-".length()), JSON.textNode(value));
            } else if (tags && name.equals("retries")) {
                putFirst(properties, name, seconds(value));
            } else if (connectionGeneration && name.equals("delayed")) {
                if (!properties.has("nextattempt")) {
                    properties.putObject("nextattempt").put("time", value);
                }
            } else if (connectionGeneration ? INCOMING_FIELDS.contains(name) : RESERVED_30.contains(name)) {
                continue;
            } else if (FLAGS.contains(name)) {
                putFirst(properties, name, connectionGeneration ? flag(value) : number(value));
            } else if (name.equals("maxattempts")) {
                putFirst(properties, name, number(value));
            } else {
                putFirst(properties, name, JSON.textNode(value));
            }
        }
        return properties;
    }

    /**
     * Sets {@code properties} on one recipient's message: each over what the message holds, except
     * {@code dsn}, whose members go over the message's own (those of its RCPT TO).
     */
    static void applyTo(ObjectNode message, ObjectNode properties) {
        Iterator<Map.Entry<String, JsonNode>> entries = properties.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            JsonNode value = entry.getValue().deepCopy();
            if (entry.getKey().equals("dsn") && message.get("dsn") instanceof ObjectNode dsn) {
                dsn.setAll((ObjectNode) value);
            } else {
                message.set(entry.getKey(), value);
            }
        }
    }

    private static void putFirst(ObjectNode object, String name, JsonNode value) {
        if (!object.has(name)) {
            object.set(name, value);
        }
    }

    private static ArrayNode array(ObjectNode properties, String name) {
        return properties.get(name) instanceof ArrayNode array ? array : properties.putArray(name);
    }

    private static ObjectNode object(ObjectNode properties, String name) {
        return properties.get(name) instanceof ObjectNode object ? object : properties.putObject(name);
    }

    /** Digits as a number, anything else as the text it is. */
    private static JsonNode number(String value) {
        if (!value.isEmpty() && value.length() < 10 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return JSON.numberNode(Integer.parseInt(value));
        }
        return JSON.textNode(value);
    }

    /** 1/true/yes as true, 0/false/no as false, anything else as the text it is. */
    private static JsonNode flag(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "1", "true", "yes" -> JSON.booleanNode(true);
            case "0", "false", "no" -> JSON.booleanNode(false);
            default -> JSON.textNode(value);
        };
    }

    /** {@code 300,600,3600} as an array of numbers; text that is not such a list stays text. */
    private static JsonNode seconds(String value) {
        ArrayNode list = JSON.arrayNode();
        for (String part : value.split(",")) {
            JsonNode number = number(part.strip());
            if (!number.isNumber()) {
                return JSON.textNode(value);
            }
            list.add(number);
        }
        return list;
    }
}
