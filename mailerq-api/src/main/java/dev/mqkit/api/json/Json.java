package dev.mqkit.api.json;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one JSON mapper of mqkit: the runtime's messages, its control channel, hook trace and crash log, and the
 * harness that reads them all use it, so that they write and read JSON alike (thread-safe once configured).
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}
}
