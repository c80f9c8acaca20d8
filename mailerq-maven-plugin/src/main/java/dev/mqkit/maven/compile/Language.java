package dev.mqkit.maven.compile;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The two languages a plugin may be written in, and what differs between them. */
public enum Language {
    // an undeclared function or a pointer cut to int is an error, as from GCC 14: an implicit int return
    // truncates the pointer strdup gives, and the plugin crashes far from the cause
    C(List.of(".c"), List.of("-Werror=implicit-function-declaration", "-Werror=int-conversion")),
    CXX(List.of(".cpp", ".cc", ".cxx", ".c++"), List.of("-fvisibility-inlines-hidden"));

    private final List<String> extensions;
    private final List<String> requiredFlags;

    Language(List<String> extensions, List<String> requiredFlags) {
        this.extensions = extensions;
        this.requiredFlags = requiredFlags;
    }

    /**
     * Flags beyond -fPIC -fvisibility=hidden: those that keep the plugin's exports to MQ_EXPORT, and for C
     * those that refuse what GCC 14 refuses.
     */
    public List<String> requiredFlags() {
        return requiredFlags;
    }

    public boolean accepts(Path file) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        // foo.C (capital) is C++ by gcc's convention
        if (this == CXX && name.endsWith(".C")) {
            return true;
        }
        return extensions.stream().anyMatch(ext -> lower.endsWith(ext) && (this != C || name.endsWith(".c")));
    }
}
