package dev.mqkit.maven.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A shared library a plugin needs that no plugin artifact brings: the MailerQ server must have it installed, as
 * {@code libcurl.so.4} of Debian's {@code libcurl4}.
 *
 * @param name          the name the plugin needs it by (its DT_NEEDED entry)
 * @param debianPackage the Debian package that provided it on the build machine; null where unknown
 */
public record SystemLibrary(String name, String debianPackage) {

    public SystemLibrary {
        if (name == null || name.isEmpty() || name.contains(",") || name.contains("=")) {
            throw new IllegalArgumentException("'" + name + "' cannot be the name of a needed library");
        }
    }

    /** {@code libcurl.so.4 (Debian package libcurl4)}, or the bare name. */
    public String describe() {
        return debianPackage == null ? name : name + " (Debian package " + debianPackage + ")";
    }

    /** The lines that describe {@code libraries} in a descriptor; none when there are none. */
    public static String text(List<SystemLibrary> libraries) {
        if (libraries.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("systemLibraries=");
        text.append(String.join(",", libraries.stream().map(SystemLibrary::name).toList())).append('\n');
        for (SystemLibrary library : libraries) {
            if (library.debianPackage() != null) {
                text.append("systemLibrary.").append(library.name()).append(".debianPackage=")
                        .append(library.debianPackage()).append('\n');
            }
        }
        return text.toString();
    }

    /** The libraries that {@link #text} described. */
    public static List<SystemLibrary> read(Properties properties) {
        String names = properties.getProperty("systemLibraries", "");
        List<SystemLibrary> libraries = new ArrayList<>();
        for (String name : names.isEmpty() ? new String[0] : names.split(",")) {
            libraries.add(new SystemLibrary(name, properties.getProperty("systemLibrary." + name + ".debianPackage")));
        }
        return libraries;
    }
}
