package dev.mqkit.header.testing;

import java.util.List;

/**
 * A MailerQ release the header is compiled for in the tests: its name, its
 * MQ_MAILERQ_VERSION, the MQ_API_VERSION the header's table gives it, and
 * the fixture that uses every hook and function of its generation.
 */
public record Release(String name, int macro, int apiVersion) {

    /** One release per row of the header's MQ_API_VERSION table, at both ends of each. */
    public static final List<Release> SAMPLES = List.of(
            new Release("2.1", 20100, 1),
            new Release("3.0", 30000, 1),
            new Release("4.0", 40000, 2),
            new Release("4.4", 40400, 2),
            new Release("5.0", 50000, 3),
            new Release("5.6", 50600, 3),
            new Release("5.6.5", 50605, 4),
            new Release("5.13", 51300, 4));

    /** The samples, for {@code @MethodSource}. */
    public static List<Release> samples() {
        return SAMPLES;
    }

    /** One release of each generation, 3.0 and 5.13, for {@code @MethodSource}. */
    public static List<Release> generations() {
        return List.of(SAMPLES.get(1), SAMPLES.get(SAMPLES.size() - 1));
    }

    /** The release a plain include of mailerq.h selects. */
    public static final Release DEFAULT = new Release("5.13", 51300, 4);

    /** Whether this is the 4.0-5.13 ("Connection") generation. */
    public boolean connectionGeneration() {
        return macro >= 40000;
    }

    /** -DMQ_MAILERQ_VERSION=… */
    public String define() {
        return "-DMQ_MAILERQ_VERSION=" + macro;
    }

    /** The fixture that defines every hook and calls every function of this release's generation. */
    public String everyHookAndCall() {
        return connectionGeneration() ? "every_hook_and_call_5.c" : "every_hook_and_call_3.c";
    }

    @Override
    public String toString() {
        return name;
    }
}
