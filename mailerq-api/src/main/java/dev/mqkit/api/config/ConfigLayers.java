package dev.mqkit.api.config;

import dev.mqkit.api.MailerqRelease;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the sources of a configuration on top of each other in MailerQ's precedence (defaults, file, environment,
 * command line: <a href="https://www.mailerq.com/documentation/5.13/configuration">5.13/configuration</a>) and looks
 * their keys up for the release they make the runtime play.
 *
 * <p>The release comes first: mailerq-version from the highest source that sets it, the environment included
 * whatever release it names (it is the runtime's own key), then every other key is looked up in that release's
 * {@link KeyNaming}. Keys of MailerQ that the runtime does not simulate are kept as notes for one warning
 * ({@link RuntimeConfig#ignoredWarning()}). Environment variables other than mailerq-version apply from
 * {@link EnvironmentVariables#FIRST_RELEASE} on: no earlier release documents them, so for those they are
 * noted and left out.
 */
final class ConfigLayers {
    private ConfigLayers() {}

    /** {@code base} with {@code entries} set, lowest precedence first. */
    static RuntimeConfig apply(RuntimeConfig base, List<ConfigEntry> entries) {
        MailerqRelease release = base.mailerqVersion();
        for (ConfigEntry entry : entries) {
            if (ConfigKey.byName(entry.name()).orElse(null) == ConfigKey.MAILERQ_VERSION) {
                release = MailerqRelease.parse(RuntimeConfig.checked(ConfigKey.MAILERQ_VERSION, entry.value(),
                        entry.where()));
            }
        }
        KeyNaming naming = KeyNaming.of(release);
        boolean environmentApplies = release.atLeast(EnvironmentVariables.FIRST_RELEASE);
        Map<ConfigKey, String> values = base.explicitValues();
        List<String> ignored = new ArrayList<>(base.ignoredKeys());
        Map<ConfigEntry.Origin, Map<ConfigKey, ConfigEntry>> seen = new EnumMap<>(ConfigEntry.Origin.class);
        for (ConfigEntry entry : entries) {
            boolean fromEnvironment = entry.origin() == ConfigEntry.Origin.ENVIRONMENT;
            String variable = fromEnvironment ? entry.where().substring("environment ".length()) : null;
            if (fromEnvironment && !environmentApplies
                    && ConfigKey.byName(entry.name()).orElse(null) != ConfigKey.MAILERQ_VERSION) {
                ignored.add(variable + " (MailerQ " + release + " reads no environment variables; they came in "
                        + EnvironmentVariables.FIRST_RELEASE + ")");
                continue;
            }
            KeyLookup.Meaning meaning;
            try {
                meaning = KeyLookup.resolve(entry.name(), naming);
            } catch (IllegalArgumentException e) {
                if (fromEnvironment && !KeyLookup.knownInSomeNaming(entry.name())) {
                    // the environment is shared with other programs: a stray variable must not stop the runtime
                    ignored.add(variable + " (names no key" + KeyLookup.suggestion(entry.name(), naming) + ")");
                    continue;
                }
                throw new ConfigException(entry.where() + ": " + e.getMessage());
            }
            if (meaning.ignored()) {
                ignored.add(entry.name() + " (" + entry.where() + ")");
                continue;
            }
            ConfigKey key = meaning.key();
            ConfigEntry earlier = seen.computeIfAbsent(entry.origin(), o -> new EnumMap<>(ConfigKey.class))
                    .put(key, entry);
            if (earlier != null) {
                throw new ConfigException(entry.where() + ": key '" + entry.name() + "' was already set "
                        + (earlier.line() > 0 ? "on line " + earlier.line() : "by " + earlier.where()));
            }
            values.put(key, RuntimeConfig.checked(key, entry.value(), entry.where()));
        }
        return new RuntimeConfig(values, ignored);
    }
}
