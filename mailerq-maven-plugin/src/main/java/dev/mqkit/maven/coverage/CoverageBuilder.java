package dev.mqkit.maven.coverage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gathers what gcov read from each object into one {@link PluginCoverage}: a header included by several
 * sources, or the same line in several instances of a template or inline function, adds up. Counts of the same
 * function on the same line (the same header function in two objects) are summed, branch by branch; the branches
 * of different functions on one line (two template instances) are each their own.
 */
public final class CoverageBuilder {

    private final Path basedir;
    private final Path buildDirectory;
    private final Map<String, Map<Integer, Map<String, LineCoverage>>> lines = new TreeMap<>();
    private final Map<String, Map<String, FunctionCoverage>> functions = new TreeMap<>();

    /** Counts the files under {@code basedir} outside {@code buildDirectory} (where mailerq.h is unpacked). */
    public CoverageBuilder(Path basedir, Path buildDirectory) {
        this.basedir = basedir.toAbsolutePath().normalize();
        this.buildDirectory = buildDirectory.toAbsolutePath().normalize();
    }

    /**
     * The project's path of a source as gcov names it (relative to the project, which the compiles map to
     * {@code .}, or absolute), or null when it is not the plugin's own: a system header, mailerq.h, a
     * dependency's header.
     */
    public String counted(String source) {
        Path path = basedir.resolve(source).normalize();
        if (!path.startsWith(basedir) || path.startsWith(buildDirectory)) {
            return null;
        }
        return basedir.relativize(path).toString();
    }

    /** One line of {@code function} in {@code path} (a name from {@link #counted}). */
    public void line(String path, String function, int number, long count, List<Long> branches) {
        Map<String, LineCoverage> byFunction = lines.computeIfAbsent(path, p -> new TreeMap<>())
                .computeIfAbsent(number, n -> new LinkedHashMap<>());
        LineCoverage seen = byFunction.get(function);
        if (seen == null || seen.branches().size() != branches.size()) {
            byFunction.merge(function, new LineCoverage(number, count, List.copyOf(branches)), CoverageBuilder::concat);
            return;
        }
        List<Long> sum = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            sum.add(seen.branches().get(i) + branches.get(i));
        }
        byFunction.put(function, new LineCoverage(number, seen.count() + count, sum));
    }

    /** A function of {@code path}; the same one again (from another object) adds its calls. */
    public void function(String path, FunctionCoverage function) {
        functions.computeIfAbsent(path, p -> new LinkedHashMap<>()).merge(function.name(), function,
                (a, b) -> new FunctionCoverage(a.name(), Math.min(a.firstLine(), b.firstLine()),
                        Math.max(a.lastLine(), b.lastLine()), a.calls() + b.calls()));
    }

    public PluginCoverage build(String plugin) {
        List<FileCoverage> files = new ArrayList<>();
        lines.forEach((path, byNumber) -> {
            TreeMap<Integer, LineCoverage> merged = new TreeMap<>();
            byNumber.forEach((number, byFunction) -> merged.put(number, byFunction.values().stream()
                    .reduce(CoverageBuilder::concat).orElseThrow()));
            List<FunctionCoverage> declared = new ArrayList<>(functions.getOrDefault(path, Map.of()).values());
            declared.sort(Comparator.comparingInt(FunctionCoverage::firstLine).thenComparing(FunctionCoverage::name));
            files.add(new FileCoverage(path, merged, List.copyOf(declared)));
        });
        return new PluginCoverage(plugin, List.copyOf(files));
    }

    /** Two functions' counts of one line: the line ran as often as both together, their branches side by side. */
    private static LineCoverage concat(LineCoverage a, LineCoverage b) {
        List<Long> branches = new ArrayList<>(a.branches());
        branches.addAll(b.branches());
        return new LineCoverage(a.number(), a.count() + b.count(), List.copyOf(branches));
    }
}
