package dev.mqkit.maven.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The minimum ratios of lines and branches the plugin's own code must reach, as JaCoCo's check applies them to a
 * bundle: to the plugin as a whole. Below one, the failure names each file below it with the lines it missed and
 * the lines with a branch never taken.
 *
 * @param lines    0 to 1; 0 checks nothing
 * @param branches 0 to 1
 */
public record CoverageGate(double lines, double branches) {

    /** {@code 0.8} or {@code 80%}; none is 0. */
    public static double ratio(String value, String parameter) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        String text = value.trim();
        try {
            double ratio = text.endsWith("%") ? Double.parseDouble(text.substring(0, text.length() - 1)) / 100
                    : Double.parseDouble(text);
            if (ratio < 0 || ratio > 1) {
                throw new NumberFormatException();
            }
            return ratio;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(parameter + " is " + text + ": give a ratio from 0 to 1 (0.8) or a "
                    + "percentage (80%)");
        }
    }

    /** Why the plugin fails the gate, or nothing when it passes. */
    public Optional<String> check(PluginCoverage coverage) {
        List<String> below = new ArrayList<>();
        if (coverage.lineCounter().ratio() < lines) {
            below.add("lines " + coverage.lineCounter() + " < " + percent(lines) + " (mailerq.coverage.minimum)");
        }
        if (coverage.branchCounter().ratio() < branches) {
            below.add("branches " + coverage.branchCounter() + " < " + percent(branches)
                    + " (mailerq.coverage.branchMinimum)");
        }
        if (below.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder message = new StringBuilder("Coverage of " + coverage.plugin() + " is below its minimum: "
                + String.join(", ", below));
        for (FileCoverage file : coverage.files()) {
            boolean fewLines = file.lineCounter().ratio() < lines;
            boolean fewBranches = file.branchCounter().ratio() < branches;
            if (fewLines || fewBranches) {
                message.append("\n- ").append(file.path()).append(": lines ").append(file.lineCounter())
                        .append(", branches ").append(file.branchCounter());
                if (file.lineCounter().missed() > 0) {
                    message.append("; missed lines ").append(file.missedLines());
                }
                if (file.branchCounter().missed() > 0) {
                    message.append("; untaken branches on lines ").append(file.untakenBranches());
                }
            }
        }
        return Optional.of(message.toString());
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }
}
