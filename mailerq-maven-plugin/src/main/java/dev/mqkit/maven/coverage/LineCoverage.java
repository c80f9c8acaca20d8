package dev.mqkit.maven.coverage;

import java.util.List;

/**
 * One executable line of a source: how often it ran and how often each of its branches was taken. Branches that
 * only an exception takes (gcc marks them) are not among them: every call in C++ has one.
 */
public record LineCoverage(int number, long count, List<Long> branches) {

    public boolean covered() {
        return count > 0;
    }

    public Counter branchCounter() {
        return new Counter(branches.stream().filter(taken -> taken > 0).count(), branches.size());
    }
}
