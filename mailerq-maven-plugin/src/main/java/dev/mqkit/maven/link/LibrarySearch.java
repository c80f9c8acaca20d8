package dev.mqkit.maven.link;

import dev.mqkit.api.elf.ElfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds a needed library the way the dynamic linker does on this machine: in the run path of the object that
 * needs it ({@code $ORIGIN} being that object's folder), then in the loader's cache ({@code ldconfig -p}), then in
 * the default folders; only a file of the needing object's machine and class counts, as the loader skips others.
 */
public final class LibrarySearch {

    private static final List<Path> DEFAULT_DIRECTORIES = List.of(Path.of("/lib64"), Path.of("/usr/lib64"),
            Path.of("/lib"), Path.of("/usr/lib"));

    private final Map<String, List<Path>> cache;
    private final List<Path> defaultDirectories;

    LibrarySearch(Map<String, List<Path>> cache, List<Path> defaultDirectories) {
        this.cache = cache;
        this.defaultDirectories = defaultDirectories;
    }

    /** This machine's loader: its cache as {@code ldconfig -p} lists it, and the default folders. */
    public static LibrarySearch system() {
        return new LibrarySearch(ldconfigCache(), DEFAULT_DIRECTORIES);
    }

    /** Every library of the loader's cache, by name, for a search by symbol. */
    public List<Path> cachedLibraries() {
        return cache.values().stream().flatMap(List::stream).distinct().toList();
    }

    /**
     * The file the loader would load for {@code needed}, a DT_NEEDED entry of {@code object}.
     *
     * @param origin the folder {@code $ORIGIN} stands for: where {@code object} will be when it is loaded
     * @param extra  folders searched after the run path, for libraries that will be there at load time
     */
    public Optional<Path> find(String needed, ElfFile object, Path origin, List<Path> extra) throws IOException {
        if (needed.contains("/")) {
            return Optional.of(Path.of(needed)).filter(file -> fits(file, object));
        }
        List<Path> candidates = new ArrayList<>();
        for (String directory : object.runPath()) {
            String expanded = directory.replace("${ORIGIN}", origin.toString()).replace("$ORIGIN", origin.toString());
            candidates.add(Path.of(expanded).resolve(needed));
        }
        extra.forEach(directory -> candidates.add(directory.resolve(needed)));
        candidates.addAll(cache.getOrDefault(needed, List.of()));
        defaultDirectories.forEach(directory -> candidates.add(directory.resolve(needed)));
        for (Path candidate : candidates) {
            if (fits(candidate, object)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Whether the loader would take {@code file} for {@code object}: an ELF file of the same machine and class. */
    private static boolean fits(Path file, ElfFile object) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            ElfFile library = ElfFile.read(file);
            return library.machine() == object.machine() && library.is64Bit() == object.is64Bit();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** {@code ldconfig -p}: name to paths; empty when there is no ldconfig (then the default folders remain). */
    private static Map<String, List<Path>> ldconfigCache() {
        Map<String, List<Path>> cache = new LinkedHashMap<>();
        String ldconfig = Files.isExecutable(Path.of("/sbin/ldconfig")) ? "/sbin/ldconfig"
                : Files.isExecutable(Path.of("/usr/sbin/ldconfig")) ? "/usr/sbin/ldconfig" : "ldconfig";
        try {
            Process process = new ProcessBuilder(ldconfig, "-p").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            process.waitFor(10, TimeUnit.SECONDS);
            for (String line : output.lines().toList()) {
                // "	libcurl.so.4 (libc6,x86-64) => /lib/x86_64-linux-gnu/libcurl.so.4"
                int arrow = line.indexOf(" => ");
                int space = line.indexOf(' ', 1);
                if (arrow > 0 && space > 0 && line.startsWith("\t")) {
                    cache.computeIfAbsent(line.substring(1, space), name -> new ArrayList<>())
                            .add(Path.of(line.substring(arrow + 4).trim()));
                }
            }
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return cache;
    }
}
