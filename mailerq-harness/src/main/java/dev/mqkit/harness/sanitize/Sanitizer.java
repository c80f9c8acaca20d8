package dev.mqkit.harness.sanitize;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A sanitizer plugins can be built and run with: its name in {@code -fsanitize=} and the tool name its reports carry. */
public enum Sanitizer {
    ADDRESS("address", "AddressSanitizer"),
    UNDEFINED("undefined", "UndefinedBehaviorSanitizer"),
    LEAK("leak", "LeakSanitizer");

    private final String flagName;
    private final String tool;

    Sanitizer(String flagName, String tool) {
        this.flagName = flagName;
        this.tool = tool;
    }

    /** As {@code -fsanitize=} and {@code mailerq.sanitize} name it: address, undefined, leak. */
    public String flagName() {
        return flagName;
    }

    /** As its reports name it: AddressSanitizer, UndefinedBehaviorSanitizer, LeakSanitizer. */
    public String tool() {
        return tool;
    }

    /** @throws IllegalArgumentException naming the sanitizers there are */
    public static Sanitizer named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.flagName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + name.trim() + "' is not a sanitizer: use "
                        + Arrays.stream(values()).map(Sanitizer::flagName).collect(Collectors.joining(", "))));
    }
}
