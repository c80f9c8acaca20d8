package dev.mqkit.maven.coverage;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The counts as HTML: {@code index.html} with the plugin's totals and each file's, and a page per file with its
 * functions and its source, each line with its count and branches, green where it ran, red where it did not,
 * yellow where a branch was never taken.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}
            td,th{padding:2px 8px;text-align:left}th{background:#eee}.n{text-align:right}
            pre{margin:0}.src td{padding:0 6px;font-family:monospace;white-space:pre}
            .covered{background:#d6f5d6}.missed{background:#f8d0d0}.partial{background:#fff2b3}
            .bar{display:inline-block;height:.8em;background:#4c4}.gap{display:inline-block;height:.8em;background:#d44}
            """;

    private HtmlReport() {
    }

    /**
     * Writes the pages into {@code directory}, reading the sources from {@code basedir}; {@code warnings} (the runs
     * whose counts are missing) go on the summary page.
     */
    public static void write(PluginCoverage coverage, List<String> warnings, Path basedir, Path directory)
            throws IOException {
        Files.createDirectories(directory);
        StringBuilder index = page("Coverage of " + coverage.plugin());
        index.append("<p>").append(escape(coverage.summary())).append("</p>\n");
        warnings.forEach(warning -> index.append("<p class=missed>").append(escape(warning)).append("</p>\n"));
        index.append("<table>\n<tr><th>File</th>")
                .append("<th colspan=2>Lines</th><th colspan=2>Branches</th><th>Functions called</th></tr>\n");
        for (FileCoverage file : coverage.files()) {
            long called = file.functions().stream().filter(f -> f.calls() > 0).count();
            index.append("<tr><td><a href=\"").append(pageName(file)).append("\">").append(escape(file.path()))
                    .append("</a></td>").append(cells(file.lineCounter())).append(cells(file.branchCounter()))
                    .append("<td class=n>").append(called).append("/").append(file.functions().size())
                    .append("</td></tr>\n");
            Files.writeString(directory.resolve(pageName(file)), filePage(coverage, file, basedir),
                    StandardCharsets.UTF_8);
        }
        index.append("<tr><th>Total</th>").append(cells(coverage.lineCounter())).append(cells(coverage.branchCounter()))
                .append("<th></th></tr>\n</table>\n</body></html>\n");
        Files.writeString(directory.resolve("index.html"), index, StandardCharsets.UTF_8);
    }

    private static String filePage(PluginCoverage coverage, FileCoverage file, Path basedir) throws IOException {
        StringBuilder html = page(file.path() + " (" + coverage.plugin() + ")");
        html.append("<p><a href=\"index.html\">").append(escape(coverage.plugin())).append("</a>: lines ")
                .append(file.lineCounter()).append(", branches ").append(file.branchCounter()).append("</p>\n");
        html.append("<table>\n<tr><th>Function</th><th>Line</th><th>Calls</th><th colspan=2>Lines</th>")
                .append("<th colspan=2>Branches</th></tr>\n");
        for (FunctionCoverage function : file.functions()) {
            html.append("<tr class=").append(function.calls() > 0 ? "covered" : "missed").append("><td>")
                    .append(escape(function.name())).append("</td><td class=n><a href=\"#L").append(function.firstLine())
                    .append("\">").append(function.firstLine()).append("</a></td><td class=n>").append(function.calls())
                    .append("</td>").append(cells(file.lineCounter(function.firstLine(), function.lastLine())))
                    .append(cells(file.branchCounter(function.firstLine(), function.lastLine()))).append("</tr>\n");
        }
        html.append("</table>\n<h2>Source</h2>\n<table class=src>\n<tr><th>Line</th><th>Count</th>")
                .append("<th>Branches</th><th>Source</th></tr>\n");
        List<String> source = source(basedir.resolve(file.path()));
        for (int number = 1; number <= source.size(); number++) {
            LineCoverage line = file.lines().get(number);
            String css = line == null ? "" : !line.covered() ? " class=missed"
                    : line.branchCounter().missed() > 0 ? " class=partial" : " class=covered";
            html.append("<tr id=L").append(number).append(css).append("><td class=n>").append(number)
                    .append("</td><td class=n>").append(line == null ? "" : line.count()).append("</td><td class=n>")
                    .append(line == null || line.branches().isEmpty() ? ""
                            : line.branchCounter().covered() + "/" + line.branchCounter().total())
                    .append("</td><td>").append(escape(source.get(number - 1))).append("</td></tr>\n");
        }
        return html.append("</table>\n</body></html>\n").toString();
    }

    private static List<String> source(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return List.of();
        }
        try {
            return Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return Files.readAllLines(path, StandardCharsets.ISO_8859_1);
        }
    }

    private static StringBuilder page(String title) {
        return new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"><title>").append(escape(title))
                .append("</title><style>").append(STYLE).append("</style></head><body>\n<h1>").append(escape(title))
                .append("</h1>\n");
    }

    private static String cells(Counter counter) {
        int width = (int) Math.round(counter.ratio() * 80);
        return "<td><span class=bar style=\"width:" + width + "px\"></span><span class=gap style=\"width:"
                + (80 - width) + "px\"></span></td><td class=n>" + counter + "</td>";
    }

    /** {@code src/main/c/policy.c} gives {@code src_main_c_policy.c.html}. */
    static String pageName(FileCoverage file) {
        return file.path().replace('/', '_') + ".html";
    }

    private static String escape(String text) {
        return CoberturaXml.escape(text);
    }
}
