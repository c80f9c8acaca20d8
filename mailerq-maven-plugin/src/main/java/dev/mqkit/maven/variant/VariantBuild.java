package dev.mqkit.maven.variant;

import dev.mqkit.maven.io.FileContent;
import dev.mqkit.maven.platform.Sha256;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * What a variant build was made with, kept in {@link VariantFiles#marker()}: its flags, the compiler that
 * linked it (which knows the runtimes it needs: the sanitizers', gcov's tool) and the SHA-256 of the plain
 * plugin it goes with, so that a build left from an earlier build of other sources is never taken for this one's.
 *
 * @param flags what {@link BuildVariant#flags()} gave, e.g. {@code -fsanitize=address,undefined}
 */
public record VariantBuild(String flags, String linker, String plainSha256) {

    /** Writes the marker, only when it changed (a no-change build rewrites no file). */
    public void write(Path marker) throws IOException {
        String text = "flags=" + flags + "\nlinker=" + linker + "\nplainSha256=" + plainSha256 + "\n";
        FileContent.writeIfChanged(marker, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The build named {@code variant} beside a plain plugin ({@link VariantFiles#beside}), if there is one that
     * was made from the same build as it.
     */
    public static Optional<VariantBuild> of(Path plainSharedObject, String variant) throws IOException {
        VariantFiles files = VariantFiles.beside(plainSharedObject, variant);
        if (!Files.isRegularFile(files.marker()) || !Files.isRegularFile(files.sharedObject())) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(files.marker(), StandardCharsets.UTF_8)));
        VariantBuild build = new VariantBuild(properties.getProperty("flags", ""),
                properties.getProperty("linker", ""), properties.getProperty("plainSha256", ""));
        return build.plainSha256.equals(Sha256.of(plainSharedObject)) ? Optional.of(build) : Optional.empty();
    }
}
