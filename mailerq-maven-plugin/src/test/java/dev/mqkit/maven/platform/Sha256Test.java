package dev.mqkit.maven.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

class Sha256Test {

    @Test
    void isTheStandardDigestInLowerCaseHex(@TempDir Path dir) throws IOException {
        // the test vector of FIPS 180-2 for "abc"
        Path file = Files.writeString(dir.resolve("abc"), "abc");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.of(file));
    }
}
