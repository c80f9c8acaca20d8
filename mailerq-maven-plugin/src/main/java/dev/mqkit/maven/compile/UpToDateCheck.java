package dev.mqkit.maven.compile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collection;
import java.util.List;

/**
 * Decides what needs to run again. An object is current when it exists, was
 * made by the same command line, and is newer than the source and every
 * header its depfile lists; a plugin is current when it was linked by the
 * same command line after its newest object.
 */
final class UpToDateCheck {

    private UpToDateCheck() {
    }

    public static boolean isCurrent(CompileCommand command) {
        try {
            if (!Files.exists(command.object()) || !Files.exists(command.depFile())
                    || !sameCommand(command.recordedCommand(), command.fingerprint())) {
                return false;
            }
            FileTime built = Files.getLastModifiedTime(command.object());
            String rule = Files.readString(command.depFile(), StandardCharsets.UTF_8);
            List<Path> inputs = DepFile.prerequisites(rule, command.directory());
            if (inputs.isEmpty()) {
                return false;
            }
            for (Path input : inputs) {
                if (!Files.exists(input) || Files.getLastModifiedTime(input).compareTo(built) > 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false; // unreadable state: compile again
        }
    }

    public static boolean isCurrent(Path output, Path recordedCommand, String fingerprint, Collection<Path> inputs) {
        try {
            if (!Files.exists(output) || !sameCommand(recordedCommand, fingerprint)) {
                return false;
            }
            FileTime built = Files.getLastModifiedTime(output);
            for (Path input : inputs) {
                if (Files.getLastModifiedTime(input).compareTo(built) > 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean sameCommand(Path recorded, String fingerprint) throws IOException {
        return Files.exists(recorded) && Files.readString(recorded, StandardCharsets.UTF_8).equals(fingerprint);
    }
}
