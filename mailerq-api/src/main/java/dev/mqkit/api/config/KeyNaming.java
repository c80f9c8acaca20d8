package dev.mqkit.api.config;

import dev.mqkit.api.MailerqRelease;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The config-file keys MailerQ documents, in the two namings its releases use: 3.0's (releases before 4.0) and
 * 5.13's (4.0 and later: the 4.0 pages already write smtp-key, smtp-range, max-delivertime and rabbitmq-address).
 * This is the one home of MailerQ's key names: what a real config.txt of the release may hold ({@link #documents}),
 * and the keys 5.13 renamed ({@link #RENAMES}). {@link KeyLookup} reads them for the played release.
 */
public enum KeyNaming {
    MAILERQ_3_0("3.0", List.of(
            // the pages configuration, introduction, incoming-messages, rabbitmq-config, smarthost, sending-bounces,
            // delivery-limits, logging, management-console, message-store-options of
            // https://www.mailerq.com/documentation/3.0/
            "license", "user", "lock", "database", "storage", "plugin-directory",
            "dns-timeout", "dns-attempts", "dns-force", "dns-helofile",
            "cluster-host", "cluster-user", "cluster-password", "cluster-vhost", "cluster-exchange",
            "connection-maxidle", "connection-maxmessages", "connection-secure",
            "domain-maxconnections", "domain-maxconnects", "domain-maxmessages", "domain-maxqueue",
            "ip-maxconnections", "ip-maxconnects", "ip-maxmessages",
            "max-attempts", "max-connections", "max-deliver-time",
            "dsn-notify", "dsn-ret", "dsn-envelope", "dsn-mta",
            "rabbitmq-host", "rabbitmq-user", "rabbitmq-password", "rabbitmq-vhost", "rabbitmq-exchange",
            "rabbitmq-durable", "rabbitmq-persistent", "rabbitmq-inbox", "rabbitmq-outbox", "rabbitmq-refused",
            "rabbitmq-reports", "rabbitmq-dsn", "rabbitmq-results", "rabbitmq-success", "rabbitmq-failure",
            "rabbitmq-retry",
            "smarthost", "smarthost-port", "smarthost-username", "smarthost-password",
            "smtp-port", "smtp-ip", "smtp-secure-port", "smtp-certificate", "smtp-privatekey", "smtp-ciphers",
            "smtp-ranges", "smtp-username", "smtp-password", "smtp-proxy",
            "smtp-sink-ip", "smtp-sink-port", "smtp-sink-username", "smtp-sink-password",
            "error-log", "send-log-directory", "send-log-prefix", "send-log-compression", "send-log-history",
            "send-log-maxage", "send-log-maxsize", "download-log-directory", "download-log-prefix",
            "download-log-compression", "download-log-history", "download-log-maxage", "download-log-maxsize",
            "www-ip", "www-port", "www-secure-port", "www-dir", "www-password", "www-certificate",
            "www-privatekey", "www-ciphers")),
    MAILERQ_5_13("5.13", List.of(
            // https://www.mailerq.com/documentation/5.13/settings-alphabetical, plus the keys only other pages of 5.13
            // name (dns-settings, logging, smtp-server, other-configuration, minimal-configuration, json-messages,
            // rabbitmq-config, spool-directory, message-store-options, cluster)
            "license", "user", "lock", "server-id", "heartbeat", "heartbeat-enabled", "proxy-server",
            "database", "database-address", "database-ttl", "database-validate",
            "storage-address", "storage-policy", "storage-reschedule", "storage-threads", "storage-timeout",
            "storage-ttl", "plugin-directory",
            "dns-timeout", "dns-interval", "dns-attempts", "dns-capacity", "dns-sockets", "dns-min-ttl",
            "dns-buffersize", "dns-rotate",
            "cluster-address", "cluster-exchange", "cluster-verify", "cluster-timeout",
            "max-attempts", "max-delivertime", "retry-interval", "validate-envelope", "validate-recipient",
            "dsn-advertise", "dsn-notify", "dsn-ret",
            "rabbitmq-address", "rabbitmq-verify", "rabbitmq-exchange", "rabbitmq-declare", "rabbitmq-durable",
            "rabbitmq-persistent", "rabbitmq-lazy", "rabbitmq-maxpriority", "rabbitmq-encoding",
            "rabbitmq-consumers", "rabbitmq-publishers", "rabbitmq-qos", "rabbitmq-minqos", "rabbitmq-flush-qos",
            "rabbitmq-throttle", "rabbitmq-queues", "rabbitmq-inbox", "rabbitmq-outbox", "rabbitmq-refused",
            "rabbitmq-reports", "rabbitmq-local", "rabbitmq-dsn", "rabbitmq-results", "rabbitmq-success",
            "rabbitmq-failure", "rabbitmq-retry",
            "smarthost", "smarthost-port", "smarthost-username", "smarthost-password",
            "smtp-port", "smtp-ip", "smtp-secure-port", "smtp-certificate", "smtp-key", "smtp-ciphers",
            "smtp-range", "smtp-auth", "smtp-auth-results", "smtp-check", "smtp-protection", "smtp-proxy",
            "smtp-connections", "smtp-connections-in", "smtp-connections-out", "smtp-maxsize", "smtp-timeout",
            "smtp-threads", "smtp-extract", "smtp-validate-address", "smtp-default-ips", "smtp-defaultips",
            "smtp-mappable-ips", "smtp-unmappable-ips",
            "smtp-sink-address", "smtp-sink-port", "smtp-sink-username", "smtp-sink-password",
            "spamassassin-host", "spamassassin-port",
            "spool-directory", "spool-delay", "spool-remove", "spool-extract", "spool-open-files",
            "spool-threads", "spool-fail-directory",
            "application-log", "error-log", "error-exchange", "error-routingkey", "render-useragent",
            "send-log-directory", "send-log-prefix", "send-log-file", "send-log-format", "send-bin-log-file",
            "received-log-directory", "received-log-prefix", "received-log-file", "received-log-format",
            "received-bin-log-file", "download-log-directory", "download-log-prefix", "download-log-file",
            "download-log-format", "download-bin-log-file", "download-blacklist", "download-whitelist",
            "download-cache", "download-ttl", "download-proxy", "download-user-agent",
            "www-ip", "www-host", "www-port", "www-secure-port", "www-dir", "www-auth", "www-url",
            "www-connections", "www-cache-control", "www-certificate", "www-privatekey", "www-private-key",
            "www-ciphers", "www-log-file", "www-log-format", "www-bin-log-file"));

    /**
     * Families of keys that the runtime accepts and ignores in either naming (spec section 5, "accept and
     * ignore"): consoles, logs, databases, stores, clusters and the limits kept in MailerQ's database.
     */
    private static final List<String> IGNORED_FAMILIES = List.of("heartbeat*", "cluster-*", "database*",
            "storage*", "www-*", "*-log*", "download-*", "domain-*", "ip-*", "connection-max*", "validate-*",
            "spamassassin-*");

    /** A key 5.13 names differently from 3.0 (spec section 5's table; the broker keys of section 4). */
    public record Rename(String threeZero, String fiveThirteen) {
        /** The name in {@code naming}. */
        public String in(KeyNaming naming) {
            return naming == MAILERQ_3_0 ? threeZero : fiveThirteen;
        }
    }

    /**
     * The renames, 3.0 name to 5.13 name. Several 3.0 keys folded into one 5.13 key (the broker's host, login
     * and vhost into rabbitmq-address, the SMTP login into smtp-auth) appear once for each 3.0 key.
     */
    public static final List<Rename> RENAMES = List.of(
            new Rename("smtp-privatekey", "smtp-key"),
            new Rename("smtp-ranges", "smtp-range"),
            new Rename("smtp-username", "smtp-auth"),
            new Rename("smtp-password", "smtp-auth"),
            new Rename("max-connections", "smtp-connections"),
            new Rename("smtp-sink-ip", "smtp-sink-address"),
            new Rename("max-deliver-time", "max-delivertime"),
            new Rename("rabbitmq-host", "rabbitmq-address"),
            new Rename("rabbitmq-user", "rabbitmq-address"),
            new Rename("rabbitmq-password", "rabbitmq-address"),
            new Rename("rabbitmq-vhost", "rabbitmq-address"));

    private final String label;
    private final Set<String> documented;

    KeyNaming(String label, List<String> documented) {
        this.label = label;
        this.documented = Collections.unmodifiableSet(new TreeSet<>(documented));
    }

    /** The naming the release uses. */
    public static KeyNaming of(MailerqRelease release) {
        return release.generation() == MailerqRelease.Generation.CONNECTION ? MAILERQ_5_13 : MAILERQ_3_0;
    }

    /** The release whose documentation the naming follows, as messages name it: "3.0", "5.13". */
    public String label() {
        return label;
    }

    public KeyNaming other() {
        return this == MAILERQ_3_0 ? MAILERQ_5_13 : MAILERQ_3_0;
    }

    /** Whether a config.txt of this naming may hold {@code name}: a documented key or one of an ignored family. */
    public boolean documents(String name) {
        return documented.contains(name) || IGNORED_FAMILIES.stream().anyMatch(family -> matches(family, name));
    }

    /** The keys this naming's documentation lists by name, sorted. */
    public Set<String> documentedKeys() {
        return documented;
    }

    /** The families of keys accepted and ignored, as globs ({@code www-*}). */
    public static List<String> ignoredFamilies() {
        return IGNORED_FAMILIES;
    }

    /** The renames in which {@code name} is this naming's name. */
    public List<Rename> renamesOf(String name) {
        List<Rename> found = new ArrayList<>();
        for (Rename rename : RENAMES) {
            if (rename.in(this).equals(name)) {
                found.add(rename);
            }
        }
        return found;
    }

    /** The single name {@code name} of this naming has in the other, when the rename is one to one. */
    public Optional<String> oneToOne(String name) {
        List<Rename> renames = renamesOf(name);
        if (renames.size() != 1) {
            return Optional.empty();
        }
        String otherName = renames.get(0).in(other());
        return other().renamesOf(otherName).size() == 1 ? Optional.of(otherName) : Optional.empty();
    }

    private static boolean matches(String glob, String name) {
        if (glob.startsWith("*") && glob.endsWith("*")) {
            return name.contains(glob.substring(1, glob.length() - 1));
        }
        if (glob.endsWith("*")) {
            return name.startsWith(glob.substring(0, glob.length() - 1));
        }
        return name.equals(glob);
    }
}
