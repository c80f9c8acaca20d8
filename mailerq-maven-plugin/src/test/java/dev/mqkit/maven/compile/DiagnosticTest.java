package dev.mqkit.maven.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

class DiagnosticTest {

    @Test
    void makesLocationsAbsoluteAndKeepsContinuationLinesWithTheirMessage() {
        String output = "src/main/c/a.c: In function 'f':\n"
                + "src/main/c/a.c:5:12: error: 'x' undeclared\n"
                + "    5 |     return x;\n"
                + "src/main/c/a.c:6:1: warning: control reaches end of non-void function\n"
                + "<command-line>: note: this is the location\n";
        List<Diagnostic> lines = Diagnostic.parse(output, Path.of("/project"));
        assertEquals(List.of(
                new Diagnostic(Diagnostic.Severity.ERROR, "src/main/c/a.c: In function 'f':"),
                new Diagnostic(Diagnostic.Severity.ERROR, "/project/src/main/c/a.c:5:12: error: 'x' undeclared"),
                new Diagnostic(Diagnostic.Severity.ERROR, "    5 |     return x;"),
                new Diagnostic(Diagnostic.Severity.WARNING,
                        "/project/src/main/c/a.c:6:1: warning: control reaches end of non-void function"),
                new Diagnostic(Diagnostic.Severity.WARNING, "<command-line>: note: this is the location")), lines);
        assertEquals("/project/src/main/c/a.c:5:12: error: 'x' undeclared", Diagnostic.firstError(lines));
    }

    @Test
    void includeChainsTakeTheLevelOfTheirMessage() {
        List<Diagnostic> lines = Diagnostic.parse("In file included from src/main/c/a.c:2:\n"
                + "src/main/include/h.h:3:5: warning: unused variable 'x'\n", Path.of("/p"));
        assertEquals(new Diagnostic(Diagnostic.Severity.WARNING, "In file included from src/main/c/a.c:2:"),
                lines.get(0));
        assertEquals("/p/src/main/include/h.h:3:5: warning: unused variable 'x'", lines.get(1).line());
    }

    @Test
    void treatsLinkerFailuresAsErrors() {
        List<Diagnostic> lines = Diagnostic.parse("/usr/bin/ld: cannot find -lnothere: No such file\n"
                + "collect2: error: ld returned 1 exit status\n", Path.of("/p"));
        assertEquals(Diagnostic.Severity.ERROR, lines.get(1).severity());
    }
}
