package dev.mqkit.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A MailerQ release a plugin targets and the runtime plays: one of the
 * releases MailerQ documents, from 2.1 to 5.13. Its plugin API generation
 * and per-release differences hang on it, and {@link #macro()} is the
 * {@code MQ_MAILERQ_VERSION} that selects its declarations in mailerq.h.
 */
public record MailerqRelease(int major, int minor, int patch) implements Comparable<MailerqRelease> {

    /** The plugin API generations. */
    public enum Generation {
        /** 2.1 and 3.x: MQ_SmtpConnection, hand-back by context, bool context hooks. */
        SMTP_CONNECTION("2.1/3.x"),
        /** 4.0 to 5.13: MQ_Connection, hand-back by connection, void context hooks, MQ_Address. */
        CONNECTION("4.0-5.13");

        private final String releases;

        Generation(String releases) {
            this.releases = releases;
        }

        /** The releases of the generation, as people write them: "2.1/3.x". */
        public String releases() {
            return releases;
        }

        /**
         * The generation whose naming a host function follows, as both document it: MQ_ plus
         * CamelCase in 2.1/3.x ({@code MQ_SmtpSend}), MQ_ plus lowerCamel from 4.0 ({@code MQ_send});
         * empty for MQ_ev, which both have, and for names that are not MQ_ functions.
         */
        public static Optional<Generation> ofFunction(String name) {
            if (!name.startsWith("MQ_") || name.length() < 4 || name.equals("MQ_ev")) {
                return Optional.empty();
            }
            char first = name.charAt(3);
            return Character.isUpperCase(first) ? Optional.of(SMTP_CONNECTION)
                    : Character.isLowerCase(first) ? Optional.of(CONNECTION) : Optional.empty();
        }
    }

    /** Every release this toolkit knows, oldest first. */
    public static final List<MailerqRelease> KNOWN;

    static {
        List<MailerqRelease> known = new ArrayList<>(List.of(new MailerqRelease(2, 1, 0), new MailerqRelease(3, 0, 0)));
        for (int minor = 0; minor <= 4; minor++) {
            known.add(new MailerqRelease(4, minor, 0));
        }
        for (int minor = 0; minor <= 13; minor++) {
            known.add(new MailerqRelease(5, minor, 0));
            if (minor == 6) {
                known.add(new MailerqRelease(5, 6, 5)); // MQ_log: "Available from MailerQ 5.6.5"
            }
        }
        KNOWN = Collections.unmodifiableList(known);
    }

    /** The newest release, the one a project of the Connection generation is pointed at. */
    public static final MailerqRelease NEWEST = new MailerqRelease(5, 13, 0);

    /** The first release of the Connection generation. */
    public static final MailerqRelease FIRST_CONNECTION = new MailerqRelease(4, 0, 0);

    /** The first release whose MQ_json returns a libfastjson object rather than a json-c one. */
    public static final MailerqRelease FIRST_FASTJSON = new MailerqRelease(5, 0, 0);

    /** The host functions that came after the first release of their generation, with the release they came in. */
    private static final Map<String, MailerqRelease> LATER_FUNCTIONS = Map.of("MQ_log", new MailerqRelease(5, 6, 5));

    /**
     * The release written as "5.13", "3.0" or "5.6.5".
     *
     * @throws IllegalArgumentException naming the known releases
     */
    public static MailerqRelease parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        for (MailerqRelease release : KNOWN) {
            if (release.toString().equals(trimmed) || (release.patch == 0 && trimmed.equals(release + ".0"))) {
                return release;
            }
        }
        throw new IllegalArgumentException("'" + trimmed + "' is not a MailerQ release this toolkit knows: "
                + knownList());
    }

    /** The known releases, comma-separated, for error messages. */
    public static String knownList() {
        return KNOWN.stream().map(MailerqRelease::toString).collect(Collectors.joining(", "));
    }

    /** MQ_MAILERQ_VERSION: major * 10000 + minor * 100 + patch. */
    public int macro() {
        return major * 10000 + minor * 100 + patch;
    }

    /** The known release with this MQ_MAILERQ_VERSION. */
    public static MailerqRelease ofMacro(int macro) {
        return parse(macro / 10000 + "." + macro / 100 % 100 + (macro % 100 == 0 ? "" : "." + macro % 100));
    }

    /**
     * The MQ_API_VERSION of this release in the toolkit's mailerq.h, what mq_version() must return.
     * MailerQ documents no value for any release: these are the toolkit's, one per API change, and
     * must match the header's table (a test compares them).
     */
    public int apiVersion() {
        if (atLeast(new MailerqRelease(5, 6, 5))) {
            return 4;
        }
        return atLeast(FIRST_FASTJSON) ? 3 : atLeast(FIRST_CONNECTION) ? 2 : 1;
    }

    /** Whether MQ_json hands plugins libfastjson objects (5.0 and later) rather than json-c ones. */
    public boolean fastjson() {
        return atLeast(FIRST_FASTJSON);
    }

    /**
     * The release a host function of this release's generation came in, when that is later than
     * this release (e.g. MQ_log, 5.6.5, for 5.0); empty when this release has it or does not know it.
     */
    public Optional<MailerqRelease> laterReleaseOf(String function) {
        MailerqRelease since = LATER_FUNCTIONS.get(function);
        return since != null && Generation.ofFunction(function).orElse(null) == generation() && !atLeast(since)
                ? Optional.of(since) : Optional.empty();
    }

    public Generation generation() {
        return compareTo(FIRST_CONNECTION) >= 0 ? Generation.CONNECTION : Generation.SMTP_CONNECTION;
    }

    /** Whether this release is {@code other} or later. */
    public boolean atLeast(MailerqRelease other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(MailerqRelease other) {
        return Integer.compare(macro(), other.macro());
    }

    @Override
    public String toString() {
        return major + "." + minor + (patch == 0 ? "" : "." + patch);
    }
}
