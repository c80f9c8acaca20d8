package dev.mqkit.maven.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemLibraryTest {

    @Test
    void aDescriptorCarriesTheReleaseAndTheSystemLibrariesThereAndBack(@TempDir Path dir) throws IOException {
        PublishedPlugin descriptor = new PublishedPlugin("20-policy.so", "20", Platform.parse("linux-x86_64"), 4,
                "5.13", "ef56", List.of("mq_version"), List.of(),
                List.of(new SystemLibrary("libcurl.so.4", "libcurl4"), new SystemLibrary("libmine.so.1", null)));
        Path file = dir.resolve("x.properties");
        descriptor.write(file);

        assertEquals(descriptor, PublishedPlugin.read(file));
        assertTrue(descriptor.text().contains("apiVersion=4\nmailerqVersion=5.13\n"), descriptor.text());
        assertTrue(descriptor.text().endsWith("""
                hooks=mq_version
                systemLibraries=libcurl.so.4,libmine.so.1
                systemLibrary.libcurl.so.4.debianPackage=libcurl4
                """), descriptor.text());
    }

    @Test
    void anOlderDescriptorNamesNeither(@TempDir Path dir) throws IOException {
        PublishedPlugin older = new PublishedPlugin("20-policy.so", "20", Platform.parse("linux-x86_64"), 1,
                "ef56", List.of("mq_version"), List.of());
        Path file = dir.resolve("x.properties");
        older.write(file);

        PublishedPlugin read = PublishedPlugin.read(file);
        assertEquals(null, read.mailerqVersion());
        assertEquals(List.of(), read.systemLibraries());
    }
}
