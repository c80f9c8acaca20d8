package dev.mqkit.maven.assemble;

import dev.mqkit.maven.io.FileContent;
import dev.mqkit.maven.platform.SharedLibrary;
import dev.mqkit.maven.platform.SystemLibrary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A MailerQ plugin directory: which plugin goes there under which numbered
 * file name ({@code <order>-<artifactId>.so}), in the order MailerQ loads them
 * (byte order of file name, as {@code LC_ALL=C ls}), and the shared libraries
 * the plugins load from {@code lib/} beside them, and a manifest of the libraries the servers must have
 * installed ({@value #SYSTEM_LIBRARIES}). Used by {@code mailerq:assemble}
 * for the directory an operator deploys, and by the goals that run a plugin
 * together with the plugins it depends on.
 */
public final class PluginDirectoryLayout {

    /** How MailerQ sorts plugin files: by the bytes of their names. */
    public static final Comparator<String> BYTE_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    /**
     * One plugin of the directory.
     *
     * @param coordinates where it comes from, groupId:artifactId:version, for messages
     * @param order       two or more digits, the file name prefix
     * @param artifactId  the rest of the file name
     * @param source      the .so to copy
     */
    public record Entry(String coordinates, String order, String artifactId, Path source) {

        public Entry {
            if (order == null || !order.matches("\\d{2,}")) {
                throw new IllegalArgumentException("the order of " + coordinates + " is '" + order
                        + "': it must be two or more digits, e.g. 10");
            }
        }

        /** The name MailerQ sorts the plugin by, e.g. 10-spam-filter.so. */
        public String fileName() {
            return order + "-" + artifactId + ".so";
        }
    }

    /**
     * A shared library of {@code lib/}.
     *
     * @param neededBy the coordinates of the plugin that loads it, for messages
     * @param content  its bytes, the ones {@code library}'s sha256 describes
     */
    public record Library(String neededBy, SharedLibrary library, byte[] content) {
    }

    /** Raised when two plugins, or two libraries, would get the same file name. */
    public static final class ClashException extends IllegalStateException {
        ClashException(String message) {
            super(message);
        }
    }

    /**
     * A library the servers must have installed, and the plugins that need it.
     *
     * @param neededBy the coordinates of the plugins that need it, for the manifest
     */
    public record Required(SystemLibrary library, List<String> neededBy) {
    }

    /** The manifest of the libraries the servers must have, in the plugin directory. */
    public static final String SYSTEM_LIBRARIES = "system-libraries.txt";

    private final List<Entry> entries = new ArrayList<>();
    private final List<Library> libraries = new ArrayList<>();
    private final Map<String, Required> required = new TreeMap<>(BYTE_ORDER);

    public PluginDirectoryLayout add(Entry entry) {
        entries.add(entry);
        return this;
    }

    public PluginDirectoryLayout add(String coordinates, String order, String artifactId, Path source) {
        return add(new Entry(coordinates, order, artifactId, source));
    }

    public PluginDirectoryLayout addLibrary(String neededBy, SharedLibrary library, byte[] content) {
        libraries.add(new Library(neededBy, library, content));
        return this;
    }

    /** Notes that the plugin of {@code neededBy} needs {@code library} installed on the server. */
    public PluginDirectoryLayout addSystemLibrary(String neededBy, SystemLibrary library) {
        Required known = required.get(library.name());
        List<String> plugins = new ArrayList<>(known == null ? List.of() : known.neededBy());
        plugins.add(neededBy);
        // a package named by one plugin's build machine serves all
        SystemLibrary described = known == null || library.debianPackage() != null ? library : known.library();
        required.put(library.name(), new Required(described, List.copyOf(plugins)));
        return this;
    }

    /** The libraries the servers must have installed, by name. */
    public List<Required> systemLibraries() {
        return List.copyOf(required.values());
    }

    /** The text of {@link #SYSTEM_LIBRARIES}: one library a line, with its Debian package and the plugins. */
    public String systemLibrariesText() {
        StringBuilder text = new StringBuilder("# Libraries the MailerQ servers must have installed for these plugins\n"
                + "# library\tDebian package (where the build machine knew it)\tneeded by\n");
        for (Required library : required.values()) {
            text.append(library.library().name()).append('\t')
                    .append(library.library().debianPackage() == null ? "-" : library.library().debianPackage())
                    .append('\t').append(String.join(",", library.neededBy())).append('\n');
        }
        return text.toString();
    }

    /**
     * The same layout with each plugin's entry replaced by {@code choose}'s (a sanitized build of it, say),
     * {@code choose} called in load order; the libraries of {@code lib/} stay as they are.
     */
    public PluginDirectoryLayout withPlugins(UnaryOperator<Entry> choose) {
        PluginDirectoryLayout chosen = new PluginDirectoryLayout();
        // in load order, as entries() gives them, which also reports clashes first
        entries().forEach(entry -> chosen.add(choose.apply(entry)));
        chosen.libraries.addAll(libraries);
        chosen.required.putAll(required);
        return chosen;
    }

    /**
     * The plugins in MailerQ's load order.
     *
     * @throws ClashException naming every pair of plugins that would overwrite each other
     */
    public List<Entry> entries() {
        Map<String, List<Entry>> byName = new LinkedHashMap<>();
        for (Entry entry : entries) {
            byName.computeIfAbsent(entry.fileName(), name -> new ArrayList<>()).add(entry);
        }
        List<String> clashes = new ArrayList<>();
        byName.forEach((name, same) -> {
            if (same.size() > 1) {
                clashes.add(name + " would be " + same.stream().map(Entry::coordinates)
                        .collect(Collectors.joining(" and ")));
            }
        });
        if (!clashes.isEmpty()) {
            throw new ClashException("Two plugins would get the same file name in the plugin directory, "
                    + "and MailerQ would load only one of them: " + String.join("; ", clashes)
                    + ". Give one of them another order, e.g. <orders><artifactId>NN</artifactId></orders> "
                    + "(or <groupId.artifactId> when the artifactIds are the same) in the configuration of "
                    + "mailerq:assemble, or depend on the plugin only once");
        }
        return entries.stream().sorted(Comparator.comparing(Entry::fileName, BYTE_ORDER)).toList();
    }

    /**
     * The libraries of {@code lib/} by file name, each once: plugins that need
     * the same bytes share one copy.
     *
     * @throws ClashException naming the plugins that need other bytes under one name
     */
    public List<Library> libraries() {
        Map<String, List<Library>> byName = new TreeMap<>(BYTE_ORDER);
        for (Library library : libraries) {
            byName.computeIfAbsent(library.library().fileName(), name -> new ArrayList<>()).add(library);
        }
        List<String> clashes = new ArrayList<>();
        byName.forEach((name, same) -> {
            if (same.stream().map(l -> l.library().sha256()).distinct().count() > 1) {
                clashes.add(SharedLibrary.DIRECTORY + "/" + name + " would be " + same.stream()
                        .map(l -> l.library().artifact() + " (for " + l.neededBy() + ")")
                        .collect(Collectors.joining(" and ")));
            }
        });
        if (!clashes.isEmpty()) {
            throw new ClashException("Two plugins need different shared libraries of the same name, and a "
                    + "process loads only one library of a name: " + String.join("; ", clashes)
                    + ". Build the plugins against the same release of the library, or link it statically into "
                    + "one of them (<narLinkage>static</narLinkage>)");
        }
        return byName.values().stream().map(same -> same.get(0)).toList();
    }

    /** The file names in load order. */
    public List<String> fileNames() {
        return entries().stream().map(Entry::fileName).toList();
    }

    /**
     * Makes {@code directory} hold exactly these plugins and libraries: copies
     * each .so under its numbered name and each library into {@code lib/}
     * (only when its bytes changed), and deletes any other {@code *.so} there,
     * since MailerQ would load it too, and any other file of {@code lib/}.
     *
     * @return the plugins of the directory, in load order
     */
    public List<Path> writeTo(Path directory) throws IOException {
        List<Entry> ordered = entries();
        List<Library> shared = libraries();
        Files.createDirectories(directory);
        List<String> names = ordered.stream().map(Entry::fileName).toList();
        try (DirectoryStream<Path> existing = Files.newDirectoryStream(directory, "*.so")) {
            for (Path file : existing) {
                if (!names.contains(file.getFileName().toString())) {
                    Files.delete(file);
                }
            }
        }
        List<Path> written = new ArrayList<>();
        for (Entry entry : ordered) {
            Path target = directory.resolve(entry.fileName());
            FileContent.writeIfChanged(target, Files.readAllBytes(entry.source()));
            setPermissions(target, "rwxr-xr-x");
            written.add(target);
        }
        writeLibraries(directory.resolve(SharedLibrary.DIRECTORY), shared);
        Path manifest = directory.resolve(SYSTEM_LIBRARIES);
        if (required.isEmpty()) {
            Files.deleteIfExists(manifest);
        } else {
            FileContent.writeIfChanged(manifest, systemLibrariesText().getBytes(StandardCharsets.UTF_8));
            setPermissions(manifest, "rw-r--r--");
        }
        return written;
    }

    private static void writeLibraries(Path lib, List<Library> shared) throws IOException {
        List<String> names = shared.stream().map(l -> l.library().fileName()).toList();
        if (Files.isDirectory(lib)) {
            try (DirectoryStream<Path> existing = Files.newDirectoryStream(lib)) {
                for (Path file : existing) {
                    if (Files.isRegularFile(file) && !names.contains(file.getFileName().toString())) {
                        Files.delete(file);
                    }
                }
            }
            if (shared.isEmpty()) {
                try (DirectoryStream<Path> left = Files.newDirectoryStream(lib)) {
                    if (!left.iterator().hasNext()) {
                        Files.delete(lib);
                    }
                }
            }
        }
        for (Library library : shared) {
            Path target = lib.resolve(library.library().fileName());
            FileContent.writeIfChanged(target, library.content());
            setPermissions(target, "rwxr-xr-x");
        }
    }

    /**
     * Gives a file written through a temporary file (created owner-only) the
     * permissions it needs where another user, such as MailerQ's, reads it.
     */
    public static void setPermissions(Path file, String permissions) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        }
    }

    /** The plugins as archive entries under their numbered names, and the libraries under {@code lib/}. */
    public List<PluginArchive.Entry> archiveEntries() throws IOException {
        List<PluginArchive.Entry> archived = new ArrayList<>();
        for (Entry entry : entries()) {
            archived.add(new PluginArchive.Entry(entry.fileName(), Files.readAllBytes(entry.source())));
        }
        for (Library library : libraries()) {
            archived.add(new PluginArchive.Entry(library.library().path(), library.content()));
        }
        return archived;
    }
}
