package dev.mqkit.maven.platform;

import dev.mqkit.maven.io.PropertiesFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A shared library a plugin is linked with and loads at run time from
 * {@code lib/} beside it in the plugin directory (its run path is
 * {@code $ORIGIN/lib}), and where a consumer gets the very bytes it was
 * linked with: an entry of a published artifact, such as a NAR attachment.
 *
 * @param fileName its name in {@code lib/}: the name the plugin needs it by (its SONAME, else its file name)
 * @param artifact the artifact that holds it, {@code groupId:artifactId:extension:classifier:version}
 * @param entry    its path inside that artifact, e.g. {@code lib/amd64-Linux-gpp/shared/libgreet-1.0.so}
 * @param sha256   of its bytes
 */
public record SharedLibrary(String fileName, String artifact, String entry, String sha256) {

    /** The folder of the plugin directory that holds the shared libraries of its plugins. */
    public static final String DIRECTORY = "lib";

    /** The run path a plugin is linked with, so that the loader finds its libraries in {@link #DIRECTORY}. */
    public static final String RUN_PATH = "$ORIGIN/" + DIRECTORY;

    public SharedLibrary {
        if (fileName == null || fileName.isEmpty() || fileName.contains("/") || fileName.contains(",")) {
            throw new IllegalArgumentException("'" + fileName + "' cannot be the name of a library in "
                    + DIRECTORY + "/");
        }
    }

    /** Its path in the plugin directory, {@code lib/libgreet-1.0.so}. */
    public String path() {
        return DIRECTORY + "/" + fileName;
    }

    /** The lines that describe {@code libraries} in a descriptor; none when there are none. */
    public static String text(List<SharedLibrary> libraries) {
        if (libraries.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("libraries=");
        text.append(String.join(",", libraries.stream().map(SharedLibrary::fileName).toList())).append('\n');
        for (SharedLibrary library : libraries) {
            String key = "library." + library.fileName() + ".";
            text.append(key).append("artifact=").append(library.artifact()).append('\n')
                    .append(key).append("entry=").append(library.entry()).append('\n')
                    .append(key).append("sha256=").append(library.sha256()).append('\n');
        }
        return text.toString();
    }

    /** The libraries that {@link #text} described. */
    public static List<SharedLibrary> read(Properties properties) {
        String names = properties.getProperty("libraries", "");
        List<SharedLibrary> libraries = new ArrayList<>();
        for (String name : names.isEmpty() ? new String[0] : names.split(",")) {
            String key = "library." + name + ".";
            libraries.add(new SharedLibrary(name, properties.getProperty(key + "artifact"),
                    properties.getProperty(key + "entry"), properties.getProperty(key + "sha256")));
        }
        return libraries;
    }

    /** The libraries described in {@code file}; none when it does not exist. */
    public static List<SharedLibrary> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        return read(PropertiesFile.read(file));
    }
}
