package dev.mqkit.harness.sanitize;

import dev.mqkit.api.ReleaseApi;

/** What to do about what a sanitizer found, by the kind its report names, in the played release's words. */
final class Remedy {

    private Remedy() {}

    static String of(String kind, ReleaseApi api) {
        if (kind.endsWith("buffer-overflow") || kind.endsWith("buffer-underflow")) {
            return "keep every read and write inside the block: allocate room for all you write (the terminating "
                    + "NUL too) and check indexes against its size";
        }
        return switch (kind) {
            case "heap-use-after-free" -> "do not touch memory after freeing it: free it last, and clear what "
                    + "still points to it (e.g. " + api.name("MQ_SetSmtpData") + "(connection, NULL))";
            case "double-free" -> "free it once, and clear the pointer that still refers to it";
            case "bad-free", "alloc-dealloc-mismatch", "new-delete-type-mismatch" -> "free only what was "
                    + "allocated, with the function that matches (free for malloc, delete for new, delete[] for new[])";
            case "stack-use-after-return", "stack-use-after-scope" -> "do not keep pointers to a function's local "
                    + "variables once it returned or their block ended";
            case "leak" -> "free it when done with it: what a connection needs in mq_smtp_in_close, what a worker "
                    + "needs in mq_context_cleanup, the plugin's own in mq_cleanup";
            case "signed-integer-overflow" -> "compute in a wider type (int64_t) or check the operands before the "
                    + "operation";
            case "invalid-shift-exponent", "invalid-shift-base" -> "shift non-negative values, by less than the "
                    + "type's width";
            case "integer-divide-by-zero" -> "check the divisor first";
            case "out-of-bounds-index" -> "check the index against the array's length";
            case "null-pointer-use", "invalid-null-argument" -> "check the pointer for NULL before using it";
            case "misaligned-pointer-use" -> "copy the bytes with memcpy instead of casting the pointer";
            default -> "see the full report";
        };
    }
}
