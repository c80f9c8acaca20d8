package dev.mqkit.harness.exercise;

import dev.mqkit.harness.exercise.MessageDestinations.Destination;
import dev.mqkit.harness.exercise.MessageDestinations.Where;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Where the exercise expects its accepted messages to go ({@code mailerq.exercise.expect}). */
public enum ExerciseExpectation {

    /**
     * Each message is delivered to the sink, unless a plugin keeps it in the local queue (MQ_setLocal, 4.0+),
     * which the report says: a plugin that keeps mail back is judged by the hooks it exports.
     */
    DELIVERED,

    /** Each message goes to the local queue: a plugin keeps it there with MQ_setLocal (4.0+). */
    LOCAL;

    /** {@code delivered} or {@code local}, in any case. */
    public static ExerciseExpectation of(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the exercise expects messages to be " + Arrays.stream(values())
                    .map(ExerciseExpectation::toString).toList() + ", not '" + text + "'");
        }
    }

    /** A problem for each message that did not go where expected within {@code timeout}. */
    List<String> problems(List<Where> destinations, Duration timeout) {
        List<String> problems = new ArrayList<>();
        for (Where where : destinations) {
            boolean expected = switch (this) {
                case DELIVERED -> where.destination() == Destination.DELIVERED
                        || where.destination() == Destination.LOCAL;
                case LOCAL -> where.destination() == Destination.LOCAL;
            };
            if (!expected) {
                problems.add("the message to " + where.recipient() + " was accepted but "
                        + (where.destination().ended() ? "" : "after " + timeout.toSeconds() + " s ")
                        + "is " + where.destination() + (where.detail() == null ? "" : ": " + where.detail())
                        + "; expected: " + this + (this == DELIVERED ? " (or kept local by a plugin)" : ""));
            }
        }
        return problems;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
