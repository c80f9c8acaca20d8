package dev.mqkit.maven.link;

import dev.mqkit.api.elf.ElfFile;
import dev.mqkit.maven.platform.SharedLibrary;
import dev.mqkit.maven.platform.SystemLibrary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The libraries a plugin needs that no plugin artifact brings, so that the MailerQ server must have them installed
 * ({@code libcurl.so.4}), each with the Debian package that provides it on this machine, where {@code dpkg} knows.
 * The C and C++ runtime, which MailerQ itself loads, are left out.
 */
public final class SystemLibraries {

    private static final Pattern RUNTIME = Pattern.compile(
            "(libc|libm|libpthread|libdl|librt|libstdc\\+\\+|libgcc_s)\\.so\\.\\d+|ld-linux.*\\.so\\.\\d+");

    private final LibrarySearch search;

    public SystemLibraries(LibrarySearch search) {
        this.search = search;
    }

    /** The needed libraries of {@code pluginFile} beside {@code brought}, in its DT_NEEDED order. */
    public List<SystemLibrary> of(Path pluginFile, List<SharedLibrary> brought) throws IOException {
        ElfFile plugin = ElfFile.read(pluginFile);
        Set<String> bundled = new LinkedHashSet<>();
        brought.forEach(library -> bundled.add(library.fileName()));
        List<SystemLibrary> libraries = new ArrayList<>();
        for (String needed : plugin.needed()) {
            if (bundled.contains(needed) || RUNTIME.matcher(needed).matches()) {
                continue;
            }
            Optional<Path> file = search.find(needed, plugin, pluginFile.toAbsolutePath().getParent(), List.of());
            libraries.add(new SystemLibrary(needed, file.flatMap(SystemLibraries::debianPackage).orElse(null)));
        }
        return libraries;
    }

    /** The Debian package that installed {@code file}, by its path or, on a merged /usr, the path it resolves to. */
    static Optional<String> debianPackage(Path file) {
        Set<Path> paths = new LinkedHashSet<>();
        paths.add(file.toAbsolutePath());
        if (file.toAbsolutePath().startsWith("/lib")) {
            paths.add(Path.of("/usr").resolve(Path.of("/").relativize(file.toAbsolutePath())));
        }
        try {
            paths.add(file.toRealPath());
        } catch (IOException e) {
            // the path as found will do
        }
        for (Path path : paths) {
            Optional<String> owner = dpkgSearch(path);
            if (owner.isPresent()) {
                return owner;
            }
        }
        return Optional.empty();
    }

    /** {@code dpkg -S}: "libcurl4:amd64: /usr/lib/x86_64-linux-gnu/libcurl.so.4" gives libcurl4. */
    private static Optional<String> dpkgSearch(Path path) {
        try {
            Process process = new ProcessBuilder("dpkg", "-S", path.toString()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            String line = output.lines().findFirst().orElse("");
            int colon = line.indexOf(": ");
            if (colon <= 0) {
                return Optional.empty();
            }
            // the package, without its architecture; a diversion line names several: take the first
            String owner = line.substring(0, colon).split(",")[0].trim();
            return Optional.of(owner.replaceFirst(":[a-z0-9]+$", ""));
        } catch (IOException e) {
            return Optional.empty(); // no dpkg: not a Debian machine
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
