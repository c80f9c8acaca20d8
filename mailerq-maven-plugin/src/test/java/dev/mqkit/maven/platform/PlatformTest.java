package dev.mqkit.maven.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

class PlatformTest {

    @Test
    void parsesOsAndArch() {
        assertEquals(new Platform("linux", "x86_64"), Platform.parse("linux-x86_64"));
        assertThrows(IllegalArgumentException.class, () -> Platform.parse("linux"));
    }

    @Test
    void theRunningMachineUsesTheSameArchNames() {
        if (System.getProperty("os.arch").equals("amd64")) {
            assertEquals("x86_64", Platform.current().arch());
        }
    }

    @Test
    void aDescriptorRoundTripsAndRefusesAnotherPlatform() throws IOException {
        PublishedPlugin descriptor = new PublishedPlugin("10-x.so", "10", Platform.parse("linux-aarch64"), 1,
                "abc", List.of("mq_version", "mq_smtp_in_data"), List.of());
        Path file = Files.createTempFile("descriptor", ".properties");
        descriptor.write(file);
        assertEquals(descriptor, PublishedPlugin.read(file));
        assertTrue(!descriptor.text().contains("20"), "no date in the descriptor");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> descriptor.requirePlatform(Platform.parse("linux-x86_64"), "it:x:1.0"));
        assertEquals("it:x:1.0 is built for linux-aarch64, not for linux-x86_64: depend on its linux-x86_64 "
                + "classifier or build it on linux-x86_64", e.getMessage());
    }
}
