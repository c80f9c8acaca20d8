package dev.mqkit.maven.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipOutputStream;

class ZipEntriesTest {

    @TempDir
    Path dir;

    private Path zip(Map<String, String> entries) throws IOException {
        Path zip = dir.resolve("x.nar");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream archive = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                archive.putNextEntry(new ZipEntry(entry.getKey()));
                archive.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return zip;
    }

    @Test
    void unpacksOneFolderKeepsUnchangedFilesAndDeletesWhatTheArchiveDropped() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("include/", "");
        entries.put("include/a/a.h", "a");
        entries.put("include/b.h", "b");
        entries.put("include/../../escape.h", "out");
        entries.put("lib/libx.a", "x");
        Path target = dir.resolve("unpacked");
        assertEquals(List.of(target.resolve("include/a/a.h"), target.resolve("include/b.h")),
                ZipEntries.unpack(zip(entries), "include/", target));
        assertFalse(Files.exists(dir.resolve("escape.h")));
        assertFalse(Files.exists(target.resolve("lib")));

        FileTime before = FileTime.fromMillis(1_000_000_000L);
        Files.setLastModifiedTime(target.resolve("include/a/a.h"), before);
        entries.remove("include/b.h");
        ZipEntries.unpack(zip(entries), "include/", target);
        assertEquals(before, Files.getLastModifiedTime(target.resolve("include/a/a.h")));
        assertFalse(Files.exists(target.resolve("include/b.h")));
    }

    @Test
    void readsOneEntryOrNull() throws IOException {
        Path zip = zip(Map.of("lib/libx.so", "x"));
        assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), ZipEntries.read(zip, "lib/libx.so"));
        assertNull(ZipEntries.read(zip, "lib/liby.so"));
        Path notAZip = Files.writeString(dir.resolve("plain.txt"), "text");
        assertThrows(ZipException.class, () -> ZipEntries.read(notAZip, "x"));
    }
}
