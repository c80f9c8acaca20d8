package dev.mqkit.maven.nar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AolTest {

    @Test
    void gccAndClangLinkTheLibrariesNarBuildsWithGppOnThisMachine() {
        for (String compiler : new String[] {"gcc", "g++", "cc", "/usr/bin/clang-16", "clang++", "ccache-gcc"}) {
            assertEquals("amd64-Linux-gpp", Aol.of(compiler, "amd64", "Linux").toString(), compiler);
        }
        assertEquals("aarch64-Linux-gpp", Aol.of("gcc", "aarch64", "Linux").toString());
        assertEquals("x86_64-MacOSX-gpp", Aol.of("clang", "x86_64", "Mac OS X").toString());
        assertEquals("amd64-Linux-icpc", Aol.of("icpc", "amd64", "Linux").toString());
    }

    @Test
    void aCrossCompilerNamesItsTarget() {
        assertEquals("aarch64-Linux-gpp", Aol.of("aarch64-linux-gnu-gcc", "amd64", "Linux").toString());
        assertEquals("amd64-Linux-gpp", Aol.of("/opt/x/bin/x86_64-linux-gnu-g++-12", "aarch64", "Linux").toString());
        assertEquals("arm-Linux-gpp", Aol.of("arm-linux-gnueabihf-gcc", "amd64", "Linux").toString());
        assertEquals("i386-Linux-gpp", Aol.of("i686-linux-gnu-gcc", "amd64", "Linux").toString());
        assertEquals("ppc64le-Linux-gpp", Aol.of("powerpc64le-linux-gnu-gcc", "amd64", "Linux").toString());
        assertEquals("amd64-Windows-gpp", Aol.of("x86_64-w64-mingw32-gcc", "amd64", "Linux").toString());
    }

    @Test
    void parsesWhatItPrintsAndNamesTheClassifiers() {
        Aol aol = Aol.parse("amd64-Linux-gpp");
        assertEquals(new Aol("amd64", "Linux", "gpp"), aol);
        assertEquals("amd64-Linux-gpp-static", aol.classifier(NarLinkage.STATIC));
        assertEquals("amd64-Linux-gpp-shared", aol.classifier(NarLinkage.SHARED));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Aol.parse("amd64-Linux"));
        assertTrue(e.getMessage().contains("architecture-OS-linker, e.g. amd64-Linux-gpp"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Aol.parse("amd64--gpp"));
    }

    @Test
    void linkageNamesAreNarsLibraryTypes() {
        assertEquals(NarLinkage.SHARED, NarLinkage.parse(" shared "));
        assertEquals(NarLinkage.SHARED, NarLinkage.STATIC.other());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NarLinkage.parse("jni"));
        assertEquals("'jni' is not a NAR linkage: write static or shared", e.getMessage());
    }
}
