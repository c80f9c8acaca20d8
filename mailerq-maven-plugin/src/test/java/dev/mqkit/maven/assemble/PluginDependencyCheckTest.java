package dev.mqkit.maven.assemble;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.maven.platform.Platform;
import dev.mqkit.maven.platform.PublishedPlugin;
import dev.mqkit.maven.platform.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

class PluginDependencyCheckTest {

    private static final Platform HERE = new Platform("linux", "x86_64");
    private final PluginDependencyCheck check = new PluginDependencyCheck(HERE, 1);

    @TempDir
    Path dir;

    private Path plugin() throws IOException {
        return Files.writeString(dir.resolve("x-1.0.so"), "not really ELF, but hashed all the same");
    }

    private PublishedPlugin descriptor(Platform platform, int api, Path file) throws IOException {
        return new PublishedPlugin("10-x.so", "10", platform, api, Sha256.of(file), List.of("mq_version"), List.of());
    }

    @Test
    void acceptsAPluginForThisPlatformAndApi() throws IOException {
        Path file = plugin();
        assertDoesNotThrow(() -> check.check("g:x:1.0", file, descriptor(HERE, 1, file)));
    }

    @Test
    void noDescriptorMeansNotAPlugin() throws IOException {
        Path file = plugin();
        String message = assertThrows(IllegalStateException.class, () -> check.check("g:x:1.0", file, null))
                .getMessage();
        assertTrue(message.startsWith("g:x:1.0 is not a MailerQ plugin"), message);
    }

    @Test
    void anotherPlatformIsNamedWithTheFix() throws IOException {
        Path file = plugin();
        PublishedPlugin arm = descriptor(new Platform("linux", "aarch64"), 1, file);
        String message = assertThrows(IllegalStateException.class, () -> check.check("g:x:1.0", file, arm))
                .getMessage();
        assertTrue(message.contains("g:x:1.0 is built for linux-aarch64, not for linux-x86_64"), message);
    }

    @Test
    void anotherApiVersionIsNamed() throws IOException {
        Path file = plugin();
        PublishedPlugin future = descriptor(HERE, 2, file);
        String message = assertThrows(IllegalStateException.class, () -> check.check("g:x:1.0", file, future))
                .getMessage();
        assertTrue(message.contains("g:x:1.0 is built for MailerQ plugin API version 2, not for version 1"), message);
    }

    @Test
    void aPluginOfAnotherReleaseIsNamedWithBothReleasesAndTheFix() throws IOException {
        Path file = plugin();
        PublishedPlugin built30 = new PublishedPlugin("10-x.so", "10", HERE, 1, "3.0", Sha256.of(file),
                List.of("mq_version"), List.of(), List.of());
        PluginDependencyCheck plays513 = new PluginDependencyCheck(HERE, 4, "5.13");

        String message = assertThrows(IllegalStateException.class, () -> plays513.check("g:x:1.0", file, built30))
                .getMessage();

        assertTrue(message.startsWith("g:x:1.0 is built for MailerQ plugin API version 1, not for version 4 of this "
                + "toolkit's mailerq.h, so MailerQ would refuse to load it: it was built for MailerQ 3.0, and this "
                + "build plays MailerQ 5.13. When the servers run MailerQ 3.0, set <mailerqVersion>3.0"
                + "</mailerqVersion> (-Dmailerq.version=3.0) in this project"), message);
        assertTrue(!message.contains("rebuild it with this toolkit"), message);
    }

    @Test
    void aSoThatIsNotTheDescribedOneIsRefused() throws IOException {
        Path file = plugin();
        PublishedPlugin described = descriptor(HERE, 1, file);
        Files.writeString(file, "another build");
        String message = assertThrows(IllegalStateException.class, () -> check.check("g:x:1.0", file, described))
                .getMessage();
        assertTrue(message.contains("deploy the plugin again"), message);
    }
}
