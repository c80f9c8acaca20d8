package dev.mqkit.maven.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

class DepFileTest {

    private final Path dir = Path.of("/project");

    @Test
    void readsContinuedLinesAndEscapedSpaces() {
        String rule = "/project/target/obj/a.c.o: /project/src/main/c/a.c \\\n"
                + " /project/target/mailerq/include/mailerq.h \\\n"
                + "  /project/src/main/include/my\\ header.h\n";
        assertEquals(List.of(Path.of("/project/src/main/c/a.c"), Path.of("/project/target/mailerq/include/mailerq.h"),
                Path.of("/project/src/main/include/my header.h")), DepFile.prerequisites(rule, dir));
    }

    @Test
    void resolvesRelativePathsAndStopsAtPhonyRules() {
        String rule = "obj/a.o: src/a.c inc/a.h\ninc/a.h:\n";
        assertEquals(List.of(Path.of("/project/src/a.c"), Path.of("/project/inc/a.h")),
                DepFile.prerequisites(rule, dir));
    }
}
