package dev.mqkit.maven.nar;

import dev.mqkit.api.elf.ElfFile;
import dev.mqkit.maven.compile.LinkedLibraries;
import dev.mqkit.maven.platform.Sha256;
import dev.mqkit.maven.platform.SharedLibrary;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a plugin's NAR dependencies give its build, in the order Maven
 * resolved them (a NAR before the NARs it uses): include directories for the
 * compiler, libraries for the linker, and the shared libraries for its
 * descriptor.
 */
public record NarLibraries(List<NarLibrary> libraries) {

    public static final NarLibraries NONE = new NarLibraries(List.of());

    public List<Path> includeDirectories() {
        return libraries.stream().map(NarLibrary::includeDirectory).filter(Objects::nonNull).toList();
    }

    /** The libraries to link, shared ones found at run time in the plugin directory's {@code lib/}. */
    public LinkedLibraries linked() {
        if (libraries.isEmpty()) {
            return LinkedLibraries.NONE;
        }
        List<Path> archives = new ArrayList<>();
        List<Path> sharedObjects = new ArrayList<>();
        Set<String> systemLibraries = new LinkedHashSet<>();
        for (NarLibrary nar : libraries) {
            if (nar.linkage() != null) {
                (nar.linkage() == NarLinkage.STATIC ? archives : sharedObjects).addAll(nar.files());
                systemLibraries.addAll(nar.systemLibraries());
            }
        }
        return new LinkedLibraries(archives, sharedObjects, List.copyOf(systemLibraries), SharedLibrary.RUN_PATH);
    }

    /** The shared libraries the plugin loads, under the names it needs them by (their SONAMEs, else file names). */
    public List<SharedLibrary> sharedLibraries() throws IOException {
        List<SharedLibrary> shared = new ArrayList<>();
        for (NarLibrary nar : libraries) {
            if (nar.linkage() == NarLinkage.SHARED) {
                for (String entry : nar.entries()) {
                    Path file = nar.unpacked().resolve(entry);
                    String soname = ElfFile.read(file).soname();
                    shared.add(new SharedLibrary(soname != null ? soname : file.getFileName().toString(),
                            nar.attachment(), entry, Sha256.of(file)));
                }
            }
        }
        return shared;
    }
}
