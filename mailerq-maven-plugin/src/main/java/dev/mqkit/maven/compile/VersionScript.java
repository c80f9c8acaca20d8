package dev.mqkit.maven.compile;

/**
 * A linker version script that keeps only mq_* in the dynamic symbol table.
 * -fvisibility=hidden alone is not enough for C++: instantiated templates of
 * the standard library keep default visibility and would be exported.
 */
final class VersionScript {

    public static final String EXPORT_HOOKS_ONLY = "{\n  global: mq_*;\n  local: *;\n};\n";

    private VersionScript() {
    }
}
