package dev.mqkit.runtime.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runtime's command line: {@code --config FILE} (read first, wherever it stands), then every
 * {@code --KEY VALUE} (or {@code --KEY=VALUE}) overriding the file, {@code --help} and {@code --jvm-options}. Parsing
 * checks the arguments only; the file is read by {@link #config()}, so that a usage error and an
 * error in the file can be told apart (and {@code --help} works whatever the file holds). Callers may
 * allow further options that take one value each and may repeat (e.g. a file of messages to send);
 * their values are handed back in order.
 */
public final class CommandLine {
    private static final String JVM_OPTIONS = "jvm-options";
    private final Path configFile;
    private final Map<ConfigKey, String> overrides;
    private final boolean help;
    private final boolean jvmOptions;
    private final Map<String, List<String>> extra;

    private CommandLine(Path configFile, Map<ConfigKey, String> overrides, boolean help, boolean jvmOptions,
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
        Map<ConfigKey, String> overrides = new EnumMap<>(ConfigKey.class);
        Map<ConfigKey, String> overrideOrigin = new EnumMap<>(ConfigKey.class);
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
            String optionName = name;
            ConfigKey key = ConfigKey.byName(name).orElseThrow(() -> new ConfigException(
                    "command line " + option + ": unknown option '" + optionName + "' (see --help)"));
            if (overrides.containsKey(key)) {
                throw new ConfigException("command line " + option + ": given twice");
            }
            overrides.put(key, RuntimeConfig.checked(key, value, "command line " + option));
            overrideOrigin.put(key, option);
        }
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        extra.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return new CommandLine(configFile, Collections.unmodifiableMap(overrides), help, jvmOptions,
                Collections.unmodifiableMap(frozen));
    }

    /**
     * The configuration: defaults, then the --config file (read now), then the overrides; throws a
     * {@link ConfigException} naming file and line for an error in the file.
     */
    public RuntimeConfig config() {
        RuntimeConfig config = RuntimeConfig.defaults();
        if (configFile != null) {
            config = config.withFile(configFile);
        }
        for (Map.Entry<ConfigKey, String> e : overrides.entrySet()) {
            config = config.with(e.getKey(), e.getValue());
        }
        return config;
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

    /** The --help text: every key with its meaning and default. */
    public static String help() {
        return help(Map.of());
    }

    /** The --help text including the caller's extra options. */
    public static String help(Map<String, String> extraOptions) {
        StringBuilder out = new StringBuilder();
        out.append("Options:\n");
        out.append("  --config FILE\n      read keys from FILE (one 'key: value' per line, # comments); "
                + "options below override it\n");
        out.append("  --help\n      print this text\n");
        out.append("  --" + JVM_OPTIONS + "\n      print the JVM options the runtime runs best with for this "
                + "configuration, for java $(java -jar ... --" + JVM_OPTIONS + " ...) -jar ...\n");
        extraOptions.forEach((name, description) ->
                out.append("  --").append(name).append(" VALUE\n      ").append(description).append('\n'));
        out.append("\nKeys (in the config file as 'key: value', on the command line as --key value):\n");
        for (ConfigKey key : ConfigKey.values()) {
            out.append("  ").append(key.key()).append(" (").append(typeName(key.type()))
                    .append(key.alias().map(alias -> "; also " + alias).orElse("")).append(")\n")
                    .append("      ").append(key.description()).append('\n')
                    .append("      default: ").append(key.defaultValue().isEmpty() ? "(empty)" : key.defaultValue())
                    .append('\n');
        }
        return out.toString();
    }

    private static String typeName(ConfigKey.ValueType type) {
        return switch (type) {
            case STRING -> "text";
            case PORT -> "port";
            case PORTS -> "ports";
            case POSITIVE_INT -> "number";
            case BOOLEAN -> "true/false";
            case DURATION -> "duration";
            case SIZE -> "bytes";
            case HOST_PORT -> "host[:port]";
            case ADDRESS_RANGES -> "address ranges";
            case RELEASE -> "release";
            case LOCAL_ADDRESSES -> "local addresses";
        };
    }
}
