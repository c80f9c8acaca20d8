package dev.mqkit.maven.assemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

class PluginArchiveTest {

    private static final long MTIME = 1767225600L; // 2026-01-01T00:00:00Z

    private static List<PluginArchive.Entry> entries() {
        byte[] big = new byte[1500];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        return List.of(new PluginArchive.Entry("20-b.so", big),
                new PluginArchive.Entry("10-a.so", "a".getBytes(StandardCharsets.US_ASCII)),
                new PluginArchive.Entry("05-empty.so", new byte[0]));
    }

    @Test
    void entriesAreSortedPaddedAndTheSameBytesEveryTime() throws IOException {
        byte[] first = PluginArchive.tarGz(entries(), MTIME);
        List<PluginArchive.Entry> reversed = new ArrayList<>(entries());
        java.util.Collections.reverse(reversed);
        byte[] second = PluginArchive.tarGz(reversed, MTIME);
        assertArrayEquals(first, second);

        byte[] tar = new GZIPInputStream(new ByteArrayInputStream(first)).readAllBytes();
        assertEquals(0, tar.length % 512);
        List<String> names = new ArrayList<>();
        int offset = 0;
        while (tar[offset] != 0) {
            String name = field(tar, offset, 100);
            long size = Long.parseLong(field(tar, offset + 124, 12), 8);
            assertEquals(MTIME, Long.parseLong(field(tar, offset + 136, 12), 8));
            assertEquals("0000755", field(tar, offset + 100, 8));
            assertEquals("ustar", field(tar, offset + 257, 6));
            long sum = 0;
            for (int i = 0; i < 512; i++) {
                sum += (i >= 148 && i < 156) ? ' ' : tar[offset + i] & 0xff;
            }
            assertEquals(sum, Long.parseLong(field(tar, offset + 148, 7).trim(), 8));
            names.add(name + ":" + size);
            offset += 512 + (int) ((size + 511) / 512 * 512);
        }
        assertEquals(List.of("05-empty.so:0", "10-a.so:1", "20-b.so:1500"), names);
        assertEquals(tar.length, offset + 1024);
    }

    @Test
    void gnuTarUnpacksIt(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("x-plugins.tar.gz");
        Files.write(archive, PluginArchive.tarGz(entries(), MTIME));
        Process list;
        try {
            list = new ProcessBuilder("tar", "-tvzf", archive.toString()).redirectErrorStream(true).start();
        } catch (IOException noTar) {
            assumeTrue(false, "no tar on this machine");
            return;
        }
        String listing = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, list.waitFor(), listing);
        assertEquals(3, listing.lines().count(), listing);
        Path out = Files.createDirectory(dir.resolve("out"));
        Process extract = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", out.toString())
                .redirectErrorStream(true).start();
        String log = new String(extract.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, extract.waitFor(), log);
        assertArrayEquals(entries().get(0).content(), Files.readAllBytes(out.resolve("20-b.so")));
        assertEquals(MTIME * 1000, Files.getLastModifiedTime(out.resolve("10-a.so")).toMillis());
    }

    @Test
    void mtimeComesFromMavensOutputTimestamp() {
        assertEquals(MTIME, PluginArchive.mtimeOf("2026-01-01T00:00:00Z"));
        assertEquals(MTIME, PluginArchive.mtimeOf("2026-01-01T01:00:00+01:00"));
        assertEquals(MTIME, PluginArchive.mtimeOf("1767225600"));
        assertEquals(0, PluginArchive.mtimeOf(null));
        assertEquals(0, PluginArchive.mtimeOf("a"));
        assertThrows(IllegalArgumentException.class, () -> PluginArchive.mtimeOf("yesterday"));
    }

    @Test
    void refusesNamesThatLeaveTheArchiveOrDoNotFit() {
        for (String name : List.of("../b.so", "/b.so", "lib//b.so", "lib/./b.so", "lib/", "", "x".repeat(101))) {
            assertThrows(IllegalArgumentException.class, () -> PluginArchive.header(name, PluginArchive.FILE, 0, 0),
                    name);
        }
    }

    @Test
    void aFolderGetsItsOwnEntryJustBeforeItsFiles(@TempDir Path dir) throws Exception {
        List<PluginArchive.Entry> entries = List.of(new PluginArchive.Entry("lib/libb.so", new byte[] {2}),
                new PluginArchive.Entry("lib0.so", new byte[] {3}),
                new PluginArchive.Entry("lib/liba.so", new byte[] {1}),
                new PluginArchive.Entry("10-a.so", new byte[] {0}));
        byte[] tar = new GZIPInputStream(new ByteArrayInputStream(PluginArchive.tarGz(entries, MTIME))).readAllBytes();
        List<String> names = new ArrayList<>();
        for (int offset = 0; tar[offset] != 0; ) {
            long size = Long.parseLong(field(tar, offset + 124, 12), 8);
            names.add(field(tar, offset, 100) + ":" + (char) tar[offset + 156]);
            offset += 512 + (int) ((size + 511) / 512 * 512);
        }
        // byte order: '/' sorts before '0', so lib/ and its files come before lib0.so
        assertEquals(List.of("10-a.so:0", "lib/:5", "lib/liba.so:0", "lib/libb.so:0", "lib0.so:0"), names);

        Path archive = Files.write(dir.resolve("x-plugins.tar.gz"), PluginArchive.tarGz(entries, MTIME));
        Path out = Files.createDirectory(dir.resolve("out"));
        Process extract;
        try {
            extract = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", out.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException noTar) {
            assumeTrue(false, "no tar on this machine");
            return;
        }
        assertEquals(0, extract.waitFor(), new String(extract.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertArrayEquals(new byte[] {2}, Files.readAllBytes(out.resolve("lib/libb.so")));
    }

    private static String field(byte[] tar, int offset, int length) {
        int end = offset;
        while (end < offset + length && tar[end] != 0) {
            end++;
        }
        return new String(tar, offset, end - offset, StandardCharsets.US_ASCII);
    }
}
