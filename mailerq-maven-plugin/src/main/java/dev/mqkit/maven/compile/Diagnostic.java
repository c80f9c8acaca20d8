package dev.mqkit.maven.compile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of compiler output, classified so the build log can show errors
 * as errors and warnings as warnings. Locations are made absolute, the form
 * IDEs turn into links.
 */
public record Diagnostic(Severity severity, String line) {

    public enum Severity { ERROR, WARNING, INFO }

    private static final Pattern CONTEXT = Pattern.compile(
            ": In (function|member function|constructor|destructor|instantiation of|static member function)"
            + "|^In file included from |^\\s+from .*[:,]$|: At (top level|global scope):$|: In lambda function:$");

    private static final Pattern LOCATION = Pattern.compile(
            "^(.+?):(\\d+)(?::(\\d+))?: (fatal error|error|warning|note): (.*)$");

    /**
     * Splits compiler output into lines. Continuation lines (source excerpts,
     * carets) keep the level of the message above them; context lines ("In
     * function", "In file included from") take the level of the message below.
     */
    public static List<Diagnostic> parse(String output, Path directory) {
        List<Diagnostic> lines = new ArrayList<>();
        List<String> context = new ArrayList<>();
        Severity current = Severity.INFO;
        for (String raw : output.split("\\R")) {
            if (raw.isEmpty()) {
                continue;
            }
            Matcher m = LOCATION.matcher(raw);
            if (m.matches()) {
                String kind = m.group(4);
                current = kind.endsWith("error") ? Severity.ERROR
                        : kind.equals("warning") ? Severity.WARNING : current;
                for (String line : context) {
                    lines.add(new Diagnostic(current, line));
                }
                context.clear();
                lines.add(new Diagnostic(current, absolute(m.group(1), directory) + ":" + m.group(2)
                        + (m.group(3) != null ? ":" + m.group(3) : "") + ": " + kind + ": " + m.group(5)));
            } else if (CONTEXT.matcher(raw).find()) {
                context.add(raw);
            } else {
                if (raw.contains("error:") || raw.startsWith("collect2:") || raw.contains("undefined reference")) {
                    current = Severity.ERROR;
                }
                lines.add(new Diagnostic(current, raw));
            }
        }
        for (String line : context) {
            lines.add(new Diagnostic(current, line));
        }
        return lines;
    }

    private static String absolute(String file, Path directory) {
        if (file.startsWith("<")) {
            return file; // <command-line>, <built-in>
        }
        try {
            return directory.resolve(file).normalize().toString();
        } catch (RuntimeException e) {
            return file; // not a path after all ("<command-line>")
        }
    }

    /** The first error of an output, for the build's failure message. */
    public static String firstError(List<Diagnostic> diagnostics) {
        List<String> errors = diagnostics.stream().filter(d -> d.severity() == Severity.ERROR)
                .map(Diagnostic::line).toList();
        return errors.stream().filter(line -> line.contains("error: ")).findFirst()
                .orElse(errors.isEmpty() ? null : errors.get(0));
    }
}
