package dev.mqkit.runtime.delivery;

import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.config.RuntimeConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What delivery takes from the configuration, mapped once by {@link #from}; the defaults are those
 * of {@link dev.mqkit.api.config.ConfigKey}. Names in brackets are the configuration keys.
 */
public final class DeliverySettings {
    private final Optional<Smarthost> smarthost;
    private final int deliveryPort;
    private final Optional<InetSocketAddress> dnsResolver;
    private final String heloName;
    private final boolean startTls;
    private final boolean tlsVerify;
    private final int maxAttempts;
    private final Duration retryDelay;
    private final int retryMultiplier;
    private final Duration retryMaxDelay;
    private final Duration connectTimeout;
    private final Duration replyTimeout;
    private final int maxConcurrent;
    private final MailerqRelease release;
    private final Duration maxDeliverTime;
    private final List<Duration> retryInterval;

    private DeliverySettings(RuntimeConfig config) {
        smarthost = config.smarthost().map(host -> new Smarthost(host, config.smarthostPort(),
                config.smarthostUsername().orElse(""), config.smarthostPassword()));
        deliveryPort = config.deliveryPort();
        dnsResolver = config.dnsResolver();
        heloName = config.deliveryHeloName().orElseGet(DeliverySettings::defaultHeloName);
        startTls = config.deliveryStartTls();
        tlsVerify = config.deliveryTlsVerify();
        maxAttempts = config.deliveryMaxAttempts();
        retryDelay = config.deliveryRetryDelay();
        retryMultiplier = config.deliveryRetryMultiplier();
        retryMaxDelay = config.deliveryRetryMaxDelay();
        connectTimeout = config.deliveryConnectTimeout();
        replyTimeout = config.deliveryTimeout();
        maxConcurrent = config.deliveryMaxConcurrent();
        release = config.mailerqVersion();
        maxDeliverTime = config.maxDeliverTime();
        retryInterval = config.retryInterval();
    }

    /** What delivery takes from {@code config}. */
    public static DeliverySettings from(RuntimeConfig config) {
        return new DeliverySettings(config);
    }

    /**
     * The configured smarthost, if any (a message's own {@code smarthost} wins) [smarthost,
     * smarthost-port, smarthost-username, smarthost-password].
     */
    public Optional<Smarthost> smarthost() {
        return smarthost;
    }

    /** Port of MX hosts [delivery-port]. */
    public int deliveryPort() {
        return deliveryPort;
    }

    /** DNS server for MX look-ups (unresolved), or empty for the system's [dns-resolver]. */
    public Optional<InetSocketAddress> dnsResolver() {
        return dnsResolver;
    }

    /** Name sent with EHLO/HELO [delivery-helo-name], this host's name by default. */
    public String heloName() {
        return heloName;
    }

    /** Whether STARTTLS is used when offered [delivery-starttls]. */
    public boolean startTls() {
        return startTls;
    }

    /** Whether server certificates are verified [delivery-tls-verify]. */
    public boolean tlsVerify() {
        return tlsVerify;
    }

    /** Attempts when a message has no {@code maxattempts}; 0 for no limit [max-attempts]. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Playing 3.0: wait before the first retry [delivery-retry-delay]. */
    public Duration retryDelay() {
        return retryDelay;
    }

    /** Playing 3.0: growth of the wait per retry [delivery-retry-multiplier]. */
    public int retryMultiplier() {
        return retryMultiplier;
    }

    /** Playing 3.0: longest wait [delivery-retry-max-delay]. */
    public Duration retryMaxDelay() {
        return retryMaxDelay;
    }

    /** Time to open a connection [delivery-connect-timeout]. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Time for each server reply [delivery-timeout]. */
    public Duration replyTimeout() {
        return replyTimeout;
    }

    /** Deliveries in progress at once [delivery-max-concurrent]. */
    public int maxConcurrent() {
        return maxConcurrent;
    }

    /** The MailerQ release played: its JSON properties and results [mailerq-version]. */
    public MailerqRelease release() {
        return release;
    }

    /**
     * How long after its first attempt a message without {@code maxdelivertime} may be
     * delivered [max-deliver-time].
     */
    public Duration maxDeliverTime() {
        return maxDeliverTime;
    }

    /**
     * Playing 4.0 or later: the waits between attempts without {@code retries}, the last repeating
     * [retry-interval].
     */
    public List<Duration> retryInterval() {
        return retryInterval;
    }

    /**
     * Whether the release played is 4.0 or later (the JSON of
     * <a href="https://www.mailerq.com/documentation/5.13/json-messages">5.13/json-messages</a>, the results of
     * <a href="https://www.mailerq.com/documentation/5.13/json-results">5.13/json-results</a>).
     */
    public boolean connectionGeneration() {
        return release.generation() == MailerqRelease.Generation.CONNECTION;
    }

    /** A smarthost: where to connect and, when username is not empty, whom to authenticate as. */
    public record Smarthost(String host, int port, String username, String password) {
        public Smarthost {
            Objects.requireNonNull(host, "host");
            username = username == null ? "" : username;
            password = password == null ? "" : password;
        }

        public boolean authenticates() {
            return !username.isEmpty();
        }
    }

    /** Playing 3.0: the wait before the retry that follows attempt number {@code attempt} (1 for the first). */
    public Duration retryDelayAfter(int attempt) {
        Duration delay = retryDelay;
        for (int i = 1; i < attempt && delay.compareTo(retryMaxDelay) < 0; i++) {
            delay = delay.multipliedBy(retryMultiplier);
        }
        return delay.compareTo(retryMaxDelay) > 0 ? retryMaxDelay : delay;
    }

    /** The name to greet with when none is configured: this host's name, or {@code localhost}. */
    public static String defaultHeloName() {
        return LocalName.NAME;
    }

    /** Looked up once, on first use. */
    private static final class LocalName {
        static final String NAME = lookUp();

        private static String lookUp() {
            try {
                String name = InetAddress.getLocalHost().getHostName();
                return name == null || name.isBlank() ? "localhost" : name;
            } catch (UnknownHostException e) {
                return "localhost";
            }
        }
    }
}
