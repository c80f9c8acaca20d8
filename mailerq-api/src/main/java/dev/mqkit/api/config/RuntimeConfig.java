package dev.mqkit.api.config;

import dev.mqkit.api.MailerqRelease;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runtime's configuration: MailerQ's {@code key: value} lines ({@link ConfigFile}), then the environment
 * ({@link EnvironmentVariables}) and the command line ({@link CommandLine}), looked up for the played release
 * ({@link ConfigLayers}). Immutable; every value was checked when it was set, so the typed getters never fail.
 * The keys of MailerQ that the runtime accepted and ignores are kept for one warning at start.
 */
public final class RuntimeConfig {
    private final Map<ConfigKey, String> values;
    private final List<String> ignored;

    RuntimeConfig(Map<ConfigKey, String> values, List<String> ignored) {
        EnumMap<ConfigKey, String> copy = new EnumMap<>(ConfigKey.class);
        copy.putAll(values);
        this.values = Collections.unmodifiableMap(copy);
        this.ignored = List.copyOf(ignored);
    }

    /** Every key at its default. */
    public static RuntimeConfig defaults() {
        return new RuntimeConfig(new EnumMap<>(ConfigKey.class), List.of());
    }

    /** Reads a config file on top of the defaults. */
    public static RuntimeConfig load(Path file) {
        return defaults().withFile(file);
    }

    /** This configuration with the keys of {@code file} set. */
    public RuntimeConfig withFile(Path file) {
        return withEntries(ConfigFile.read(file));
    }

    /** This configuration with the keys of {@code text} set; {@code source} names it in errors. */
    public RuntimeConfig withText(String text, String source) {
        return withEntries(ConfigFile.parse(text, source));
    }

    /** This configuration with {@code entries} set, lowest precedence first, for the release they make it play. */
    RuntimeConfig withEntries(List<ConfigEntry> entries) {
        return ConfigLayers.apply(this, entries);
    }

    /** This configuration with one key changed; for code and tests. */
    public RuntimeConfig with(ConfigKey key, String value) {
        EnumMap<ConfigKey, String> next = copy();
        next.put(key, checked(key, value, "setting " + key.key()));
        return next.equals(values) ? this : new RuntimeConfig(next, ignored);
    }

    /** This configuration with the key called {@code name} (in either release's naming) changed. */
    public RuntimeConfig with(String name, String value) {
        ConfigKey key = KeyLookup.anyNaming(name)
                .orElseThrow(() -> new ConfigException("setting " + name + ": unknown key '" + name + "'"));
        return with(key, value);
    }

    /** The MailerQ keys that were accepted and are ignored, each with where it was set, in order. */
    public List<String> ignoredKeys() {
        return ignored;
    }

    /** The one warning about {@link #ignoredKeys()}, if there are any. */
    public Optional<String> ignoredWarning() {
        if (ignored.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("accepted and ignored, as the runtime does not simulate them: " + String.join(", ", ignored));
    }

    Map<ConfigKey, String> explicitValues() {
        return copy();
    }

    /** Checks a value for {@code key}; {@code where} starts the error message (file:line or option). */
    static String checked(ConfigKey key, String value, String where) {
        try {
            return Values.check(key, value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": bad value for " + key.key() + ": " + e.getMessage());
        }
    }

    private EnumMap<ConfigKey, String> copy() {
        EnumMap<ConfigKey, String> map = new EnumMap<>(ConfigKey.class);
        map.putAll(values);
        return map;
    }

    // ----- raw access -----

    /** The value of {@code key} as text: the one set, else the default. */
    public String get(ConfigKey key) {
        return values.getOrDefault(key, key.defaultValue());
    }

    /** Whether {@code key} was set explicitly (file, command line or {@link #with}). */
    public boolean isSet(ConfigKey key) {
        return values.containsKey(key);
    }

    /** The value if it is not empty. */
    public Optional<String> optional(ConfigKey key) {
        String value = get(key);
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    public int getInt(ConfigKey key) {
        return Values.positiveInt(get(key));
    }

    public boolean getBoolean(ConfigKey key) {
        return Values.bool(get(key));
    }

    public Duration getDuration(ConfigKey key) {
        return Values.duration(get(key));
    }

    public long getSize(ConfigKey key) {
        return Values.size(get(key));
    }

    public List<Integer> getPorts(ConfigKey key) {
        return Values.ports(get(key));
    }

    public int getPort(ConfigKey key) {
        return Values.port(get(key));
    }

    // ----- typed getters for the keys -----

    public Optional<Path> pluginDirectory() {
        return optional(ConfigKey.PLUGIN_DIRECTORY).map(Path::of);
    }

    public List<Integer> smtpPorts() {
        return getPorts(ConfigKey.SMTP_PORT);
    }

    public String smtpIp() {
        return get(ConfigKey.SMTP_IP);
    }

    public List<Integer> smtpSecurePorts() {
        return getPorts(ConfigKey.SMTP_SECURE_PORT);
    }

    public Optional<Path> smtpCertificate() {
        return optional(ConfigKey.SMTP_CERTIFICATE).map(Path::of);
    }

    public Optional<Path> smtpPrivateKey() {
        return optional(ConfigKey.SMTP_PRIVATEKEY).map(Path::of);
    }

    public Optional<String> smtpUsername() {
        return optional(ConfigKey.SMTP_USERNAME);
    }

    public String smtpPassword() {
        return get(ConfigKey.SMTP_PASSWORD);
    }

    /** The logins incoming SMTP requires, login to password: smtp-username's, then smtp-auth's; empty: none. */
    public Map<String, String> smtpLogins() {
        Map<String, String> logins = new LinkedHashMap<>();
        smtpUsername().ifPresent(login -> logins.put(login, smtpPassword()));
        SmtpLogins.parse(get(ConfigKey.SMTP_AUTH)).forEach(logins::putIfAbsent);
        return logins;
    }

    public Optional<String> smarthost() {
        return optional(ConfigKey.SMARTHOST);
    }

    public int smarthostPort() {
        return getPort(ConfigKey.SMARTHOST_PORT);
    }

    public Optional<String> smarthostUsername() {
        return optional(ConfigKey.SMARTHOST_USERNAME);
    }

    public String smarthostPassword() {
        return get(ConfigKey.SMARTHOST_PASSWORD);
    }

    /** The inbox queue's name: rabbitmq-inbox, or the outbox's when that is empty. */
    public String inboxQueue() {
        return optional(ConfigKey.RABBITMQ_INBOX).orElseGet(this::outboxQueue);
    }

    public String outboxQueue() {
        return get(ConfigKey.RABBITMQ_OUTBOX);
    }

    public String resultsQueue() {
        return get(ConfigKey.RABBITMQ_RESULTS);
    }

    public String successQueue() {
        return get(ConfigKey.RABBITMQ_SUCCESS);
    }

    public String failureQueue() {
        return get(ConfigKey.RABBITMQ_FAILURE);
    }

    public String retryQueue() {
        return get(ConfigKey.RABBITMQ_RETRY);
    }

    public String refusedQueue() {
        return get(ConfigKey.RABBITMQ_REFUSED);
    }

    public String localQueue() {
        return get(ConfigKey.RABBITMQ_LOCAL);
    }

    /** dsn-advertise: whether 4.0+ offers DSN to incoming clients (3.0 always does). */
    public boolean dsnAdvertise() {
        return getBoolean(ConfigKey.DSN_ADVERTISE);
    }

    /** smtp-extract: whether 4.0+ turns x-mq-* headers into properties (3.0 always does). */
    public boolean smtpExtract() {
        return getBoolean(ConfigKey.SMTP_EXTRACT);
    }

    /** local-addresses: the recipients whose mail goes to the local queue without a login. */
    public LocalAddresses localAddresses() {
        return LocalAddresses.parse(get(ConfigKey.LOCAL_ADDRESSES));
    }

    /** The MailerQ release played. */
    public MailerqRelease mailerqVersion() {
        return MailerqRelease.parse(get(ConfigKey.MAILERQ_VERSION));
    }

    /** What plugins' mq_version() must return: plugin-api-version, or the played release's MQ_API_VERSION. */
    public int pluginApiVersion() {
        String value = get(ConfigKey.PLUGIN_API_VERSION).trim();
        if (value.isEmpty()) {
            return mailerqVersion().apiVersion();
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException("plugin-api-version '" + value + "' is not a number: write the MQ_API_VERSION "
                    + "of the mailerq.h the plugins were built against, or leave it empty");
        }
    }

    public int workers() {
        return getInt(ConfigKey.WORKERS);
    }

    public boolean smtpAllowPlainAuth() {
        return getBoolean(ConfigKey.SMTP_ALLOW_PLAIN_AUTH);
    }

    public long smtpMaxMessageSize() {
        return getSize(ConfigKey.SMTP_MAX_MESSAGE_SIZE);
    }

    public int smtpMaxRecipients() {
        return getInt(ConfigKey.SMTP_MAX_RECIPIENTS);
    }

    public int smtpMaxConnections() {
        return getInt(ConfigKey.SMTP_MAX_CONNECTIONS);
    }

    public Duration smtpTimeout() {
        return getDuration(ConfigKey.SMTP_TIMEOUT);
    }

    public AddressRanges smtpRanges() {
        return AddressRanges.parse(get(ConfigKey.SMTP_RANGES));
    }

    public Duration smtpCommandDeadline() {
        return getDuration(ConfigKey.SMTP_COMMAND_DEADLINE);
    }

    public Duration smtpDataDeadline() {
        return getDuration(ConfigKey.SMTP_DATA_DEADLINE);
    }

    public int smtpMaxConnectionsPerIp() {
        return getInt(ConfigKey.SMTP_MAX_CONNECTIONS_PER_IP);
    }

    public int smtpErrorLimit() {
        return getInt(ConfigKey.SMTP_ERROR_LIMIT);
    }

    public Duration smtpAuthFailureDelay() {
        return getDuration(ConfigKey.SMTP_AUTH_FAILURE_DELAY);
    }

    public long smtpSpoolThreshold() {
        return getSize(ConfigKey.SMTP_SPOOL_THRESHOLD);
    }

    /** The spool directory; the system's temporary directory unless configured. */
    public Path smtpSpoolDirectory() {
        return optional(ConfigKey.SMTP_SPOOL_DIRECTORY).map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** smtp-max-inflight, by default a quarter of the JVM's maximum heap (bodies become text in the heap once received). */
    public long smtpMaxInflight() {
        return optional(ConfigKey.SMTP_MAX_INFLIGHT).map(Values::size).orElseGet(() -> Runtime.getRuntime().maxMemory() / 4);
    }

    public int resultQueueLimit() {
        return getInt(ConfigKey.RESULT_QUEUE_LIMIT);
    }

    public Duration pluginTimeout() {
        return getDuration(ConfigKey.PLUGIN_TIMEOUT);
    }

    /** The DNS server for MX look-ups (unresolved), or empty for the system's. */
    public Optional<InetSocketAddress> dnsResolver() {
        return optional(ConfigKey.DNS_RESOLVER).map(v -> Values.hostPort(v, 53));
    }

    public int deliveryPort() {
        return getPort(ConfigKey.DELIVERY_PORT);
    }

    public Optional<String> deliveryHeloName() {
        return optional(ConfigKey.DELIVERY_HELO_NAME);
    }

    public boolean deliveryStartTls() {
        return getBoolean(ConfigKey.DELIVERY_STARTTLS);
    }

    public boolean deliveryTlsVerify() {
        return getBoolean(ConfigKey.DELIVERY_TLS_VERIFY);
    }

    /** max-attempts: attempts per message, 0 for no limit; by default the played release's (3.0: 6, 4.0 on: 0). */
    public int deliveryMaxAttempts() {
        return optional(ConfigKey.DELIVERY_MAX_ATTEMPTS).map(Values::count)
                .orElse(mailerqVersion().generation() == MailerqRelease.Generation.SMTP_CONNECTION ? 6 : 0);
    }

    /** max-deliver-time / max-delivertime: how long after its first attempt a message may still be delivered. */
    public Duration maxDeliverTime() {
        return getDuration(ConfigKey.MAX_DELIVER_TIME);
    }

    /** retry-interval: the waits between attempts (4.0 and later), the last one repeating. */
    public List<Duration> retryInterval() {
        return Values.durations(get(ConfigKey.RETRY_INTERVAL));
    }

    public Duration deliveryRetryDelay() {
        return getDuration(ConfigKey.DELIVERY_RETRY_DELAY);
    }

    public int deliveryRetryMultiplier() {
        return getInt(ConfigKey.DELIVERY_RETRY_MULTIPLIER);
    }

    public Duration deliveryRetryMaxDelay() {
        return getDuration(ConfigKey.DELIVERY_RETRY_MAX_DELAY);
    }

    public Duration deliveryConnectTimeout() {
        return getDuration(ConfigKey.DELIVERY_CONNECT_TIMEOUT);
    }

    public Duration deliveryTimeout() {
        return getDuration(ConfigKey.DELIVERY_TIMEOUT);
    }

    public Duration smtpShutdownTimeout() {
        return getDuration(ConfigKey.SMTP_SHUTDOWN_TIMEOUT);
    }

    /** The control channel's port (0: a free one), when the channel is wanted. */
    public Optional<Integer> controlPort() {
        return optional(ConfigKey.CONTROL_PORT).map(Values::port);
    }

    public Optional<Path> traceFile() {
        return optional(ConfigKey.TRACE_FILE).map(Path::of);
    }

    public Optional<Path> crashLog() {
        return optional(ConfigKey.CRASH_LOG).map(Path::of);
    }

    public int deliveryMaxConcurrent() {
        return getInt(ConfigKey.DELIVERY_MAX_CONCURRENT);
    }

    /** The values set explicitly, as {@code key: value} lines, what {@link ConfigKey#secret()} marks masked. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        values.forEach((k, v) -> out.append(k.key()).append(": ").append(k.secret().mask(v)).append('\n'));
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuntimeConfig other && other.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
