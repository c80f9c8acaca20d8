package dev.mqkit.harness.sanitize;

import java.util.List;

/**
 * One report of a sanitizer: an AddressSanitizer error, an UndefinedBehaviorSanitizer runtime error, or one
 * leak of a LeakSanitizer report.
 *
 * @param sanitizer whose report it is
 * @param kind      what it found: {@code heap-buffer-overflow}, {@code heap-use-after-free}, {@code double-free},
 *                  {@code signed-integer-overflow}, {@code leak} (a direct leak), {@code indirect-leak}, …
 * @param headline  the sentence that says what happened, e.g. {@code WRITE of size 1},
 *                  {@code runtime error: signed integer overflow: …}, {@code 100 byte(s) in 1 object(s)}
 * @param details   what it says about the memory, e.g. {@code 0 bytes to the right of 24-byte region}
 * @param stacks    the stacks, the one where it happened first (for a leak: where the memory was allocated)
 */
public record SanitizerReport(Sanitizer sanitizer, String kind, String headline, List<String> details,
                              List<Stack> stacks) {

    /** A stack of a report and what it is, e.g. {@code freed by thread T17 here:}. */
    public record Stack(String title, List<StackFrame> frames) {
    }

    /** Whether the sanitizer stopped the process with it (every report but a leak). */
    public boolean fatal() {
        return sanitizer != Sanitizer.LEAK;
    }

    /** The stack where it happened, or where the leaked memory was allocated; empty when none was printed. */
    public List<StackFrame> primaryStack() {
        return stacks.isEmpty() ? List.of() : stacks.get(0).frames();
    }
}
