package dev.mqkit.maven.sanitize;

import dev.mqkit.maven.compile.CompileOutputs;
import java.nio.file.Path;

/**
 * Where the sanitized build of a plugin goes: {@code target/mailerq/sanitize/}, beside and apart from the
 * plain build, so that the plain {@code target/<order>-<artifactId>.so} stays the packaged artifact.
 *
 * @param directory the build's folder
 * @param fileName  the plugin's file name, the same as the plain one's ({@code 20-overflow.so})
 */
public record SanitizedFiles(Path directory, String fileName) {

    /** The sanitized build that goes with the plain plugin {@code target/<order>-<artifactId>.so}. */
    public static SanitizedFiles beside(Path plainSharedObject) {
        return new SanitizedFiles(plainSharedObject.toAbsolutePath().getParent().resolve("mailerq").resolve("sanitize"),
                plainSharedObject.getFileName().toString());
    }

    public Path sharedObject() {
        return directory.resolve(fileName);
    }

    /** Objects, depfiles and recorded command lines, apart from the plain build's so both stay incremental. */
    public Path objectDirectory() {
        return directory.resolve("obj");
    }

    /** What the compiler writes besides the objects; its compilation database is not the IDE's. */
    public CompileOutputs outputs() {
        return new CompileOutputs(directory.resolve("compile_commands.json"), directory.resolve("exports.map"),
                sharedObject(), directory.resolve("link.cmd"));
    }

    /** What the build was sanitized with, and which plain build it goes with. */
    public Path marker() {
        return directory.resolve("sanitized.properties");
    }

    /** The plugin directory the sanitized exercise and tests run. */
    public Path pluginDirectory() {
        return directory.resolve("plugin-directory");
    }

    /** LeakSanitizer's suppressions of the JVM's own allocations. */
    public Path suppressions() {
        return directory.resolve("jvm.supp");
    }
}
