package dev.mqkit.api;

import java.util.List;
import java.util.Optional;

/**
 * A MailerQ release a plugin targets and the runtime plays: one of the
 * releases MailerQ documents, from 2.1 to 5.13. Its facts (generation,
 * MQ_API_VERSION, functions) are those of {@link PluginApi#bundled()}, and
 * {@link #macro()} is the {@code MQ_MAILERQ_VERSION} that selects its
 * declarations in mailerq.h.
 */
public record MailerqRelease(int major, int minor, int patch) implements Comparable<MailerqRelease> {

    /** The plugin API generations. */
    public enum Generation {
        /** 2.1 and 3.x: MQ_SmtpConnection, hand-back by context, bool context hooks. */
        SMTP_CONNECTION,
        /** 4.0 to 5.13: MQ_Connection, hand-back by connection, void context hooks, MQ_Address. */
        CONNECTION;

        /** The releases of the generation, as people write them: "2.1/3.x". */
        public String releases() {
            return PluginApi.bundled().releasesOf(this);
        }
    }

    /** Every release this toolkit knows, oldest first. */
    public static List<MailerqRelease> known() {
        return PluginApi.bundled().releases();
    }

    /** The newest release, the one a project of the Connection generation is pointed at. */
    public static MailerqRelease newest() {
        return PluginApi.bundled().newest();
    }

    /**
     * The release written as "5.13", "3.0" or "5.6.5".
     *
     * @throws IllegalArgumentException naming the known releases
     */
    public static MailerqRelease parse(String text) {
        return PluginApi.bundled().parse(text);
    }

    /**
     * The release written as "5.13" or "5.6.5", whether or not a model knows it: how the model itself
     * reads its releases.
     *
     * @throws IllegalArgumentException when the text is no release number
     */
    static MailerqRelease of(String text) {
        String[] parts = text.trim().split("\\.", -1);
        try {
            if (parts.length >= 2 && parts.length <= 3) {
                return new MailerqRelease(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                        parts.length == 3 ? Integer.parseInt(parts[2]) : 0);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("'" + text + "' is no MailerQ release number such as 5.13 or 5.6.5");
    }

    /** The known releases, comma-separated, for error messages. */
    public static String knownList() {
        return PluginApi.bundled().knownList();
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
     * The MQ_API_VERSION of this release, what mq_version() must return. MailerQ documents no value for
     * any release: these are the toolkit's, one per API change.
     */
    public int apiVersion() {
        return api().apiVersion();
    }

    /** Whether MQ_json hands plugins libfastjson objects (5.0 and later) rather than json-c ones. */
    public boolean fastjson() {
        return api().fastjson();
    }

    /**
     * The release a host function of this release's generation came in, when that is later than
     * this release (e.g. MQ_log, 5.6.5, for 5.0); empty when this release has it or does not know it.
     */
    public Optional<MailerqRelease> laterReleaseOf(String function) {
        return PluginApi.bundled().laterReleaseOf(function, this);
    }

    public Generation generation() {
        return api().generation();
    }

    /** This release's plugin API. */
    public ReleaseApi api() {
        return PluginApi.bundled().of(this);
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
