package dev.mqkit.maven.assemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.maven.platform.Sha256;
import dev.mqkit.maven.platform.SharedLibrary;
import dev.mqkit.maven.platform.SystemLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

class PluginDirectoryLayoutTest {

    @TempDir
    Path dir;

    private Path so(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void namesFilesByOrderAndArtifactIdInMailerqsLoadOrder() throws IOException {
        PluginDirectoryLayout layout = new PluginDirectoryLayout()
                .add("g:own:1", "50", "own", so("50-own.so", "own"))
                .add("g:spam-filter:1", "10", "spam-filter", so("a.so", "spam"))
                .add("g:dkim:2", "100", "dkim", so("b.so", "dkim"))
                .add("g:Zeta:1", "10", "Zeta", so("c.so", "zeta"));
        // byte order, as LC_ALL=C ls: "100-" before "50-", upper case before lower case
        assertEquals(List.of("10-Zeta.so", "10-spam-filter.so", "100-dkim.so", "50-own.so"), layout.fileNames());
    }

    @Test
    void writesTheDirectoryAndDeletesStalePlugins() throws IOException {
        Path target = dir.resolve("plugin-directory");
        Files.createDirectories(target);
        Files.writeString(target.resolve("30-old.so"), "old");
        Files.writeString(target.resolve("README"), "kept");
        PluginDirectoryLayout layout = new PluginDirectoryLayout()
                .add("g:b:1", "20", "b", so("b.so", "bbb"))
                .add("g:a:1", "10", "a", so("a.so", "aaa"));

        List<Path> written = layout.writeTo(target);

        assertEquals(List.of(target.resolve("10-a.so"), target.resolve("20-b.so")), written);
        assertEquals("aaa", Files.readString(target.resolve("10-a.so")));
        assertFalse(Files.exists(target.resolve("30-old.so")));
        assertTrue(Files.exists(target.resolve("README")));
        assertEquals("rwxr-xr-x", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(target.resolve("20-b.so"))));

        // unchanged plugins are not rewritten
        FileTime before = FileTime.fromMillis(1_000_000_000L);
        Files.setLastModifiedTime(target.resolve("10-a.so"), before);
        layout.writeTo(target);
        assertEquals(before, Files.getLastModifiedTime(target.resolve("10-a.so")));

        List<PluginArchive.Entry> archived = layout.archiveEntries();
        assertEquals("10-a.so", archived.get(0).name());
        assertArrayEquals("bbb".getBytes(), archived.get(1).content());
    }

    @Test
    void twoPluginsWithTheSameFileNameAreNamedInTheError() throws IOException {
        PluginDirectoryLayout layout = new PluginDirectoryLayout()
                .add("com.a:filter:1.0", "10", "filter", so("a.so", "a"))
                .add("com.b:filter:2.0", "10", "filter", so("b.so", "b"))
                .add("com.c:other:1.0", "20", "other", so("c.so", "c"));
        PluginDirectoryLayout.ClashException e = assertThrows(PluginDirectoryLayout.ClashException.class,
                () -> layout.writeTo(dir.resolve("out")));
        assertTrue(e.getMessage().contains("10-filter.so would be com.a:filter:1.0 and com.b:filter:2.0"),
                e.getMessage());
        assertTrue(e.getMessage().contains("<orders>"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    private static SharedLibrary library(String name, String artifact, byte[] content) {
        return new SharedLibrary(name, artifact, "lib/amd64-Linux-gpp/shared/" + name, Sha256.of(content));
    }

    @Test
    void writesTheLibrariesIntoLibOnceAndDeletesStaleOnes() throws IOException {
        Path target = dir.resolve("plugin-directory");
        Files.createDirectories(target.resolve("lib"));
        Files.writeString(target.resolve("lib/libold.so"), "old");
        byte[] greet = "greet".getBytes();
        SharedLibrary shared = library("libgreet-1.0.so", "it:greet:nar:amd64-Linux-gpp-shared:1.0", greet);
        PluginDirectoryLayout layout = new PluginDirectoryLayout()
                .add("g:a:1", "10", "a", so("a.so", "aaa"))
                .add("g:b:1", "20", "b", so("b.so", "bbb"))
                .addLibrary("g:a:1", shared, greet)
                .addLibrary("g:b:1", shared, greet);

        assertEquals(List.of(target.resolve("10-a.so"), target.resolve("20-b.so")), layout.writeTo(target));

        assertEquals(List.of("libgreet-1.0.so"), List.of(target.resolve("lib").toFile().list()));
        assertArrayEquals(greet, Files.readAllBytes(target.resolve("lib/libgreet-1.0.so")));
        assertEquals(List.of("10-a.so", "20-b.so", "lib/libgreet-1.0.so"),
                layout.archiveEntries().stream().map(PluginArchive.Entry::name).toList());

        new PluginDirectoryLayout().add("g:a:1", "10", "a", so("a.so", "aaa")).writeTo(target);
        assertFalse(Files.exists(target.resolve("lib")), "no library left, so no lib/");
    }

    @Test
    void withPluginsReplacesThePluginsAndKeepsTheLibraries() throws IOException {
        byte[] greet = "greet".getBytes();
        Path sanitized = so("a-sanitized.so", "asan");
        List<String> asked = new java.util.ArrayList<>();
        PluginDirectoryLayout layout = new PluginDirectoryLayout()
                .add("g:b:1", "20", "b", so("b.so", "bbb"))
                .add("g:a:1", "10", "a", so("a.so", "aaa"))
                .addLibrary("g:a:1", library("libgreet-1.0.so", "it:greet:nar:amd64-Linux-gpp-shared:1.0", greet), greet)
                .withPlugins(entry -> {
                    asked.add(entry.fileName());
                    return entry.artifactId().equals("a")
                            ? new PluginDirectoryLayout.Entry(entry.coordinates(), entry.order(), entry.artifactId(), sanitized)
                            : entry;
                });
        Path target = dir.resolve("chosen");

        assertEquals(List.of("10-a.so", "20-b.so"), asked, "asked in load order");
        assertEquals(List.of(target.resolve("10-a.so"), target.resolve("20-b.so")), layout.writeTo(target));
        assertEquals("asan", Files.readString(target.resolve("10-a.so")));
        assertArrayEquals(greet, Files.readAllBytes(target.resolve("lib/libgreet-1.0.so")));
    }

    @Test
    void twoLibrariesOfOneNameWithOtherBytesAreNamedInTheError() throws IOException {
        PluginDirectoryLayout layout = new PluginDirectoryLayout()
                .add("g:a:1", "10", "a", so("a.so", "aaa"))
                .add("g:b:1", "20", "b", so("b.so", "bbb"))
                .addLibrary("g:a:1", library("libgreet.so", "it:greet:nar:x-shared:1.0", new byte[] {1}), new byte[] {1})
                .addLibrary("g:b:1", library("libgreet.so", "it:greet:nar:x-shared:1.1", new byte[] {2}), new byte[] {2});
        PluginDirectoryLayout.ClashException e = assertThrows(PluginDirectoryLayout.ClashException.class,
                () -> layout.writeTo(dir.resolve("out")));
        assertTrue(e.getMessage().contains("lib/libgreet.so would be it:greet:nar:x-shared:1.0 (for g:a:1) and "
                + "it:greet:nar:x-shared:1.1 (for g:b:1)"), e.getMessage());
        assertTrue(e.getMessage().contains("<narLinkage>static</narLinkage>"), e.getMessage());
    }

    @Test
    void refusesAnOrderThatIsNotTwoDigits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PluginDirectoryLayout.Entry("g:a:1", "5", "a", dir));
        assertTrue(e.getMessage().contains("g:a:1"), e.getMessage());
    }

    @Test
    void writesTheSystemLibrariesTheServersMustHaveOnceEach() throws IOException {
        Path target = dir.resolve("plugin-directory");
        PluginDirectoryLayout layout = new PluginDirectoryLayout()
                .add("g:a:1", "10", "a", so("a.so", "a"))
                .add("g:b:1", "20", "b", so("b.so", "b"))
                .addSystemLibrary("g:a:1", new SystemLibrary("libcurl.so.4", null))
                .addSystemLibrary("g:b:1", new SystemLibrary("libcurl.so.4", "libcurl4"))
                .addSystemLibrary("g:b:1", new SystemLibrary("libjson-c.so.5", "libjson-c5"));

        layout.writeTo(target);

        assertEquals(List.of("libcurl.so.4\tlibcurl4\tg:a:1,g:b:1", "libjson-c.so.5\tlibjson-c5\tg:b:1"),
                Files.readAllLines(target.resolve(PluginDirectoryLayout.SYSTEM_LIBRARIES)).stream()
                        .filter(line -> !line.startsWith("#")).toList());
        new PluginDirectoryLayout().add("g:a:1", "10", "a", so("a.so", "a")).writeTo(target);
        assertFalse(Files.exists(target.resolve(PluginDirectoryLayout.SYSTEM_LIBRARIES)));
    }
}
