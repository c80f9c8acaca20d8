package dev.mqkit.maven.nar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mqkit.maven.compile.LinkedLibraries;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

class NarLibrariesTest {

    private static final Aol LINUX = Aol.parse("amd64-Linux-gpp");

    private static NarLibrary nar(String name, NarLinkage linkage, List<String> systemLibraries) {
        String classifier = LINUX.classifier(linkage);
        Path unpacked = Path.of("/n/" + name + "/" + classifier);
        String file = "lib" + name + (linkage == NarLinkage.STATIC ? ".a" : ".so");
        return new NarLibrary("it:" + name + ":1", Path.of("/n/" + name + "/noarch/include"), linkage,
                "it:" + name + ":nar:" + classifier + ":1", unpacked,
                List.of("lib/" + LINUX + "/" + linkage.type() + "/" + file), systemLibraries);
    }

    @Test
    void archivesAndSharedObjectsInResolutionOrderWithEachSystemLibraryOnce() {
        NarLibrary headersOnly = new NarLibrary("it:h:1", null, null, null, null, List.of(), List.of());
        NarLibraries nars = new NarLibraries(List.of(nar("greet", NarLinkage.STATIC, List.of("m", "pthread")),
                headersOnly, nar("parse", NarLinkage.SHARED, List.of()),
                nar("letters", NarLinkage.STATIC, List.of("pthread"))));

        assertEquals(new LinkedLibraries(
                List.of(Path.of("/n/greet/amd64-Linux-gpp-static/lib/amd64-Linux-gpp/static/libgreet.a"),
                        Path.of("/n/letters/amd64-Linux-gpp-static/lib/amd64-Linux-gpp/static/libletters.a")),
                List.of(Path.of("/n/parse/amd64-Linux-gpp-shared/lib/amd64-Linux-gpp/shared/libparse.so")),
                List.of("m", "pthread"), "$ORIGIN/lib"), nars.linked());
        assertEquals(List.of(Path.of("/n/greet/noarch/include"), Path.of("/n/parse/noarch/include"),
                Path.of("/n/letters/noarch/include")), nars.includeDirectories());
        assertEquals(LinkedLibraries.NONE, NarLibraries.NONE.linked());
    }

    @Test
    void summariesSayHowEachNarIsUsed() {
        assertEquals("headers, libgreet.a linked in (amd64-Linux-gpp-static)",
                nar("greet", NarLinkage.STATIC, List.of()).summary(LINUX));
        assertEquals("headers, libparse.so loaded from lib/ (amd64-Linux-gpp-shared)",
                nar("parse", NarLinkage.SHARED, List.of()).summary(LINUX));
        assertEquals("no headers, no library",
                new NarLibrary("it:x:1", null, null, null, null, List.of(), List.of()).summary(LINUX));
    }
}
