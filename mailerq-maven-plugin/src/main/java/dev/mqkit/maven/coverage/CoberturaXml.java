package dev.mqkit.maven.coverage;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The counts as Cobertura XML (coverage-04.dtd), which Jenkins, GitLab and SonarQube read: one package, the
 * plugin; one class per source or header, with its functions as methods and each line's hits and branches.
 */
public final class CoberturaXml {

    private CoberturaXml() {
    }

    /** @param sourceRoot the folder the file names are relative to: the project's */
    public static void write(PluginCoverage coverage, Path sourceRoot, long timestamp, Path xml) throws IOException {
        Files.createDirectories(xml.toAbsolutePath().getParent());
        try (Writer out = Files.newBufferedWriter(xml, StandardCharsets.UTF_8)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            out.write("<!DOCTYPE coverage SYSTEM \"http://cobertura.sourceforge.net/xml/coverage-04.dtd\">\n");
            out.write("<coverage " + rates(coverage.lineCounter(), coverage.branchCounter())
                    + " complexity=\"0\" version=\"mqkit\" timestamp=\"" + timestamp + "\">\n");
            out.write("  <sources>\n    <source>" + escape(sourceRoot.toString()) + "</source>\n  </sources>\n");
            out.write("  <packages>\n    <package name=\"" + escape(coverage.plugin()) + "\" "
                    + shortRates(coverage.lineCounter(), coverage.branchCounter()) + " complexity=\"0\">\n");
            out.write("      <classes>\n");
            for (FileCoverage file : coverage.files()) {
                out.write("        <class name=\"" + escape(file.path()) + "\" filename=\"" + escape(file.path())
                        + "\" " + shortRates(file.lineCounter(), file.branchCounter()) + " complexity=\"0\">\n");
                out.write("          <methods>\n");
                for (FunctionCoverage function : file.functions()) {
                    out.write("            <method name=\"" + escape(function.name()) + "\" signature=\"\" "
                            + shortRates(file.lineCounter(function.firstLine(), function.lastLine()),
                            file.branchCounter(function.firstLine(), function.lastLine())) + " complexity=\"0\">\n");
                    out.write("              <lines>\n");
                    for (LineCoverage line : file.range(function.firstLine(), function.lastLine())) {
                        out.write("                " + line(line) + "\n");
                    }
                    out.write("              </lines>\n            </method>\n");
                }
                out.write("          </methods>\n          <lines>\n");
                for (LineCoverage line : file.lines().values()) {
                    out.write("            " + line(line) + "\n");
                }
                out.write("          </lines>\n        </class>\n");
            }
            out.write("      </classes>\n    </package>\n  </packages>\n</coverage>\n");
        }
    }

    private static String line(LineCoverage line) {
        Counter branches = line.branchCounter();
        return "<line number=\"" + line.number() + "\" hits=\"" + line.count() + "\" branch=\""
                + (branches.total() > 0) + "\"" + (branches.total() > 0 ? " condition-coverage=\""
                + branches + "\"" : "") + "/>";
    }

    private static String rates(Counter lines, Counter branches) {
        return shortRates(lines, branches) + " lines-covered=\"" + lines.covered() + "\" lines-valid=\""
                + lines.total() + "\" branches-covered=\"" + branches.covered() + "\" branches-valid=\""
                + branches.total() + "\"";
    }

    private static String shortRates(Counter lines, Counter branches) {
        return "line-rate=\"" + rate(lines) + "\" branch-rate=\"" + rate(branches) + "\"";
    }

    private static String rate(Counter counter) {
        return String.format(Locale.ROOT, "%.4f", counter.ratio());
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
