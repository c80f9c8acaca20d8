package dev.mqkit.api.config;

import dev.mqkit.api.MailerqRelease;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The runtime's command line: {@code --config FILE} (read first, wherever it stands), then every
 * {@code --KEY VALUE} (or {@code --KEY=VALUE}) overriding the file and the {@code MAILERQ_*} environment
 * variables, {@code --help} and {@code --jvm-options}. Parsing checks the arguments only; the file is read by
 * {@link #config()}, so that a usage error and an error in the file can be told apart (and {@code --help} works
 * whatever the file holds); which names a key may have depends on the release played, known only then. Callers may
 * allow further options that take one value each and may repeat (e.g. a file of messages to send);
 * their values are handed back in order.
 */
public final class CommandLine {
    private static final String JVM_OPTIONS = "jvm-options";
    private final Path configFile;
    private final List<ConfigEntry> overrides;
    private final boolean help;
    private final boolean jvmOptions;
    private final Map<String, List<String>> extra;

    private CommandLine(Path configFile, List<ConfigEntry> overrides, boolean help, boolean jvmOptions,
            Map<String, List<String>> extra) {
        this.configFile = configFile;
        this.overrides = overrides;
        this.help = help;
        this.jvmOptions = jvmOptions;
        this.extra = extra;
    }

    /** Parses {@code args} allowing only config keys, --config and --help. */
    public static CommandLine parse(String... args) {
        return parse(Map.of(), args);
    }

    /**
     * Parses {@code args}; {@code extraOptions} maps the names (without {@code --}) of further options
     * to their descriptions for {@link #help(Map)}.
     */
    public static CommandLine parse(Map<String, String> extraOptions, String... args) {
        Path configFile = null;
        boolean help = false;
        boolean jvmOptions = false;
        List<ConfigEntry> overrides = new ArrayList<>();
        Set<Object> given = new HashSet<>();
        Map<String, List<String>> extra = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException("command line: unexpected argument '" + arg
                        + "' (options are --KEY VALUE; see --help)");
            }
            String name = arg.substring(2);
            String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (name.equals("help") || name.equals(JVM_OPTIONS)) {
                if (value != null) {
                    throw new ConfigException("command line --" + name + ": takes no value");
                }
                help |= name.equals("help");
                jvmOptions |= name.equals(JVM_OPTIONS);
                continue;
            }
            String option = "--" + name;
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new ConfigException("command line " + option + ": missing value");
                }
                value = args[++i];
            }
            if (name.equals("config")) {
                if (configFile != null) {
                    throw new ConfigException("command line --config: given twice");
                }
                configFile = Path.of(value);
                continue;
            }
            if (extraOptions.containsKey(name)) {
                extra.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                continue;
            }
            if (!KeyLookup.knownInSomeNaming(name)) {
                throw new ConfigException("command line " + option + ": unknown option '" + name + "'"
                        + suggestion(name) + " (see --help)");
            }
            Optional<ConfigKey> key = KeyLookup.anyNaming(name);
            if (!given.add(key.isPresent() ? key.get() : name)) {
                throw new ConfigException("command line " + option + ": given twice");
            }
            // a value is checked now where the key is plain; the release played decides the rest in config()
            String checked = key.isPresent() ? RuntimeConfig.checked(key.get(), value, "command line " + option)
                    : value;
            overrides.add(new ConfigEntry(ConfigEntry.Origin.COMMAND_LINE, name, checked, "command line " + option, 0));
        }
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        extra.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return new CommandLine(configFile, List.copyOf(overrides), help, jvmOptions,
                Collections.unmodifiableMap(frozen));
    }

    /** The configuration with this process's environment: {@link #config(Map)}. */
    public RuntimeConfig config() {
        return config(System.getenv());
    }

    /**
     * The configuration: defaults, then the --config file (read now), then the {@code MAILERQ_*} variables of
     * {@code environment}, then the options; throws a {@link ConfigException} naming file and line, variable or
     * option for an error.
     */
    public RuntimeConfig config(Map<String, String> environment) {
        List<ConfigEntry> entries = new ArrayList<>();
        if (configFile != null) {
            entries.addAll(ConfigFile.read(configFile));
        }
        entries.addAll(EnvironmentVariables.entries(environment));
        entries.addAll(overrides);
        return RuntimeConfig.defaults().withEntries(entries);
    }

    /**
     * The release the configuration plays, for {@link #help(Map, MailerqRelease)}: as {@link #config(Map)} has it,
     * or when that fails (--help works whatever the file holds), what the options alone give.
     */
    public MailerqRelease playedRelease(Map<String, String> environment) {
        try {
            return config(environment).mailerqVersion();
        } catch (ConfigException e) {
            try {
                return RuntimeConfig.defaults().withEntries(overrides).mailerqVersion();
            } catch (ConfigException alsoBad) {
                return RuntimeConfig.defaults().mailerqVersion();
            }
        }
    }

    /** Whether --help was given: print {@link #help} and stop. */
    public boolean helpRequested() {
        return help;
    }

    /** Whether --jvm-options was given: print the {@link JvmOptions} for the configuration and stop. */
    public boolean jvmOptionsRequested() {
        return jvmOptions;
    }

    /** The values given for the extra option {@code name}, in order; empty if none. */
    public List<String> extra(String name) {
        return extra.getOrDefault(name, List.of());
    }

    /** The --help text for the default release: every key with its meaning and default. */
    public static String help() {
        return help(Map.of());
    }

    /** The --help text for the default release, including the caller's extra options. */
    public static String help(Map<String, String> extraOptions) {
        return help(extraOptions, RuntimeConfig.defaults().mailerqVersion());
    }

    /** The --help text including the caller's extra options: the keys under the names {@code release} gives them. */
    public static String help(Map<String, String> extraOptions, MailerqRelease release) {
        KeyNaming naming = KeyNaming.of(release);
        StringBuilder out = new StringBuilder();
        out.append("Options:\n");
        out.append("  --config FILE\n      read keys from FILE (one 'key: value' per line, # comments); "
                + "options below override it\n");
        out.append("  --help\n      print this text\n");
        out.append("  --" + JVM_OPTIONS + "\n      print the JVM options the runtime runs best with for this "
                + "configuration, for java $(java -jar ... --" + JVM_OPTIONS + " ...) -jar ...\n");
        extraOptions.forEach((name, description) ->
                out.append("  --").append(name).append(" VALUE\n      ").append(description).append('\n'));
        out.append("\nKeys of MailerQ ").append(release).append(" (in the config file as 'key: value', on the command "
                + "line as --key value or --key=value");
        if (release.atLeast(EnvironmentVariables.FIRST_RELEASE)) {
            out.append(", in the environment as MAILERQ_KEY_NAME; the command line beats the environment, which "
                    + "beats the file");
        }
        out.append("):\n");
        for (ConfigKey key : ConfigKey.values()) {
            out.append("  ").append(KeyLookup.nameIn(key, naming)).append(" (").append(typeName(key.type()))
                    .append(KeyLookup.otherNameIn(key, naming).map(alias -> "; also " + alias).orElse(""))
                    .append(")\n")
                    .append("      ").append(key.description()).append('\n')
                    .append("      default: ").append(key.defaultValue().isEmpty() ? "(empty)" : key.defaultValue())
                    .append('\n');
        }
        out.append("\nKeys of MailerQ ").append(naming.label()).append(" that the runtime accepts and ignores, "
                + "with one warning at start:\n");
        out.append(wrapped(String.join(", ", KeyLookup.ignoredIn(naming)) + ", and any key of the families "
                + String.join(", ", KeyNaming.ignoredFamilies()))).append('\n');
        return out.toString();
    }

    private static String suggestion(String name) {
        for (KeyNaming naming : KeyNaming.values()) {
            String suggestion = KeyLookup.suggestion(name, naming);
            if (!suggestion.isEmpty()) {
                return suggestion;
            }
        }
        return "";
    }

    private static String wrapped(String text) {
        StringBuilder out = new StringBuilder("     ");
        int column = out.length();
        for (String word : text.split(" ")) {
            if (column + word.length() + 1 > 110) {
                out.append("\n     ");
                column = 5;
            }
            out.append(' ').append(word);
            column += word.length() + 1;
        }
        return out.toString();
    }

    private static String typeName(ConfigKey.ValueType type) {
        return switch (type) {
            case STRING -> "text";
            case PORT -> "port";
            case PORTS -> "ports";
            case POSITIVE_INT -> "number";
            case BOOLEAN -> "true/false or 1/0";
            case DURATION -> "duration";
            case SIZE -> "bytes";
            case HOST_PORT -> "host[:port]";
            case ADDRESS_RANGES -> "address ranges";
            case RELEASE -> "release";
            case COUNT -> "number";
            case DURATIONS -> "durations";
            case LOCAL_ADDRESSES -> "local addresses";
            case LOGINS -> "logins";
        };
    }
}
