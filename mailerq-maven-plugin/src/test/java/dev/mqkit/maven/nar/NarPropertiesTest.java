package dev.mqkit.maven.nar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

class NarPropertiesTest {

    /** What nar-maven-plugin 3.10.1 writes for a library built static and shared on x86-64 Linux. */
    private static final String BUILT = """
            #NAR Properties for it.nar.greet-1.0
            #Tue Dec 01 08:52:35 UTC 2026
            includes.type=local
            output=greet-1.0
            nar.shared=it.nar\\:greet\\:nar\\:${aol}-shared
            nar.static=it.nar\\:greet\\:nar\\:${aol}-static
            nar.noarch=it.nar\\:greet\\:nar\\:noarch
            amd64-Linux-gpp.libs.binding=shared
            libs.binding=shared
            amd64-Linux-gpp.output=greet-1.0
            """;

    private static final Aol LINUX = Aol.parse("amd64-Linux-gpp");

    @TempDir
    Path dir;

    private Path nar(String properties) throws IOException {
        Path nar = dir.resolve("greet-1.0.nar");
        try (OutputStream out = Files.newOutputStream(nar); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.putNextEntry(new ZipEntry(NarProperties.entryName("it.nar", "greet")));
            zip.write(properties.getBytes(StandardCharsets.ISO_8859_1));
        }
        return nar;
    }

    @Test
    void readsWhatNarPublishedAndForWhichAol() throws IOException {
        NarProperties greet = NarProperties.read(nar(BUILT), "it.nar", "greet", "1.0");
        assertTrue(greet.hasHeaders());
        assertEquals(Set.of("amd64-Linux-gpp"), greet.aols());
        assertEquals(List.of(NarLinkage.STATIC, NarLinkage.SHARED), greet.linkages(LINUX, NarLinkage.STATIC));
        assertEquals(List.of(NarLinkage.SHARED, NarLinkage.STATIC), greet.linkages(LINUX, NarLinkage.SHARED));
        assertEquals(List.of("greet-1.0"), greet.libraryNames(LINUX));
        assertEquals(List.of(), greet.systemLibraries(LINUX));
    }

    @Test
    void anAolsOwnKeyWinsAndListsSplitAsNarSplitsThem() throws IOException {
        NarProperties greet = NarProperties.read(nar(BUILT + """
                libs.names=greet
                amd64-Linux-gpp.libs.names=greet-core, greet-extra
                amd64-Linux-gpp.syslibs.names=pthread:shared, m:shared
                """), "it.nar", "greet", "1.0");
        assertEquals(List.of("greet-core", "greet-extra"), greet.libraryNames(LINUX));
        assertEquals(List.of("greet"), greet.libraryNames(Aol.parse("aarch64-Linux-gpp")));
        assertEquals(List.of("pthread", "m"), greet.systemLibraries(LINUX));
    }

    @Test
    void aNarOfHeadersOnlyPublishesNoLinkage() throws IOException {
        NarProperties headers = NarProperties.read(nar("nar.noarch=it.nar\\:greet\\:nar\\:noarch\n"),
                "it.nar", "greet", "1.0");
        assertTrue(headers.hasHeaders());
        assertEquals(List.of(), headers.linkages(LINUX, NarLinkage.STATIC));
        assertEquals(List.of("greet-1.0"), headers.libraryNames(LINUX), "nar-maven-plugin's default");
    }

    @Test
    void readsAReactorModulesOutputFolderToo() throws IOException {
        Path classes = dir.resolve("classes");
        Path file = classes.resolve(NarProperties.entryName("it.nar", "greet"));
        Files.createDirectories(file.getParent());
        Files.writeString(file, BUILT);
        assertEquals(Set.of("amd64-Linux-gpp"), NarProperties.read(classes, "it.nar", "greet", "1.0").aols());
    }

    @Test
    void somethingElseDeclaredAsANarIsNamedWithTheFix() throws IOException {
        Path jar = Files.writeString(dir.resolve("greet-1.0.nar"), "not a zip");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NarProperties.read(jar, "it.nar", "greet", "1.0"));
        assertEquals("it.nar:greet:1.0 is declared with <type>nar</type>, but " + jar + " holds no "
                + "META-INF/nar/it.nar/greet/nar.properties, which nar-maven-plugin writes into every NAR: depend on "
                + "it with the type it really has, or publish it with nar-maven-plugin", e.getMessage());
        assertFalse(e.getMessage().contains("null"));
    }
}
