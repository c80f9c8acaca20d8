package dev.mqkit.maven.platform;

import dev.mqkit.maven.io.FileContent;
import dev.mqkit.maven.io.PropertiesFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * What a consumer must know about a published plugin before it puts the .so
 * into a plugin directory: its file name (order), its platform, the API
 * version and the MailerQ release it was built for, the hooks, the shared libraries it loads
 * from {@code lib/}, and those the server must have installed.
 * Attached as {@code <artifactId>-<version>-mailerq-plugin.properties}.
 * Written by hand, not with {@link Properties#store}, so it carries no date and
 * two builds give the same bytes.
 */
public record PublishedPlugin(String fileName, String order, Platform platform, int apiVersion,
                               String mailerqVersion, String sha256, List<String> hooks,
                               List<SharedLibrary> libraries, List<SystemLibrary> systemLibraries) {

    /** A descriptor that names neither the release the plugin was built for nor libraries the server must have. */
    public PublishedPlugin(String fileName, String order, Platform platform, int apiVersion, String sha256,
                           List<String> hooks, List<SharedLibrary> libraries) {
        this(fileName, order, platform, apiVersion, null, sha256, hooks, libraries, List.of());
    }

    /** The classifier of the attached descriptor. */
    public static final String CLASSIFIER = "mailerq-plugin";

    public String text() {
        return "# MailerQ plugin descriptor, written by mailerq-maven-plugin\n"
                + "file=" + fileName + "\n"
                + "order=" + order + "\n"
                + "platform=" + platform.id() + "\n"
                + "apiVersion=" + apiVersion + "\n"
                + (mailerqVersion == null ? "" : "mailerqVersion=" + mailerqVersion + "\n")
                + "sha256=" + sha256 + "\n"
                + "hooks=" + String.join(",", hooks) + "\n"
                + SharedLibrary.text(libraries)
                + SystemLibrary.text(systemLibraries);
    }

    public void write(Path path) throws IOException {
        FileContent.writeIfChanged(path, text().getBytes(StandardCharsets.UTF_8));
    }

    public static PublishedPlugin read(Path path) throws IOException {
        Properties p = PropertiesFile.read(path);
        String hooks = p.getProperty("hooks", "");
        return new PublishedPlugin(p.getProperty("file"), p.getProperty("order"),
                Platform.parse(p.getProperty("platform")), Integer.parseInt(p.getProperty("apiVersion")),
                p.getProperty("mailerqVersion"), p.getProperty("sha256"),
                hooks.isEmpty() ? List.of() : List.of(hooks.split(",")),
                SharedLibrary.read(p), SystemLibrary.read(p));
    }

    /**
     * Refuses a plugin built for another platform, with a message that says
     * what to do instead of letting MailerQ fail on a wrong binary.
     */
    public void requirePlatform(Platform wanted, String coordinates) {
        if (!platform.equals(wanted)) {
            throw new IllegalStateException(coordinates + " is built for " + platform.id() + ", not for "
                    + wanted.id() + ": depend on its " + wanted.id() + " classifier or build it on " + wanted.id());
        }
    }
}
