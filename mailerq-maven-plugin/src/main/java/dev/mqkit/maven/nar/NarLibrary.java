package dev.mqkit.maven.nar;

import java.nio.file.Path;
import java.util.List;

/**
 * What one NAR dependency gives a plugin's build for one AOL: its headers,
 * and the libraries of the attachment it is linked with.
 *
 * @param coordinates      groupId:artifactId:version, for messages
 * @param includeDirectory its unpacked {@code include/}, or null when it published no headers
 * @param linkage          how its libraries are linked, or null for a NAR of headers only
 * @param attachment       the coordinates of the attachment linked with
 *                         ({@code groupId:artifactId:nar:amd64-Linux-gpp-static:version}), or null
 * @param unpacked         where that attachment's {@code lib/} was unpacked
 * @param entries          the libraries' names inside the attachment ({@code lib/amd64-Linux-gpp/static/libgreet-1.0.a})
 * @param systemLibraries  the system libraries they need, to link by name
 */
public record NarLibrary(String coordinates, Path includeDirectory, NarLinkage linkage, String attachment,
                         Path unpacked, List<String> entries, List<String> systemLibraries) {

    /** The unpacked library files, to link. */
    public List<Path> files() {
        return entries.stream().map(unpacked::resolve).toList();
    }

    /** For the build log, e.g. {@code headers, libgreet-1.0.a linked in (amd64-Linux-gpp-static)}. */
    public String summary(Aol aol) {
        String headers = includeDirectory != null ? "headers" : "no headers";
        if (linkage == null) {
            return headers + ", no library";
        }
        return headers + ", " + String.join(", ", files().stream().map(f -> f.getFileName().toString()).toList())
                + (linkage == NarLinkage.STATIC ? " linked in" : " loaded from lib/") + " (" + aol.classifier(linkage)
                + ")";
    }
}
