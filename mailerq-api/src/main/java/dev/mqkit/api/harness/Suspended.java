package dev.mqkit.api.harness;

/**
 * A hook call whose plugin took control and has not handed back yet, as the control channel's
 * {@code GET /suspended} lists it; {@code description} says it in a sentence.
 */
public record Suspended(String plugin, String hook, int worker, long millis, String description) {
    @Override
    public String toString() {
        return description;
    }
}
