package dev.mqkit.maven.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Reads entries of a zip (a jar, a NAR): one of them, or a folder of them unpacked. */
public final class ZipEntries {

    private ZipEntries() {
    }

    /** The bytes of one entry, or null when the archive has none of that name. */
    public static byte[] read(Path archive, String name) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            ZipEntry entry = zip.getEntry(name);
            if (entry == null) {
                return null;
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return in.readAllBytes();
            }
        }
    }

    /**
     * Unpacks one folder of the archive under {@code target}, keeping the
     * folder's own name ({@code include/x.h} becomes {@code <target>/include/x.h}).
     * Files whose bytes did not change keep their timestamps, so they trigger
     * no recompile or relink; files the archive no longer holds are deleted,
     * so a header or library dropped upstream is not found any more.
     *
     * @param folder a folder of the archive, with its trailing slash: {@code include/}
     * @return the files unpacked, empty when the archive has no such folder
     * @throws java.util.zip.ZipException when {@code archive} is not a zip
     */
    public static List<Path> unpack(Path archive, String folder, Path target) throws IOException {
        Set<Path> written = new HashSet<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                String name = entry.getName();
                if (!name.startsWith(folder) || entry.isDirectory()) {
                    continue;
                }
                Path out = target.resolve(name).normalize();
                if (!out.startsWith(target)) {
                    continue; // an entry that would escape the folder ("../")
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    FileContent.writeIfChanged(out, in.readAllBytes());
                }
                written.add(out);
            }
        }
        deleteAllBut(target.resolve(folder), written);
        return written.stream().sorted().toList();
    }

    private static void deleteAllBut(Path directory, Set<Path> kept) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).filter(file -> !kept.contains(file)).toList()) {
                Files.delete(file);
            }
        }
    }
}
