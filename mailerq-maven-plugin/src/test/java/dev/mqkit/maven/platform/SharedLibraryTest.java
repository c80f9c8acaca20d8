package dev.mqkit.maven.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

class SharedLibraryTest {

    private static final SharedLibrary GREET = new SharedLibrary("libgreet-1.0.so",
            "it.nar:greet:nar:amd64-Linux-gpp-shared:1.0", "lib/amd64-Linux-gpp/shared/libgreet-1.0.so", "ab12");
    private static final SharedLibrary LETTERS = new SharedLibrary("libletters.so.1",
            "it.nar:letters:nar:amd64-Linux-gpp-shared:1.0", "lib/amd64-Linux-gpp/shared/libletters-1.0.so", "cd34");

    @Test
    void aDescriptorCarriesItsLibrariesThereAndBack(@TempDir Path dir) throws IOException {
        PublishedPlugin descriptor = new PublishedPlugin("30-x.so", "30", Platform.parse("linux-x86_64"), 1,
                "ef56", List.of("mq_version"), List.of(GREET, LETTERS));
        Path file = dir.resolve("x.properties");
        descriptor.write(file);
        assertEquals(descriptor, PublishedPlugin.read(file));
        assertTrue(descriptor.text().endsWith("""
                hooks=mq_version
                libraries=libgreet-1.0.so,libletters.so.1
                library.libgreet-1.0.so.artifact=it.nar:greet:nar:amd64-Linux-gpp-shared:1.0
                library.libgreet-1.0.so.entry=lib/amd64-Linux-gpp/shared/libgreet-1.0.so
                library.libgreet-1.0.so.sha256=ab12
                library.libletters.so.1.artifact=it.nar:letters:nar:amd64-Linux-gpp-shared:1.0
                library.libletters.so.1.entry=lib/amd64-Linux-gpp/shared/libletters-1.0.so
                library.libletters.so.1.sha256=cd34
                """), descriptor.text());
        assertEquals("lib/libletters.so.1", LETTERS.path());
    }

    @Test
    void aPluginWithoutLibrariesKeepsTheDescriptorItHad(@TempDir Path dir) throws IOException {
        assertEquals("", SharedLibrary.text(List.of()));
        assertEquals(List.of(), SharedLibrary.read(dir.resolve("absent.properties")));
        Path file = Files.writeString(dir.resolve("libraries.properties"), SharedLibrary.text(List.of(GREET)),
                StandardCharsets.UTF_8);
        assertEquals(List.of(GREET), SharedLibrary.read(file));
        assertFalse(new PublishedPlugin("10-x.so", "10", Platform.parse("linux-x86_64"), 1, "ef56",
                List.of("mq_version"), List.of()).text().contains("librar"));
    }

    @Test
    void aNameOutsideLibIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SharedLibrary("../libx.so", "g:a:nar:c:1", "e", "s"));
        assertThrows(IllegalArgumentException.class, () -> new SharedLibrary("", "g:a:nar:c:1", "e", "s"));
    }
}
