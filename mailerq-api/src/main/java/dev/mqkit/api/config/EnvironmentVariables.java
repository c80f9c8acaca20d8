package dev.mqkit.api.config;

import dev.mqkit.api.MailerqRelease;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * MailerQ 5.13's environment variables: a key upper-cased, '-' turned into '_', after {@code MAILERQ_}
 * ({@code MAILERQ_RABBITMQ_ADDRESS} for rabbitmq-address); they beat the file and lose to the command line
 * (<a href="https://www.mailerq.com/documentation/5.13/configuration">5.13/configuration</a>). No earlier release
 * documents them, so a runtime playing one ignores them and says so (see {@link ConfigLayers}).
 */
public final class EnvironmentVariables {
    /** The prefix of the variables that set keys. */
    public static final String PREFIX = "MAILERQ_";

    /** The first release whose documentation has the variables. */
    public static final MailerqRelease FIRST_RELEASE = MailerqRelease.parse("5.13");

    private EnvironmentVariables() {}

    /** The entries of the {@code MAILERQ_*} variables of {@code environment}, sorted by name. */
    public static List<ConfigEntry> entries(Map<String, String> environment) {
        List<ConfigEntry> entries = new ArrayList<>();
        new TreeMap<>(environment).forEach((variable, value) -> {
            if (variable.startsWith(PREFIX) && variable.length() > PREFIX.length()) {
                entries.add(new ConfigEntry(ConfigEntry.Origin.ENVIRONMENT, keyName(variable), value,
                        "environment " + variable, 0));
            }
        });
        return entries;
    }

    /** The key a variable sets: smtp-port for MAILERQ_SMTP_PORT. */
    static String keyName(String variable) {
        return variable.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
