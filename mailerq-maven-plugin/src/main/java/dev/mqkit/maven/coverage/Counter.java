package dev.mqkit.maven.coverage;

/** How many of a kind (lines, branches) ran, of how many there are. */
public record Counter(long covered, long total) {

    public static final Counter NONE = new Counter(0, 0);

    public Counter plus(Counter other) {
        return new Counter(covered + other.covered, total + other.total);
    }

    public long missed() {
        return total - covered;
    }

    /** 1.0 when there is nothing to cover, as JaCoCo counts it. */
    public double ratio() {
        return total == 0 ? 1.0 : (double) covered / total;
    }

    /** {@code 87% (131/150)}; the percentage is rounded down, so that 100% means every one. */
    @Override
    public String toString() {
        return (long) Math.floor(ratio() * 100) + "% (" + covered + "/" + total + ")";
    }
}
