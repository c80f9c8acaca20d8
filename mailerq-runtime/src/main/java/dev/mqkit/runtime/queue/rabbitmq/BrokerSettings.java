package dev.mqkit.runtime.queue.rabbitmq;

import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.config.ConfigException;
import dev.mqkit.api.config.ConfigKey;
import dev.mqkit.api.config.RuntimeConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the broker is and how the queues live on it, from the {@code rabbitmq-*} keys of the played
 * release. A broker is wanted when the configuration names one: a non-empty {@code rabbitmq-address}
 * (4.0 and later) or {@code rabbitmq-host} (3.0); otherwise the queues stay in memory.
 *
 * @param brokers  the broker's addresses, tried in order (a cluster)
 * @param exchange the exchange messages are published to: 3.0's {@code rabbitmq-exchange}, or "" for the
 *                 default exchange (5.13), which routes by queue name
 * @param qos      the most unacknowledged messages per consumer ({@code rabbitmq-qos})
 */
public record BrokerSettings(List<Broker> brokers, String exchange, boolean durable, boolean persistent,
                             boolean declare, int qos) {

    /** The default of {@code rabbitmq-address} where the address leaves a part out (MailerQ 5.13's default). */
    public static final String DEFAULT_ADDRESS = "amqp://guest:guest@localhost/";

    public BrokerSettings {
        brokers = List.copyOf(brokers);
        if (brokers.isEmpty()) {
            throw new IllegalArgumentException("no broker");
        }
    }

    /** One broker address. {@link #toString} leaves the password out, for the log. */
    public record Broker(String host, int port, String user, String password, String vhost, boolean tls) {
        @Override
        public String toString() {
            return (tls ? "amqps://" : "amqp://") + user + "@" + host + ":" + port + "/"
                    + (vhost.equals("/") ? "" : vhost);
        }
    }

    /** The broker the configuration names, or empty for the in-memory queues; throws naming the key at fault. */
    public static Optional<BrokerSettings> from(RuntimeConfig config) {
        MailerqRelease release = config.mailerqVersion();
        boolean addressRelease = release.generation() == MailerqRelease.Generation.CONNECTION;
        refuseOtherReleaseKeys(config, release, addressRelease);
        List<Broker> brokers = addressRelease ? fromAddress(config) : fromHost(config);
        if (brokers.isEmpty()) {
            return Optional.empty();
        }
        String exchange = addressRelease ? "" : config.get(ConfigKey.RABBITMQ_EXCHANGE).trim();
        return Optional.of(new BrokerSettings(brokers, exchange, config.getBoolean(ConfigKey.RABBITMQ_DURABLE),
                config.getBoolean(ConfigKey.RABBITMQ_PERSISTENT), config.getBoolean(ConfigKey.RABBITMQ_DECLARE),
                config.getInt(ConfigKey.RABBITMQ_QOS)));
    }

    private static void refuseOtherReleaseKeys(RuntimeConfig config, MailerqRelease release, boolean addressRelease) {
        if (addressRelease) {
            for (ConfigKey key : List.of(ConfigKey.RABBITMQ_HOST, ConfigKey.RABBITMQ_USER, ConfigKey.RABBITMQ_PASSWORD,
                    ConfigKey.RABBITMQ_VHOST, ConfigKey.RABBITMQ_EXCHANGE)) {
                if (config.isSet(key)) {
                    throw new ConfigException(key.key() + " is the MailerQ 3.0 name; MailerQ " + release
                            + " (mailerq-version) names the broker with rabbitmq-address: amqp://user:password@host/vhost"
                            + (key == ConfigKey.RABBITMQ_EXCHANGE ? " and publishes to the default exchange" : ""));
                }
            }
        } else {
            if (config.isSet(ConfigKey.RABBITMQ_ADDRESS)) {
                throw new ConfigException("rabbitmq-address is the name of MailerQ 4.0 and later; MailerQ " + release
                        + " (mailerq-version) names the broker with rabbitmq-host, rabbitmq-user, rabbitmq-password "
                        + "and rabbitmq-vhost");
            }
            if (config.isSet(ConfigKey.RABBITMQ_DECLARE)) {
                throw new ConfigException("rabbitmq-declare is a MailerQ 5.13 key; MailerQ " + release
                        + " (mailerq-version) always declares its queues and exchange: remove it");
            }
        }
    }

    /**
     * 4.0+: comma-separated amqp:// URLs (';' too, as
     * <a href="https://www.mailerq.com/documentation/5.13/minimal-configuration">5.13/minimal-configuration</a> writes
     * them).
     */
    private static List<Broker> fromAddress(RuntimeConfig config) {
        List<Broker> brokers = new ArrayList<>();
        for (String url : config.get(ConfigKey.RABBITMQ_ADDRESS).split("[,;]")) {
            if (!url.isBlank()) {
                brokers.add(parseUrl(url.trim()));
            }
        }
        return brokers;
    }

    static Broker parseUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw badAddress(url, e.getMessage());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("amqp") || scheme.equals("amqps"))) {
            throw badAddress(url, "the scheme must be amqp:// or amqps://");
        }
        boolean tls = scheme.equals("amqps");
        String host = uri.getHost() == null || uri.getHost().isEmpty() ? "localhost" : uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 5671 : 5672;
        String user = "guest";
        String password = "guest";
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        }
        String path = uri.getRawPath();
        // "amqp://host" and "amqp://host/" both mean the vhost "/", as in MailerQ's default amqp://guest:guest@localhost/
        String vhost = path == null || path.isEmpty() || path.equals("/") ? "/" : decode(path.substring(1));
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw badAddress(url, "no ?query or #fragment is understood");
        }
        return new Broker(host, port, user, password, vhost, tls);
    }

    private static ConfigException badAddress(String url, String why) {
        return new ConfigException("rabbitmq-address '" + ConfigKey.RABBITMQ_ADDRESS.secret().mask(url) + "': " + why
                + "; write amqp://user:password@host:port/vhost (e.g. " + DEFAULT_ADDRESS + "), several separated by commas");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** 3.0: rabbitmq-host (h1;h2, each with an optional :port, 5672 by default) with -user, -password, -vhost. */
    private static List<Broker> fromHost(RuntimeConfig config) {
        List<Broker> brokers = new ArrayList<>();
        for (String host : config.get(ConfigKey.RABBITMQ_HOST).split("[;,]")) {
            String name = host.trim();
            if (name.isEmpty()) {
                continue;
            }
            int port = 5672;
            int colon = name.lastIndexOf(':');
            if (colon > 0 && name.indexOf(':') == colon) {
                try {
                    port = Integer.parseInt(name.substring(colon + 1));
                } catch (NumberFormatException e) {
                    throw new ConfigException("rabbitmq-host '" + name + "': the port is not a number; write host or "
                            + "host:port, several separated by ';'");
                }
                name = name.substring(0, colon);
            }
            brokers.add(new Broker(name, port, config.get(ConfigKey.RABBITMQ_USER),
                    config.get(ConfigKey.RABBITMQ_PASSWORD), config.get(ConfigKey.RABBITMQ_VHOST), false));
        }
        return brokers;
    }
}
