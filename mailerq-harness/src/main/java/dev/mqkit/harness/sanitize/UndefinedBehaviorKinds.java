package dev.mqkit.harness.sanitize;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The name of UndefinedBehaviorSanitizer's check (as clang's runtime prints it in its SUMMARY) from the
 * message of its runtime error, for gcc's runtime, which prints no SUMMARY beside AddressSanitizer.
 */
final class UndefinedBehaviorKinds {

    private static final Map<Pattern, String> KINDS = new LinkedHashMap<>();

    static {
        kind("^(?:signed integer overflow|negation of .* cannot be represented)", "signed-integer-overflow");
        kind("^unsigned integer overflow", "unsigned-integer-overflow");
        kind("^division by zero", "integer-divide-by-zero");
        kind("^shift exponent", "invalid-shift-exponent");
        kind("^left shift of", "invalid-shift-base");
        kind("^index .* out of bounds", "out-of-bounds-index");
        kind("null pointer of type|within null pointer|binding to null pointer", "null-pointer-use");
        kind("^null pointer passed as argument", "invalid-null-argument");
        kind("misaligned address", "misaligned-pointer-use");
        kind("insufficient space for an object", "insufficient-object-size");
        kind("not a valid value for type '(?:_Bool|bool)'", "invalid-bool-load");
        kind("^pointer index expression", "pointer-overflow");
        kind("^execution reached an unreachable program point", "unreachable-call");
    }

    private UndefinedBehaviorKinds() {}

    private static void kind(String message, String kind) {
        KINDS.put(Pattern.compile(message), kind);
    }

    /** The check that reports {@code message} (what follows "runtime error: "); undefined-behavior if unknown. */
    static String of(String message) {
        return KINDS.entrySet().stream().filter(entry -> entry.getKey().matcher(message).find())
                .map(Map.Entry::getValue).findFirst().orElse("undefined-behavior");
    }
}
