package dev.mqkit.maven.nar;

import dev.mqkit.maven.io.ZipEntries;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipException;

/**
 * What nar-maven-plugin writes into a NAR's main artifact,
 * {@code META-INF/nar/<groupId>/<artifactId>/nar.properties}: which
 * attachments it published ({@code nar.noarch}, {@code nar.static},
 * {@code nar.shared}), the AOLs it built ({@code amd64-Linux-gpp.output=…})
 * and the names of the libraries to link. A key prefixed with an AOL
 * overrides the plain one for that AOL, as nar-maven-plugin reads them.
 */
public final class NarProperties {

    /** The classifier of the attachment with the headers, {@code include/}. */
    public static final String NOARCH = "noarch";

    private static final Pattern AOL_KEY = Pattern.compile("([^.\\s-]+-[^.\\s-]+-[^.\\s-]+)\\..+");

    private final String artifactId;
    private final String version;
    private final Properties properties;

    public NarProperties(String artifactId, String version, Properties properties) {
        this.artifactId = artifactId;
        this.version = version;
        this.properties = properties;
    }

    /** Where the file lies inside the NAR (a zip, or a reactor module's output folder). */
    public static String entryName(String groupId, String artifactId) {
        return "META-INF/nar/" + groupId + "/" + artifactId + "/nar.properties";
    }

    /**
     * Reads the file from the NAR's main artifact.
     *
     * @throws IllegalStateException naming the artifact and the file when it is missing: not a NAR
     */
    public static NarProperties read(Path nar, String groupId, String artifactId, String version) throws IOException {
        String entry = entryName(groupId, artifactId);
        String text = null;
        if (Files.isDirectory(nar)) {
            Path file = nar.resolve(entry);
            text = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : null;
        } else {
            try {
                byte[] bytes = ZipEntries.read(nar, entry);
                text = bytes == null ? null : new String(bytes, StandardCharsets.ISO_8859_1);
            } catch (ZipException notAZip) {
                text = null;
            }
        }
        if (text == null) {
            throw new IllegalStateException(groupId + ":" + artifactId + ":" + version + " is declared with "
                    + "<type>nar</type>, but " + nar + " holds no " + entry + ", which nar-maven-plugin writes into "
                    + "every NAR: depend on it with the type it really has, or publish it with nar-maven-plugin");
        }
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return new NarProperties(artifactId, version, properties);
    }

    /** Whether the NAR published headers ({@code noarch} attachment). */
    public boolean hasHeaders() {
        return property(null, "nar." + NOARCH) != null;
    }

    /**
     * The linkages the NAR published libraries of, {@code preferred} first;
     * empty for a NAR of headers only.
     */
    public List<NarLinkage> linkages(Aol aol, NarLinkage preferred) {
        List<NarLinkage> published = new ArrayList<>();
        for (NarLinkage linkage : List.of(preferred, preferred.other())) {
            if (property(aol, "nar." + linkage.type()) != null) {
                published.add(linkage);
            }
        }
        return published;
    }

    /** The AOLs the NAR names a setting for, sorted: the platforms it was built for. */
    public Set<String> aols() {
        Set<String> aols = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher matcher = AOL_KEY.matcher(key);
            if (matcher.matches()) {
                aols.add(matcher.group(1));
            }
        }
        return aols;
    }

    /** The names to link ({@code greet-1.0} for {@code libgreet-1.0.a}): {@code libs.names}, else {@code output}. */
    public List<String> libraryNames(Aol aol) {
        String names = property(aol, "libs.names");
        if (names == null || names.isBlank()) {
            names = property(aol, "output");
        }
        return names == null || names.isBlank() ? List.of(artifactId + "-" + version) : split(names);
    }

    /** The system libraries the NAR's libraries need, {@code syslibs.names} ({@code pthread:shared, m:shared}), by name. */
    public List<String> systemLibraries(Aol aol) {
        String names = property(aol, "syslibs.names");
        return names == null ? List.of() : split(names).stream().map(name -> name.split(":", 2)[0]).toList();
    }

    private String property(Aol aol, String key) {
        String plain = properties.getProperty(key);
        return aol == null ? plain : properties.getProperty(aol + "." + key, plain);
    }

    /** As nar-maven-plugin splits lists: on commas and spaces. */
    private static List<String> split(String list) {
        return Arrays.stream(list.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }
}
