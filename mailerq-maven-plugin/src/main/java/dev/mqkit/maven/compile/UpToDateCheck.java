package dev.mqkit.maven.compile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collection;
import java.util.List;

/**
 * Decides what needs to run again. An output is current when it exists, was
 * made by the same command line, and is newer than each of its inputs: for an
 * object, the source and every header its depfile lists; for the plugin, the
 * objects, the version script and the libraries it links.
 */
final class UpToDateCheck {

    private UpToDateCheck() {
    }

    static boolean isCurrent(CompileCommand command) {
        try {
            if (!Files.exists(command.depFile())) {
                return false;
            }
            String rule = Files.readString(command.depFile(), StandardCharsets.UTF_8);
            List<Path> inputs = DepFile.prerequisites(rule, command.directory());
            return !inputs.isEmpty()
                    && isCurrent(command.object(), command.recordedCommand(), command.arguments(), inputs);
        } catch (IOException e) {
            return false; // unreadable state: compile again
        }
    }

    static boolean isCurrent(Path output, RecordedCommand recorded, List<String> arguments, Collection<Path> inputs) {
        try {
            if (!Files.exists(output) || !recorded.matches(arguments)) {
                return false;
            }
            FileTime built = Files.getLastModifiedTime(output);
            for (Path input : inputs) {
                if (!Files.exists(input) || Files.getLastModifiedTime(input).compareTo(built) > 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false; // unreadable state: run again
        }
    }
}
