package dev.mqkit.maven.coverage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;

/**
 * The counts of one source or header of the plugin.
 *
 * @param path      relative to the project, e.g. {@code src/main/c/policy.c}
 * @param lines     the executable lines by number
 * @param functions in the order of their first line
 */
public record FileCoverage(String path, SortedMap<Integer, LineCoverage> lines, List<FunctionCoverage> functions) {

    public Counter lineCounter() {
        return lineCounter(lines.values());
    }

    public Counter branchCounter() {
        return branchCounter(lines.values());
    }

    /** The lines from {@code first} to {@code last}, e.g. a function's. */
    public Counter lineCounter(int first, int last) {
        return lineCounter(range(first, last));
    }

    public Counter branchCounter(int first, int last) {
        return branchCounter(range(first, last));
    }

    /** The executable lines from {@code first} to {@code last}. */
    public Collection<LineCoverage> range(int first, int last) {
        return last < first ? List.of() : lines.subMap(first, last + 1).values();
    }

    private static Counter lineCounter(Collection<LineCoverage> lines) {
        return new Counter(lines.stream().filter(LineCoverage::covered).count(), lines.size());
    }

    private static Counter branchCounter(Collection<LineCoverage> lines) {
        return lines.stream().map(LineCoverage::branchCounter).reduce(Counter.NONE, Counter::plus);
    }

    /** The lines with a branch never taken: {@code 14, 20}. */
    public String untakenBranches() {
        return String.join(", ", lines.values().stream().filter(line -> line.branchCounter().missed() > 0)
                .map(line -> String.valueOf(line.number())).toList());
    }

    /** The lines that never ran, as ranges: {@code 12, 14-16}. */
    public String missedLines() {
        List<String> ranges = new ArrayList<>();
        int start = -1;
        int end = -1;
        for (LineCoverage line : lines.values()) {
            if (line.covered()) {
                continue;
            }
            if (start >= 0 && lines.subMap(end + 1, line.number()).values().stream().noneMatch(LineCoverage::covered)) {
                end = line.number();
                continue;
            }
            if (start >= 0) {
                ranges.add(start == end ? String.valueOf(start) : start + "-" + end);
            }
            start = line.number();
            end = line.number();
        }
        if (start >= 0) {
            ranges.add(start == end ? String.valueOf(start) : start + "-" + end);
        }
        return String.join(", ", ranges);
    }
}
