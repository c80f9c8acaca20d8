package dev.mqkit.runtime.smtp.server;

import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.config.AddressRanges;
import dev.mqkit.api.config.LocalAddresses;
import dev.mqkit.api.config.RuntimeConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the incoming SMTP server runs, as {@link #from} maps it from the configuration. Names in
 * brackets are the configuration keys.
 *
 * @param hostname           the name in the greeting and the EHLO reply, and the JSON's {@code hostname}
 * @param bindAddress        the IP address to listen on [smtp-ip]
 * @param plainPorts         ports that speak plain SMTP and offer STARTTLS [smtp-port]; 0 binds an ephemeral port
 * @param tlsPorts           ports that are TLS from the start [smtp-secure-port]; 0 binds an ephemeral port
 * @param certificate        PEM certificate chain [smtp-certificate]; null: a self-signed one is made at start
 * @param privateKey         PEM private key [smtp-privatekey]; null together with {@code certificate}
 * @param logins             the logins clients must authenticate with, each with its password [smtp-username and
 *                           smtp-password, or 5.13's smtp-auth hardcoded://]; empty: none required
 * @param allowPlaintextAuth offer and accept AUTH on connections that are not TLS [smtp-allow-plain-auth]
 * @param maxLineLength      the longest command line, CRLF included (RFC 5321 asks at least 512):
 *                           {@link #MAX_LINE_LENGTH}
 * @param maxMessageSize     the largest message body (announced with SIZE, RFC 1870) [smtp-max-message-size]
 * @param maxRecipients      recipients per message (RFC 5321 asks at least 100) [smtp-max-recipients]
 * @param maxConnections     connections served at once; more are answered 421 and closed [smtp-max-connections]
 * @param idleTimeout        the wait for a command outside a mail transaction (after the greeting or a finished
 *                           message) [smtp-timeout]
 * @param commandTimeout     the wait for the next command inside a mail transaction (after MAIL FROM) [smtp-timeout]
 * @param dataTimeout        the wait for more bytes of a DATA body [smtp-timeout]
 * @param shutdownTimeout    how long {@code close()} waits for connections to finish [smtp-shutdown-timeout]
 * @param allowedClients     the client addresses served; others get 554 at connect [smtp-ranges, smtp-range]
 * @param maxConnectionsPerAddress connections served at once from one client address; more get 421
 *                           [smtp-max-connections-per-ip]
 * @param errorLimit         error replies per connection; after the last, 421 and the connection is closed
 *                           [smtp-error-limit]
 * @param authFailureDelay   the wait before a refused AUTH is answered [smtp-auth-failure-delay]
 * @param commandDeadline    the time for a whole command line, from the reply before it; reads do not extend it
 *                           [smtp-command-deadline]
 * @param dataDeadline       the time for a whole DATA body, from the 354 [smtp-data-deadline]
 * @param spoolThreshold     bodies larger than this are written to a spool file as they arrive [smtp-spool-threshold]
 * @param spoolDirectory     where the spool files go [smtp-spool-directory]
 * @param maxInflightBytes   the bytes of all messages being received at once; past it DATA gets 452 4.3.1
 *                           [smtp-max-inflight]
 * @param release            the MailerQ release played [mailerq-version]: it decides the JSON, the DSN
 *                           offer, the x-mq-* headers and what becomes of mail without a required login
 * @param dsnAdvertise       4.0+: offer DSN and take its parameters [dsn-advertise]; 3.0 always does
 * @param extractHeaders     4.0+: turn x-mq-* headers into properties [smtp-extract]; 3.0 always does
 * @param localAddresses     recipients whose mail is local: no login needed, the local queue [local-addresses]
 */
public record SmtpServerSettings(
        String hostname,
        String bindAddress,
        List<Integer> plainPorts,
        List<Integer> tlsPorts,
        Path certificate,
        Path privateKey,
        Map<String, String> logins,
        boolean allowPlaintextAuth,
        int maxLineLength,
        long maxMessageSize,
        int maxRecipients,
        int maxConnections,
        Duration idleTimeout,
        Duration commandTimeout,
        Duration dataTimeout,
        Duration shutdownTimeout,
        AddressRanges allowedClients,
        int maxConnectionsPerAddress,
        int errorLimit,
        Duration authFailureDelay,
        Duration commandDeadline,
        Duration dataDeadline,
        long spoolThreshold,
        Path spoolDirectory,
        long maxInflightBytes,
        MailerqRelease release,
        boolean dsnAdvertise,
        boolean extractHeaders,
        LocalAddresses localAddresses) {

    /**
     * The longest command line, CRLF included: RFC 5321 asks at least 512; 1000 leaves room for the
     * parameters of MAIL FROM and RCPT TO. Not a MailerQ key.
     */
    public static final int MAX_LINE_LENGTH = 1000;

    public SmtpServerSettings {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(bindAddress, "bindAddress");
        plainPorts = List.copyOf(plainPorts);
        tlsPorts = List.copyOf(tlsPorts);
        if ((certificate == null) != (privateKey == null)) {
            throw new IllegalArgumentException("smtp-certificate and smtp-privatekey go together");
        }
        logins.forEach((login, password) -> {
            if (login == null || password == null) {
                throw new IllegalArgumentException("smtp-username and smtp-password go together");
            }
        });
        logins = Map.copyOf(logins);
        if (maxLineLength < 512) {
            throw new IllegalArgumentException("maxLineLength below the 512 RFC 5321 asks for: " + maxLineLength);
        }
        if (maxMessageSize < 1 || maxRecipients < 1 || maxConnections < 1) {
            throw new IllegalArgumentException("maxMessageSize, maxRecipients and maxConnections must be positive");
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(dataTimeout, "dataTimeout");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(allowedClients, "allowedClients");
        Objects.requireNonNull(authFailureDelay, "authFailureDelay");
        Objects.requireNonNull(commandDeadline, "commandDeadline");
        Objects.requireNonNull(dataDeadline, "dataDeadline");
        Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(localAddresses, "localAddresses");
        if (maxConnectionsPerAddress < 1 || errorLimit < 1 || spoolThreshold < 1 || maxInflightBytes < 1) {
            throw new IllegalArgumentException(
                    "maxConnectionsPerAddress, errorLimit, spoolThreshold and maxInflightBytes must be positive");
        }
    }

    /** Whether the release played is of 4.0 or later, whose incoming JSON and replies 5.13 documents. */
    public boolean playsConnectionGeneration() {
        return release.generation() == MailerqRelease.Generation.CONNECTION;
    }

    /** Whether DSN (RFC 3461) is offered in EHLO and its MAIL and RCPT parameters taken: 3.0 always, 4.0+ per dsn-advertise. */
    public boolean dsnOffered() {
        return !playsConnectionGeneration() || dsnAdvertise;
    }

    /** Whether x-mq-* headers become properties: 3.0 always, 4.0+ per smtp-extract. */
    public boolean extractsHeaders() {
        return !playsConnectionGeneration() || extractHeaders;
    }

    /**
     * What incoming SMTP takes from the configuration: the one mapping of its keys, their defaults
     * those of {@link ConfigKey}. smtp-timeout is the wait for the client everywhere: outside and
     * inside a mail transaction and in DATA.
     *
     * @param hostname this host's name, as the greeting, the EHLO reply and the JSON say it
     * @throws IllegalArgumentException when smtp-certificate and smtp-privatekey are not set together
     */
    public static SmtpServerSettings from(RuntimeConfig config, String hostname) {
        Optional<Path> certificate = config.smtpCertificate();
        Optional<Path> privateKey = config.smtpPrivateKey();
        if (certificate.isPresent() != privateKey.isPresent()) {
            throw new IllegalArgumentException(certificate.isPresent()
                    ? "smtp-certificate is set but smtp-privatekey is not: set both"
                    : "smtp-privatekey is set but smtp-certificate is not: set both, or neither for a self-signed one");
        }
        Duration timeout = config.smtpTimeout();
        return new SmtpServerSettings(hostname, config.smtpIp(), config.smtpPorts(), config.smtpSecurePorts(),
                certificate.orElse(null), privateKey.orElse(null), config.smtpLogins(), config.smtpAllowPlainAuth(),
                MAX_LINE_LENGTH, config.smtpMaxMessageSize(), config.smtpMaxRecipients(), config.smtpMaxConnections(),
                timeout, timeout, timeout, config.smtpShutdownTimeout(), allowedClients(config),
                config.smtpMaxConnectionsPerIp(), config.smtpErrorLimit(), config.smtpAuthFailureDelay(),
                config.smtpCommandDeadline(), config.smtpDataDeadline(), config.smtpSpoolThreshold(),
                config.smtpSpoolDirectory(), config.smtpMaxInflight(), config.mailerqVersion(), config.dsnAdvertise(),
                config.smtpExtract(), config.localAddresses());
    }

    /**
     * The clients incoming SMTP serves: {@code smtp-ranges} / {@code smtp-range}; with neither
     * those nor {@code smtp-username}, loopback clients only when listening beyond loopback (MailerQ
     * would serve anyone: an open relay).
     */
    public static AddressRanges allowedClients(RuntimeConfig config) {
        AddressRanges ranges = config.smtpRanges();
        return loopbackOnlyNotice(config).isPresent() ? AddressRanges.LOOPBACK : ranges;
    }

    /** What the runtime says at start when it serves loopback clients only although MailerQ would serve all. */
    public static Optional<String> loopbackOnlyNotice(RuntimeConfig config) {
        if (!config.smtpRanges().any() || !config.smtpLogins().isEmpty() || listensOnLoopback(config.smtpIp())) {
            return Optional.empty();
        }
        return Optional.of("smtp-ip " + config.smtpIp() + " is reachable beyond loopback and neither smtp-username nor "
                + "smtp-ranges (smtp-range) is set: serving SMTP clients on loopback only, so as not to be an open relay "
                + "(MailerQ would serve any client); set smtp-ranges to serve others");
    }

    private static boolean listensOnLoopback(String ip) {
        try {
            // a literal or a name from the configuration, looked up once at start
            return InetAddress.getByName(ip).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Whether clients must log in (a login is configured). */
    public boolean loginRequired() {
        return !logins.isEmpty();
    }

    /** Whether {@code login} and {@code password} are one of the configured logins. */
    public boolean acceptsLogin(String login, String password) {
        return password.equals(logins.get(login));
    }
}
