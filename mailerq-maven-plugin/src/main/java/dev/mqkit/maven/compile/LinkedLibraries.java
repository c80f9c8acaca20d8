package dev.mqkit.maven.compile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Libraries of the plugin's dependencies that the plugin is linked with, as
 * files (NAR libraries, for instance); a change to any of them relinks it.
 *
 * @param archives        static libraries ({@code .a}), linked in, in order: a library before the ones it uses
 * @param sharedObjects   shared libraries, which the plugin will load from {@code runPath} at run time
 * @param systemLibraries what the archives need from the system, linked by name ({@code pthread})
 * @param runPath         where the loader looks for {@code sharedObjects}, e.g. {@code $ORIGIN/lib}
 */
public record LinkedLibraries(List<Path> archives, List<Path> sharedObjects, List<String> systemLibraries,
                              String runPath) {

    public static final LinkedLibraries NONE = new LinkedLibraries(List.of(), List.of(), List.of(), null);

    /** The files whose change makes the plugin stale. */
    public List<Path> files() {
        List<Path> files = new ArrayList<>(archives);
        files.addAll(sharedObjects);
        return files;
    }
}
