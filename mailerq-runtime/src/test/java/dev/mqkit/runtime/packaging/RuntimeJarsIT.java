package dev.mqkit.runtime.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The MTA's jars carry the MTA: the test harness and JUnit ship in mailerq-test only. */
class RuntimeJarsIT {

    private static final List<String> TEST_CODE = List.of("org/junit/", "org/opentest4j/", "org/apiguardian/",
            "dev/mqkit/test/", "dev/mqkit/runtime/junit/", "dev/mqkit/runtime/sink/", "dev/mqkit/runtime/exercise/");

    @ParameterizedTest
    @ValueSource(strings = {"mqkit.runtime.jar", "mqkit.standalone.jar"})
    void holdsNoHarnessAndNoJUnit(String property) throws IOException {
        Path jar = Path.of(System.getProperty(property, "target/missing.jar"));
        assertTrue(Files.isRegularFile(jar), "built by the runtime's package phase: " + jar);
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> harness = file.stream().map(ZipEntry::getName)
                    .filter(name -> TEST_CODE.stream().anyMatch(name::startsWith)).toList();
            assertEquals(List.of(), harness, jar + " holds test code");
            assertTrue(file.getEntry("dev/mqkit/runtime/Main.class") != null, jar + " holds the runtime");
        }
    }
}
