package dev.mqkit.maven.sanitize;

import dev.mqkit.harness.sanitize.Sanitizers;
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
 * What a sanitized build was made with, kept in {@link SanitizedFiles#marker()}: the sanitizers, the
 * compiler that linked it (which knows its runtimes) and the SHA-256 of the plain plugin it goes with, so
 * that a sanitized build left from an earlier build of other sources is never taken for this one's.
 */
public record SanitizedBuild(Sanitizers sanitizers, String linker, String plainSha256) {

    /** Writes the marker, only when it changed (a no-change build rewrites no file). */
    public void write(Path marker) throws IOException {
        String text = "sanitizers=" + sanitizers + "\nlinker=" + linker + "\nplainSha256=" + plainSha256 + "\n";
        FileContent.writeIfChanged(marker, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The sanitized build beside a plain plugin ({@link SanitizedFiles#beside}), if there is one that was
     * made from the same build as it.
     */
    public static Optional<SanitizedBuild> of(Path plainSharedObject) throws IOException {
        SanitizedFiles files = SanitizedFiles.beside(plainSharedObject);
        if (!Files.isRegularFile(files.marker()) || !Files.isRegularFile(files.sharedObject())) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(files.marker(), StandardCharsets.UTF_8)));
        SanitizedBuild build = new SanitizedBuild(Sanitizers.parse(properties.getProperty("sanitizers", "")),
                properties.getProperty("linker", ""), properties.getProperty("plainSha256", ""));
        return build.plainSha256.equals(Sha256.of(plainSharedObject)) ? Optional.of(build) : Optional.empty();
    }
}
