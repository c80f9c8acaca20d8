package dev.mqkit.runtime.smtp.server;

import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.config.AddressRanges;
import dev.mqkit.api.config.LocalAddresses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the incoming SMTP server runs. Names in brackets are the MailerQ configuration keys.
 *
 * @param hostname           the name in the greeting and the EHLO reply, and the JSON's {@code hostname}
 * @param bindAddress        the IP address to listen on [smtp-ip]
 * @param plainPorts         ports that speak plain SMTP and offer STARTTLS [smtp-port]; 0 binds an ephemeral port
 * @param tlsPorts           ports that are TLS from the start [smtp-secure-port]; 0 binds an ephemeral port
 * @param certificate        PEM certificate chain [smtp-certificate]; null: a self-signed one is made at start
 * @param privateKey         PEM private key [smtp-privatekey]; null together with {@code certificate}
 * @param logins             the logins clients must authenticate with, each with its password [smtp-username and
 *                           smtp-password, or 5.13's smtp-auth hardcoded://]; empty: none required
 * @param allowPlaintextAuth offer and accept AUTH on connections that are not TLS
 * @param maxLineLength      the longest command line, CRLF included (RFC 5321 asks at least 512)
 * @param maxMessageSize     the largest message body (announced with SIZE, RFC 1870)
 * @param maxRecipients      recipients per message (RFC 5321 asks at least 100)
 * @param maxConnections     connections served at once; more are answered 421 and closed
 * @param idleTimeout        the wait for a command outside a mail transaction (after the greeting or a finished message)
 * @param commandTimeout     the wait for the next command inside a mail transaction (after MAIL FROM)
 * @param dataTimeout        the wait for more bytes of a DATA body [smtp-timeout]
 * @param shutdownTimeout    how long {@code close()} waits for connections to finish
 * @param allowedClients     the client addresses served; others get 554 at connect [smtp-ranges, smtp-range]
 * @param maxConnectionsPerAddress connections served at once from one client address; more get 421
 * @param errorLimit         error replies per connection; after the last, 421 and the connection is closed
 * @param authFailureDelay   the wait before a refused AUTH is answered
 * @param commandDeadline    the time for a whole command line, from the reply before it; reads do not extend it
 * @param dataDeadline       the time for a whole DATA body, from the 354
 * @param spoolThreshold     bodies larger than this are written to a spool file as they arrive
 * @param spoolDirectory     where the spool files go
 * @param maxInflightBytes   the bytes of all messages being received at once; past it DATA gets 452 4.3.1
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

    public static final int DEFAULT_MAX_LINE_LENGTH = 1000;
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 25L * 1024 * 1024;
    public static final int DEFAULT_MAX_RECIPIENTS = 100;
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 50;
    public static final int DEFAULT_ERROR_LIMIT = 20;
    public static final long DEFAULT_SPOOL_THRESHOLD = 1L << 20;
    /** A quarter of the JVM's maximum heap: a received body becomes text in the heap before it is queued. */
    public static final long DEFAULT_MAX_INFLIGHT_BYTES = Runtime.getRuntime().maxMemory() / 4;

    public SmtpServerSettings {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(bindAddress, "bindAddress");
        plainPorts = List.copyOf(plainPorts);
        tlsPorts = List.copyOf(tlsPorts);
        if ((certificate == null) != (privateKey == null)) {
            throw new IllegalArgumentException("smtp-certificate and smtp-privatekey go together");
        }
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
        return release.atLeast(MailerqRelease.FIRST_CONNECTION);
    }

    /** Whether DSN (RFC 3461) is offered in EHLO and its MAIL and RCPT parameters taken: 3.0 always, 4.0+ per dsn-advertise. */
    public boolean dsnOffered() {
        return !playsConnectionGeneration() || dsnAdvertise;
    }

    /** Whether x-mq-* headers become properties: 3.0 always, 4.0+ per smtp-extract. */
    public boolean extractsHeaders() {
        return !playsConnectionGeneration() || extractHeaders;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Reads a MailerQ port list such as {@code 25,2525,1024-1026}; blank gives an empty list.
     *
     * @throws IllegalArgumentException naming the part that is not a port or range
     */
    public static List<Integer> parsePorts(String value) {
        List<Integer> ports = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return ports;
        }
        for (String part : value.split(",")) {
            String item = part.strip();
            try {
                int dash = item.indexOf('-');
                int first = Integer.parseInt(dash < 0 ? item : item.substring(0, dash).strip());
                int last = dash < 0 ? first : Integer.parseInt(item.substring(dash + 1).strip());
                if (first < 0 || last > 65535 || first > last) {
                    throw new NumberFormatException();
                }
                for (int port = first; port <= last; port++) {
                    ports.add(port);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a port or port range: '" + item + "' in '" + value + "'");
            }
        }
        return ports;
    }

    /** Whether clients must log in (a login is configured). */
    public boolean loginRequired() {
        return !logins.isEmpty();
    }

    /** Whether {@code login} and {@code password} are one of the configured logins. */
    public boolean acceptsLogin(String login, String password) {
        return password.equals(logins.get(login));
    }

    /** Builds settings; every value starts at its default. */
    public static final class Builder {
        private String hostname = "localhost";
        private String bindAddress = "0.0.0.0";
        private List<Integer> plainPorts = List.of(25);
        private List<Integer> tlsPorts = List.of();
        private Path certificate;
        private Path privateKey;
        private final Map<String, String> logins = new LinkedHashMap<>();
        private boolean allowPlaintextAuth;
        private int maxLineLength = DEFAULT_MAX_LINE_LENGTH;
        private long maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private int maxRecipients = DEFAULT_MAX_RECIPIENTS;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration idleTimeout = Duration.ofMinutes(5);
        private Duration commandTimeout = Duration.ofMinutes(5);
        private Duration dataTimeout = Duration.ofMinutes(3);
        private Duration shutdownTimeout = Duration.ofSeconds(10);
        private AddressRanges allowedClients = AddressRanges.ANY;
        private int maxConnectionsPerAddress = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
        private int errorLimit = DEFAULT_ERROR_LIMIT;
        private Duration authFailureDelay = Duration.ofSeconds(1);
        private Duration commandDeadline = Duration.ofMinutes(5);
        private Duration dataDeadline = Duration.ofMinutes(30);
        private long spoolThreshold = DEFAULT_SPOOL_THRESHOLD;
        private Path spoolDirectory = Path.of(System.getProperty("java.io.tmpdir"));
        private long maxInflightBytes = DEFAULT_MAX_INFLIGHT_BYTES;
        private MailerqRelease release = MailerqRelease.NEWEST;
        private boolean dsnAdvertise = true;
        private boolean extractHeaders = true;
        private LocalAddresses localAddresses = LocalAddresses.NONE;

        private Builder() {
        }

        private Builder(SmtpServerSettings s) {
            hostname = s.hostname;
            bindAddress = s.bindAddress;
            plainPorts = s.plainPorts;
            tlsPorts = s.tlsPorts;
            certificate = s.certificate;
            privateKey = s.privateKey;
            logins.putAll(s.logins);
            allowPlaintextAuth = s.allowPlaintextAuth;
            maxLineLength = s.maxLineLength;
            maxMessageSize = s.maxMessageSize;
            maxRecipients = s.maxRecipients;
            maxConnections = s.maxConnections;
            idleTimeout = s.idleTimeout;
            commandTimeout = s.commandTimeout;
            dataTimeout = s.dataTimeout;
            shutdownTimeout = s.shutdownTimeout;
            allowedClients = s.allowedClients;
            maxConnectionsPerAddress = s.maxConnectionsPerAddress;
            errorLimit = s.errorLimit;
            authFailureDelay = s.authFailureDelay;
            commandDeadline = s.commandDeadline;
            dataDeadline = s.dataDeadline;
            spoolThreshold = s.spoolThreshold;
            spoolDirectory = s.spoolDirectory;
            maxInflightBytes = s.maxInflightBytes;
            release = s.release;
            dsnAdvertise = s.dsnAdvertise;
            extractHeaders = s.extractHeaders;
            localAddresses = s.localAddresses;
        }

        public Builder hostname(String value) {
            hostname = value;
            return this;
        }

        public Builder bindAddress(String value) {
            bindAddress = value;
            return this;
        }

        public Builder plainPorts(List<Integer> value) {
            plainPorts = value;
            return this;
        }

        public Builder tlsPorts(List<Integer> value) {
            tlsPorts = value;
            return this;
        }

        public Builder certificate(Path certificatePem, Path privateKeyPem) {
            certificate = certificatePem;
            privateKey = privateKeyPem;
            return this;
        }

        /** Adds a login that clients may authenticate with; with none, no login is required. */
        public Builder credentials(String login, String secret) {
            if (login == null || secret == null) {
                throw new IllegalArgumentException("smtp-username and smtp-password go together");
            }
            logins.put(login, secret);
            return this;
        }

        public Builder allowPlaintextAuth(boolean value) {
            allowPlaintextAuth = value;
            return this;
        }

        public Builder maxLineLength(int value) {
            maxLineLength = value;
            return this;
        }

        public Builder maxMessageSize(long value) {
            maxMessageSize = value;
            return this;
        }

        public Builder maxRecipients(int value) {
            maxRecipients = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        public Builder commandTimeout(Duration value) {
            commandTimeout = value;
            return this;
        }

        public Builder dataTimeout(Duration value) {
            dataTimeout = value;
            return this;
        }

        public Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        public Builder shutdownTimeout(Duration value) {
            shutdownTimeout = value;
            return this;
        }

        public Builder allowedClients(AddressRanges value) {
            allowedClients = value;
            return this;
        }

        public Builder maxConnectionsPerAddress(int value) {
            maxConnectionsPerAddress = value;
            return this;
        }

        public Builder errorLimit(int value) {
            errorLimit = value;
            return this;
        }

        public Builder authFailureDelay(Duration value) {
            authFailureDelay = value;
            return this;
        }

        public Builder commandDeadline(Duration value) {
            commandDeadline = value;
            return this;
        }

        public Builder dataDeadline(Duration value) {
            dataDeadline = value;
            return this;
        }

        public Builder spooling(long threshold, Path directory) {
            spoolThreshold = threshold;
            spoolDirectory = directory;
            return this;
        }

        public Builder maxInflightBytes(long value) {
            maxInflightBytes = value;
            return this;
        }

        public Builder release(MailerqRelease value) {
            release = value;
            return this;
        }

        public Builder dsnAdvertise(boolean value) {
            dsnAdvertise = value;
            return this;
        }

        public Builder extractHeaders(boolean value) {
            extractHeaders = value;
            return this;
        }

        public Builder localAddresses(LocalAddresses value) {
            localAddresses = value;
            return this;
        }

        public SmtpServerSettings build() {
            return new SmtpServerSettings(hostname, bindAddress, plainPorts, tlsPorts, certificate, privateKey,
                    logins, allowPlaintextAuth, maxLineLength, maxMessageSize, maxRecipients,
                    maxConnections, idleTimeout, commandTimeout, dataTimeout, shutdownTimeout, allowedClients,
                    maxConnectionsPerAddress, errorLimit, authFailureDelay, commandDeadline, dataDeadline,
                    spoolThreshold, spoolDirectory, maxInflightBytes, release, dsnAdvertise, extractHeaders,
                    localAddresses);
        }
    }
}
