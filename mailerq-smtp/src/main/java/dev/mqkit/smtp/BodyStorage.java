package dev.mqkit.smtp;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a server keeps a DATA body while it arrives: in memory up to {@code spoolThreshold} bytes,
 * then in a file of {@code spoolDirectory}, and always within the server's {@link InflightBudget}.
 *
 * @param spoolThreshold bodies larger than this go to a spool file
 * @param spoolDirectory where the spool files are made
 * @param budget         the bytes all bodies being received may take together
 */
public record BodyStorage(long spoolThreshold, Path spoolDirectory, InflightBudget budget) {
    /** Everything in memory, without limit (a test sink's storage). */
    public static final BodyStorage IN_MEMORY = new BodyStorage(Long.MAX_VALUE, null, InflightBudget.UNLIMITED);

    public BodyStorage {
        if (spoolThreshold < 1) {
            throw new IllegalArgumentException("the spool threshold must be positive: " + spoolThreshold);
        }
        if (spoolThreshold != Long.MAX_VALUE) {
            Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        }
        Objects.requireNonNull(budget, "budget");
    }

    /** A writer for one new body. */
    public BodyWriter newBody() {
        return new BodyWriter(this);
    }
}
