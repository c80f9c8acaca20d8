package dev.mqkit.maven.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Cobertura XML, the HTML and the gate, from gcc's counts of the coverage IT's C plugin. */
class CoverageReportsTest {

    @Test
    void coberturaXmlHasTheTotalsEachFileEachFunctionAndEachLine(@TempDir Path directory) throws Exception {
        PluginCoverage coverage = GcovReadersTest.gcc("gcc-recipients.c.json", 1);
        Path xml = directory.resolve("site/cobertura.xml");
        CoberturaXml.write(coverage, GcovReadersTest.PROJECT, 1700000000L, xml);
        String text = Files.readString(xml);
        assertTrue(text.contains("<coverage line-rate=\"0.9167\" branch-rate=\"0.7500\" lines-covered=\"11\" "
                + "lines-valid=\"12\" branches-covered=\"6\" branches-valid=\"8\" complexity=\"0\" version=\"mqkit\" "
                + "timestamp=\"1700000000\">"), text);
        assertTrue(text.contains("<source>/work/plugin</source>"), text);
        assertTrue(text.contains("<class name=\"src/main/c/recipients.c\" filename=\"src/main/c/recipients.c\" "
                + "line-rate=\"0.8889\" branch-rate=\"0.7500\" complexity=\"0\">"), text);
        assertTrue(text.contains("<method name=\"mq_smtp_in_rcptto\" signature=\"\" line-rate=\"0.8750\" "
                + "branch-rate=\"0.7500\" complexity=\"0\">"), text);
        assertTrue(text.contains("<line number=\"15\" hits=\"0\" branch=\"false\"/>"), text);
        assertTrue(text.contains("<line number=\"7\" hits=\"3\" branch=\"true\" condition-coverage=\"75% (3/4)\"/>"), text);
        assertTrue(!text.contains("mailerq.h"), text);
    }

    @Test
    void htmlHasASummaryAndAnAnnotatedPagePerFile(@TempDir Path project) throws Exception {
        Files.createDirectories(project.resolve("src/main/c"));
        Files.writeString(project.resolve("src/main/c/a.c"), "int a(int x)\n{\n    if (x < 0) return -x; /* <abs> */\n"
                + "    return x;\n}\n");
        FileCoverage a = new FileCoverage("src/main/c/a.c", new java.util.TreeMap<>(java.util.Map.of(
                1, new LineCoverage(1, 2, List.of()), 3, new LineCoverage(3, 2, List.of(0L, 2L)),
                4, new LineCoverage(4, 0, List.of()))), List.of(new FunctionCoverage("a", 1, 5, 2)));
        PluginCoverage coverage = new PluginCoverage("20-a.so", List.of(a));
        Path site = project.resolve("target/site/mailerq-coverage");
        HtmlReport.write(coverage, List.of(), project, site);
        assertEquals(List.of("index.html", "src_main_c_a.c.html"),
                Files.list(site).map(p -> p.getFileName().toString()).sorted().toList());
        String index = Files.readString(site.resolve("index.html"));
        assertTrue(index.contains("coverage of 20-a.so: lines 66% (2/3), branches 50% (1/2)"), index);
        assertTrue(index.contains("<a href=\"src_main_c_a.c.html\">src/main/c/a.c</a>"), index);
        String page = Files.readString(site.resolve("src_main_c_a.c.html"));
        assertTrue(page.contains("<tr id=L3 class=partial><td class=n>3</td><td class=n>2</td><td class=n>1/2</td>"
                + "<td>    if (x &lt; 0) return -x; /* &lt;abs&gt; */</td></tr>"), page);
        assertTrue(page.contains("<tr id=L4 class=missed><td class=n>4</td><td class=n>0</td>"), page);
        assertTrue(page.contains("<tr id=L2><td class=n>2</td><td class=n></td>"), page);
        assertTrue(page.contains("<tr class=covered><td>a</td><td class=n><a href=\"#L1\">1</a></td><td class=n>2</td>"),
                page);
    }

    @Test
    void theGateNamesTheFilesBelowItsMinimumAndTheirMissedLines() throws Exception {
        PluginCoverage coverage = GcovReadersTest.gcc("gcc-recipients.c.json", 1);
        assertEquals(Optional.empty(), new CoverageGate(0.9, 0.75).check(coverage));
        assertEquals(Optional.of("Coverage of 20-x.so is below its minimum: lines 91% (11/12) < 95% "
                        + "(mailerq.coverage.minimum), branches 75% (6/8) < 80% (mailerq.coverage.branchMinimum)\n"
                        + "- src/main/c/recipients.c: lines 88% (8/9), branches 75% (3/4); missed lines 15; "
                        + "untaken branches on lines 14\n"
                        + "- src/main/include/domains.h: lines 100% (3/3), branches 75% (3/4); untaken branches on lines 7"),
                new CoverageGate(0.95, 0.8).check(coverage));
    }

    @Test
    void minimumsAreRatiosOrPercentages() {
        assertEquals(0.0, CoverageGate.ratio(null, "m"));
        assertEquals(0.8, CoverageGate.ratio("0.8", "m"));
        assertEquals(0.75, CoverageGate.ratio(" 75% ", "m"));
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> CoverageGate.ratio("80", "mailerq.coverage.minimum"));
        assertEquals("mailerq.coverage.minimum is 80: give a ratio from 0 to 1 (0.8) or a percentage (80%)",
                wrong.getMessage());
    }

    @Test
    void missedLinesAreRangesOverLinesWithoutCode() {
        FileCoverage file = new FileCoverage("a.c", new java.util.TreeMap<>(java.util.Map.of(
                1, new LineCoverage(1, 0, List.of()), 3, new LineCoverage(3, 0, List.of()),
                4, new LineCoverage(4, 1, List.of()), 6, new LineCoverage(6, 0, List.of()))), List.of());
        assertEquals("1-3, 6", file.missedLines());
        assertEquals("25% (1/4)", file.lineCounter().toString());
    }
}
