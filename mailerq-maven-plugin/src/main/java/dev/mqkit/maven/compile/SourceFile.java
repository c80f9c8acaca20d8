package dev.mqkit.maven.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A source to compile, with the name of its object relative to the object
 * directory (the source's path below its root, so equal names in different
 * folders do not collide).
 */
public record SourceFile(Path path, Language language, String objectName) {

    /**
     * Every source of {@code language} below {@code root}, sorted by path so
     * that objects are linked in the same order on every machine.
     */
    public static List<SourceFile> scan(Path root, Language language, String objectPrefix) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            List<SourceFile> sources = new ArrayList<>();
            files.filter(Files::isRegularFile).filter(language::accepts)
                    .sorted(Comparator.comparing(p -> root.relativize(p).toString()))
                    .forEach(p -> sources.add(new SourceFile(p.toAbsolutePath().normalize(), language,
                            objectPrefix + "/" + root.relativize(p).toString().replace('\\', '/') + ".o")));
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the sources in " + root, e);
        }
    }

    /** "1 source", "3 sources": for messages. */
    public static String count(int sources) {
        return sources + (sources == 1 ? " source" : " sources");
    }
}
