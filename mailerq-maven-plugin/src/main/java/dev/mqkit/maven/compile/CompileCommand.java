package dev.mqkit.maven.compile;

import java.nio.file.Path;
import java.util.List;

/** One compiler run: a source, its object and depfile, the full command line and where it runs. */
public record CompileCommand(SourceFile source, Path object, Path depFile, Path directory, List<String> arguments) {

    /** The command line of the last successful compile, to notice flag changes. */
    RecordedCommand recordedCommand() {
        return new RecordedCommand(object.resolveSibling(object.getFileName() + ".cmd"));
    }
}
