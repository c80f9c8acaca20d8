package dev.mqkit.maven.variant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.maven.platform.Sha256;
import dev.mqkit.harness.sanitize.Sanitizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A variant build counts only beside the very plain build it was made with. */
class VariantBuildTest {

    @Test
    void isFoundBesideItsPlainBuildAndNotBesideAnother(@TempDir Path target) throws Exception {
        Path plain = Files.write(target.resolve("20-x.so"), new byte[] {1, 2, 3});
        BuildVariant sanitized = BuildVariant.sanitized(Sanitizers.parse("undefined, address"));
        VariantFiles files = VariantFiles.beside(plain, sanitized.name());
        assertEquals(target.resolve("mailerq/sanitize/20-x.so"), files.sharedObject());
        assertEquals(Optional.empty(), VariantBuild.of(plain, "sanitize"), "none built yet");

        Files.createDirectories(files.directory());
        Files.write(files.sharedObject(), new byte[] {4});
        VariantBuild build = new VariantBuild(sanitized.flags(), "gcc", Sha256.of(plain));
        build.write(files.marker());
        assertEquals(Optional.of(build), VariantBuild.of(plain, "sanitize"));
        assertEquals("-fsanitize=address,undefined", VariantBuild.of(plain, "sanitize").orElseThrow().flags());
        assertEquals(Optional.empty(), VariantBuild.of(plain, "coverage"), "another variant's folder");

        Files.write(plain, new byte[] {1, 2, 3, 4});
        assertTrue(VariantBuild.of(plain, "sanitize").isEmpty(), "the plain build changed: the sanitized one is another build's");
    }

    @Test
    void coverageAndSanitizersTogetherFailAtOnce() {
        assertEquals(null, BuildVariant.of(Sanitizers.parse(""), false));
        assertEquals(BuildVariant.COVERAGE, BuildVariant.of(Sanitizers.parse(""), true));
        assertEquals("sanitize", BuildVariant.of(Sanitizers.parse("address"), false).name());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> BuildVariant.of(Sanitizers.parse("address"), true));
        assertTrue(both.getMessage().startsWith("-Dmailerq.coverage and -Dmailerq.sanitize=address do not go together"),
                both.getMessage());
    }
}
