package dev.mqkit.harness.sanitize;

import java.nio.file.Path;

/**
 * A sanitizer's runtime library, preloaded into the runtime's JVM: sanitized plugins need it loaded before
 * anything else (libasan.so, libubsan.so, liblsan.so of gcc; libclang_rt.asan-x86_64.so and
 * libclang_rt.ubsan_standalone-x86_64.so of clang).
 *
 * @param sanitizer whose runtime it is; clang's AddressSanitizer runtime also serves UndefinedBehaviorSanitizer
 *                  and LeakSanitizer
 * @param library   the shared library, as the compiler that built the plugin names it
 */
public record SanitizerRuntime(Sanitizer sanitizer, Path library) {
}
