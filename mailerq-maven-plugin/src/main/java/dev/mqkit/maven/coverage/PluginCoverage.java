package dev.mqkit.maven.coverage;

import java.util.List;

/**
 * The counts of a plugin's own sources and headers (not mailerq.h, not the system's), merged over every
 * runtime process that loaded its coverage build.
 *
 * @param plugin the plugin's file name, {@code 20-policy.so}
 * @param files  by path
 */
public record PluginCoverage(String plugin, List<FileCoverage> files) {

    public Counter lineCounter() {
        return files.stream().map(FileCoverage::lineCounter).reduce(Counter.NONE, Counter::plus);
    }

    public Counter branchCounter() {
        return files.stream().map(FileCoverage::branchCounter).reduce(Counter.NONE, Counter::plus);
    }

    /** The build log's line: {@code coverage of 20-policy.so: lines 87% (131/150), branches 71% (40/56)}. */
    public String summary() {
        return "coverage of " + plugin + ": lines " + lineCounter() + ", branches " + branchCounter();
    }
}
