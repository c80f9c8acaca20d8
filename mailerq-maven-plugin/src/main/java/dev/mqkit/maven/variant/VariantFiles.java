package dev.mqkit.maven.variant;

import dev.mqkit.maven.compile.CompileOutputs;
import java.nio.file.Path;

/**
 * Where a {@link BuildVariant} of a plugin goes: {@code target/mailerq/<variant>/}, beside and apart from the
 * plain build, so that the plain {@code target/<order>-<artifactId>.so} stays the packaged artifact.
 *
 * @param directory the build's folder
 * @param fileName  the plugin's file name, the same as the plain one's ({@code 20-overflow.so})
 */
public record VariantFiles(Path directory, String fileName) {

    /** The build named {@code variant} that goes with the plain plugin {@code target/<order>-<artifactId>.so}. */
    public static VariantFiles beside(Path plainSharedObject, String variant) {
        return new VariantFiles(plainSharedObject.toAbsolutePath().getParent().resolve("mailerq").resolve(variant),
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

    /** What the build was made with, and which plain build it goes with. */
    public Path marker() {
        return directory.resolve("build.properties");
    }

    /** The plugin directory the exercise and tests run on this build. */
    public Path pluginDirectory() {
        return directory.resolve("plugin-directory");
    }
}
