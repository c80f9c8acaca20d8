package dev.mqkit.maven.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a file in lower-case hex: what {@link PublishedPlugin}
 * records for the .so and its shared libraries at packaging, and what a
 * consumer compares them with.
 */
public final class Sha256 {

    private Sha256() {
    }

    public static String of(Path file) throws IOException {
        return of(Files.readAllBytes(file));
    }

    public static String of(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
