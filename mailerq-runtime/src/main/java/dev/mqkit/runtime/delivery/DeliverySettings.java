package dev.mqkit.runtime.delivery;

import dev.mqkit.api.MailerqRelease;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What delivery takes from the configuration.
 *
 * @param smarthost      the configured smarthost, if any (a message's own {@code smarthost} wins)
 * @param deliveryPort   port of MX hosts
 * @param dnsResolver    DNS server for MX look-ups (unresolved), or empty for the system's
 * @param heloName       name sent with EHLO/HELO
 * @param startTls       whether STARTTLS is used when offered
 * @param tlsVerify      whether server certificates are verified (off: see {@code delivery-tls-verify})
 * @param maxAttempts    attempts when a message has no {@code maxattempts}; 0 for no limit
 * @param retryDelay     playing 3.0: wait before the first retry
 * @param retryMultiplier playing 3.0: growth of the wait per retry
 * @param retryMaxDelay  playing 3.0: longest wait
 * @param connectTimeout time to open a connection
 * @param replyTimeout   time for each server reply
 * @param maxConcurrent  deliveries in progress at once
 * @param release        the MailerQ release played: its JSON properties and results
 * @param maxDeliverTime how long after its first attempt a message without {@code maxdelivertime} may be delivered
 * @param retryInterval  playing 4.0 or later: the waits between attempts without {@code retries}, the last repeating
 */
public record DeliverySettings(Optional<Smarthost> smarthost, int deliveryPort, Optional<InetSocketAddress> dnsResolver,
                               String heloName, boolean startTls, boolean tlsVerify, int maxAttempts,
                               Duration retryDelay, int retryMultiplier, Duration retryMaxDelay,
                               Duration connectTimeout, Duration replyTimeout, int maxConcurrent,
                               MailerqRelease release, Duration maxDeliverTime, List<Duration> retryInterval) {

    public DeliverySettings {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(maxDeliverTime, "maxDeliverTime");
        retryInterval = List.copyOf(retryInterval);
        if (retryInterval.isEmpty()) {
            throw new IllegalArgumentException("retryInterval is empty");
        }
    }

    /** Whether the release played is 4.0 or later (the JSON of 5.13/json-messages.md, the results of json-results.md). */
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
