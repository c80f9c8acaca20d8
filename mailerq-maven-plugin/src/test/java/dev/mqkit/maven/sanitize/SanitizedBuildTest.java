package dev.mqkit.maven.sanitize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.harness.sanitize.Sanitizers;
import dev.mqkit.maven.platform.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sanitized build counts only beside the very plain build it was made with. */
class SanitizedBuildTest {

    @Test
    void isFoundBesideItsPlainBuildAndNotBesideAnother(@TempDir Path target) throws Exception {
        Path plain = Files.write(target.resolve("20-x.so"), new byte[] {1, 2, 3});
        SanitizedFiles files = SanitizedFiles.beside(plain);
        assertEquals(target.resolve("mailerq/sanitize/20-x.so"), files.sharedObject());
        assertEquals(Optional.empty(), SanitizedBuild.of(plain), "none built yet");

        Files.createDirectories(files.directory());
        Files.write(files.sharedObject(), new byte[] {4});
        SanitizedBuild build = new SanitizedBuild(Sanitizers.parse("undefined, address"), "gcc", Sha256.of(plain));
        build.write(files.marker());
        assertEquals(Optional.of(build), SanitizedBuild.of(plain));
        assertEquals("address,undefined", SanitizedBuild.of(plain).orElseThrow().sanitizers().flagValue());

        Files.write(plain, new byte[] {1, 2, 3, 4});
        assertTrue(SanitizedBuild.of(plain).isEmpty(), "the plain build changed: the sanitized one is another build's");
    }
}
