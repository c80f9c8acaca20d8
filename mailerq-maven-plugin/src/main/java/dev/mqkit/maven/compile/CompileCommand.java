package dev.mqkit.maven.compile;

import java.nio.file.Path;
import java.util.List;

/** One compiler run: a source, its object and depfile, the full command line and where it runs. */
public record CompileCommand(SourceFile source, Path object, Path depFile, Path directory, List<String> arguments) {

    /** Where the command line of the last successful compile is kept, to notice flag changes. */
    public Path recordedCommand() {
        return object.resolveSibling(object.getFileName() + ".cmd");
    }

    /** The command line as one string, for comparison with the recorded one. */
    public String fingerprint() {
        return String.join("\n", arguments) + "\n";
    }
}
