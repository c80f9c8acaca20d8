package dev.mqkit.harness.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The runtime's classes as a class data sharing archive (AppCDS) for one java command and class path: the first
 * runtime started on them writes it as it exits ({@code -XX:ArchiveClassesAtExit}), every later one maps it
 * ({@code -XX:SharedArchiveFile}) and starts faster, as it neither reads nor verifies those classes again. Archives
 * live in {@code $XDG_CACHE_HOME/mqkit/cds} ({@code ~/.cache/mqkit/cds}), one per JDK and class path (its files, sizes
 * and times, which the JVM checks too); one unused for {@link #UNUSED_FOR} is deleted. An archive is written under a
 * name of its own and takes its place only when the runtime exited 0, so that runtimes started at once, or one that
 * was killed while writing, leave no broken archive.
 */
final class ClassDataArchive {

    static final Duration UNUSED_FOR = Duration.ofDays(30);
    private static final String SUFFIX = ".jsa";

    private final Path archive;
    private final Path written;

    private ClassDataArchive(Path archive, Path written) {
        this.archive = archive;
        this.written = written;
    }

    /**
     * The archive for running {@code java} on {@code classpath}; empty when the JVM could not archive it: a
     * directory on the class path (the JVM refuses to start), no JDK class image beside {@code java}, or a
     * cache that cannot be written.
     */
    static Optional<ClassDataArchive> of(Path java, String classpath) {
        return of(cacheDirectory(), java, classpath);
    }

    static Optional<ClassDataArchive> of(Path cache, Path java, String classpath) {
        List<String> entries = List.of(classpath.split(File.pathSeparator));
        if (classpath.isBlank() || entries.stream().anyMatch(entry -> !Files.isRegularFile(Path.of(entry)))) {
            return Optional.empty();
        }
        try {
            Path modules = java.toRealPath().getParent().resolveSibling("lib").resolve("modules");
            if (!Files.isRegularFile(modules)) {
                return Optional.empty();
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(java.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
            digest.update(stamp(modules));
            for (String entry : entries) {
                digest.update(stamp(Path.of(entry)));
            }
            String name = "runtime-" + HexFormat.of().formatHex(digest.digest(), 0, 12);
            Files.createDirectories(cache);
            deleteUnused(cache);
            Path archive = cache.resolve(name + SUFFIX);
            return Optional.of(new ClassDataArchive(archive,
                    cache.resolve(name + "." + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".tmp")));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JVM options: map the archive, or write it at exit when there is none yet. */
    List<String> jvmOptions() {
        // a JDK that cannot map an archive after all starts without it, and says so only in its log
        String quiet = "-Xlog:cds*=off";
        if (Files.isRegularFile(archive)) {
            try {
                Files.setLastModifiedTime(archive, FileTime.from(Instant.now()));
            } catch (IOException e) {
                // only the clean-up of unused archives goes by it
            }
            return List.of("-XX:SharedArchiveFile=" + archive, quiet);
        }
        return List.of("-XX:ArchiveClassesAtExit=" + written, quiet);
    }

    /** Puts an archive the process wrote in its place, if it exited 0; else throws away what it left. */
    void processEnded(int exitCode) {
        try {
            if (exitCode == 0 && Files.isRegularFile(written)) {
                try {
                    Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(written, archive, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.deleteIfExists(written);
        } catch (IOException e) {
            // the next runtime writes one again
        }
    }

    /** The archive file, once there is one. */
    Path file() {
        return archive;
    }

    private static byte[] stamp(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return (file.toAbsolutePath() + "|" + attributes.size() + "|" + attributes.lastModifiedTime().toMillis() + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void deleteUnused(Path cache) throws IOException {
        Instant unused = Instant.now().minus(UNUSED_FOR);
        Instant abandoned = Instant.now().minus(Duration.ofDays(1));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(cache, "runtime-*")) {
            for (Path file : files) {
                Instant modified = Files.getLastModifiedTime(file).toInstant();
                if (file.toString().endsWith(SUFFIX) ? modified.isBefore(unused) : modified.isBefore(abandoned)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static Path cacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("mqkit").resolve("cds");
    }
}
