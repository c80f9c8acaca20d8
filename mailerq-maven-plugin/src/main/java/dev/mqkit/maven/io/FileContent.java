package dev.mqkit.maven.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * Writes generated files only when their bytes change: an unchanged file keeps
 * its timestamp, so it triggers no recompile, relink or IDE reload.
 */
public final class FileContent {

    private FileContent() {
    }

    /** Writes {@code bytes} to {@code file} atomically unless it already holds them; returns whether it wrote. */
    public static boolean writeIfChanged(Path file, byte[] bytes) throws IOException {
        if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
            return false;
        }
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.write(temporary, bytes);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return true;
    }
}
