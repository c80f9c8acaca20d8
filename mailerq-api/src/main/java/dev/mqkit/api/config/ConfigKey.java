package dev.mqkit.api.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every key the runtime understands: those it shares with MailerQ (same names, same meaning) and the
 * runtime's own. Each key knows its value type, default and a one-line description for {@code --help}.
 */
public enum ConfigKey {
    // --- shared with MailerQ ---
    PLUGIN_DIRECTORY("plugin-directory", ValueType.STRING, "",
            "directory whose *.so plugins are loaded, in byte order of file name"),
    SMTP_PORT("smtp-port", ValueType.PORTS, "0",
            "ports for incoming SMTP, lists and ranges allowed (25,2525,1024-1026); 0 picks a free port"),
    SMTP_IP("smtp-ip", ValueType.STRING, "127.0.0.1",
            "address the incoming SMTP ports listen on"),
    SMTP_SECURE_PORT("smtp-secure-port", ValueType.PORTS, "",
            "ports for incoming SMTP that are TLS from the start (lists and ranges allowed); empty: none"),
    SMTP_CERTIFICATE("smtp-certificate", ValueType.STRING, "",
            "PEM certificate chain for incoming TLS; empty: a self-signed certificate is made at start"),
    SMTP_PRIVATEKEY("smtp-privatekey", ValueType.STRING, "",
            "PEM private key belonging to smtp-certificate"),
    SMTP_USERNAME("smtp-username", ValueType.STRING, "",
            "login that incoming SMTP clients must authenticate with; empty: no authentication required"),
    SMTP_PASSWORD("smtp-password", ValueType.STRING, "", Secret.WHOLE,
            "password belonging to smtp-username"),
    SMTP_AUTH("smtp-auth", ValueType.LOGINS, "", Secret.LOGIN_PASSWORDS,
            "5.13's logins for incoming SMTP, beside smtp-username: hardcoded://username:password[,username2:password2]; "
                    + "empty: none"),
    SMTP_RANGES("smtp-ranges", "smtp-range", ValueType.ADDRESS_RANGES, "",
            "client addresses allowed to connect, ';' between entries (192.0.2.7;10.0.0.0/8;192.0.2.10-192.0.2.20); "
                    + "smtp-ranges in MailerQ 3.0, smtp-range in 5.13, both accepted; empty: any address, except that "
                    + "a runtime listening beyond loopback without smtp-username serves loopback clients only"),
    SMARTHOST("smarthost", ValueType.STRING, "",
            "host that all outgoing mail is sent to; empty: deliver to the recipient domain's MX"),
    SMARTHOST_PORT("smarthost-port", ValueType.PORT, "25",
            "port of the smarthost"),
    SMARTHOST_USERNAME("smarthost-username", ValueType.STRING, "",
            "login for AUTH at the smarthost; empty: no AUTH"),
    SMARTHOST_PASSWORD("smarthost-password", ValueType.STRING, "", Secret.WHOLE,
            "password for AUTH at the smarthost"),
    RABBITMQ_ADDRESS("rabbitmq-address", ValueType.STRING, "", Secret.ADDRESS_PASSWORDS,
            "RabbitMQ broker the queues live on (MailerQ 4.0 and later): amqp://user:password@host:port/vhost, "
                    + "several separated by commas for a cluster; parts left out are those of "
                    + "amqp://guest:guest@localhost/; empty: the queues are kept in memory"),
    RABBITMQ_HOST("rabbitmq-host", ValueType.STRING, "",
            "RabbitMQ broker the queues live on (MailerQ 3.0): host or host:port, several separated by ';'; "
                    + "empty: the queues are kept in memory"),
    RABBITMQ_USER("rabbitmq-user", ValueType.STRING, "guest",
            "login at the rabbitmq-host broker (3.0)"),
    RABBITMQ_PASSWORD("rabbitmq-password", ValueType.STRING, "guest", Secret.WHOLE,
            "password belonging to rabbitmq-user (3.0)"),
    RABBITMQ_VHOST("rabbitmq-vhost", ValueType.STRING, "/",
            "virtual host on the rabbitmq-host broker (3.0)"),
    RABBITMQ_EXCHANGE("rabbitmq-exchange", ValueType.STRING, "mailerq",
            "direct exchange the queues are bound to by their names and messages are published to (3.0); "
                    + "MailerQ 4.0 and later publish to the default exchange"),
    RABBITMQ_DURABLE("rabbitmq-durable", ValueType.BOOLEAN, "true",
            "declare the queues (and 3.0's exchange) durable, so that they outlive a broker restart"),
    RABBITMQ_PERSISTENT("rabbitmq-persistent", ValueType.BOOLEAN, "true",
            "publish messages persistent, written to disk before the broker confirms them; true by default "
                    + "(MailerQ 5.13 says false) because the runtime answers 250 only for mail that is safe"),
    RABBITMQ_DECLARE("rabbitmq-declare", ValueType.BOOLEAN, "true",
            "declare the queues at start (5.13); false: they must exist, and the runtime checks the inbox and outbox"),
    RABBITMQ_QOS("rabbitmq-qos", ValueType.POSITIVE_INT, "1000",
            "most outbox messages a runtime holds unacknowledged at once (the prefetch), at most "
                    + "delivery-max-concurrent"),
    RABBITMQ_INBOX("rabbitmq-inbox", ValueType.STRING, "",
            "queue that received mail is published to; empty: the same queue as rabbitmq-outbox, so received mail is delivered"),
    RABBITMQ_OUTBOX("rabbitmq-outbox", ValueType.STRING, "outbox",
            "queue that mail to be delivered is taken from"),
    RABBITMQ_RESULTS("rabbitmq-results", ValueType.STRING, "results",
            "queue that every finished delivery is published to"),
    RABBITMQ_SUCCESS("rabbitmq-success", ValueType.STRING, "success",
            "queue that successful deliveries are published to"),
    RABBITMQ_FAILURE("rabbitmq-failure", ValueType.STRING, "failure",
            "queue that failed deliveries are published to"),
    RABBITMQ_RETRY("rabbitmq-retry", ValueType.STRING, "retry",
            "queue that temporarily failed deliveries are published to before they go back to the outbox"),
    RABBITMQ_REFUSED("rabbitmq-refused", ValueType.STRING, "refused",
            "queue that mail refused by the incoming side is published to"),
    RABBITMQ_LOCAL("rabbitmq-local", ValueType.STRING, "local",
            "queue that received mail for local addresses is published to instead of the inbox: what a plugin marks "
                    + "with MQ_setLocal (4.0+)"),
    DSN_ADVERTISE("dsn-advertise", ValueType.BOOLEAN, "true",
            "4.0+: offer DSN (RFC 3461) to incoming clients and copy RET, ENVID, NOTIFY and ORCPT into the JSON's dsn; "
                    + "false: those parameters are refused (3.0 always offers DSN)"),
    SMTP_EXTRACT("smtp-extract", ValueType.BOOLEAN, "true",
            "4.0+: turn the x-mq-* headers of incoming mail into JSON properties and strip them from mime; "
                    + "false: leave them in mime (3.0 always extracts them)"),

    // --- the runtime's own ---
    MAILERQ_VERSION("mailerq-version", ValueType.RELEASE, "5.13",
            "the MailerQ release played, 2.1 to 5.13 (3.0, 4.4, 5.6.5, 5.13, ...): it decides the plugin API "
                    + "(2.1/3.x or 4.0-5.13) and the JSON library plugins get (json-c, from 5.0 libfastjson)"),
    LOCAL_ADDRESSES("local-addresses", ValueType.LOCAL_ADDRESSES, "",
            "local email addresses, ';' between entries of the kinds exact:, fnmatch:, substr: and regex: "
                    + "(exact:postmaster@example.com;fnmatch:*@local.example): their mail needs no login and goes to "
                    + "rabbitmq-local (MailerQ keeps this list in its database); empty: none"),
    PLUGIN_API_VERSION("plugin-api-version", ValueType.STRING, "",
            "the MQ_API_VERSION that plugins' mq_version() must return; empty: the played release's value in the "
                    + "toolkit's mailerq.h. The build sets it for plugins built against another mailerq.h (<header>)"),
    WORKERS("workers", ValueType.POSITIVE_INT, "2",
            "number of worker threads (event loops), each with its own plugin context"),
    SMTP_ALLOW_PLAIN_AUTH("smtp-allow-plain-auth", ValueType.BOOLEAN, "false",
            "offer AUTH to incoming clients on connections that are not TLS"),
    SMTP_MAX_MESSAGE_SIZE("smtp-max-message-size", ValueType.SIZE, "50M",
            "largest incoming message in bytes (suffix K, M or G allowed); larger ones get 552"),
    SMTP_MAX_RECIPIENTS("smtp-max-recipients", ValueType.POSITIVE_INT, "100",
            "most RCPT TO accepted per incoming message; more get 452"),
    SMTP_MAX_CONNECTIONS("smtp-max-connections", ValueType.POSITIVE_INT, "1000",
            "most incoming connections served at once; more get 421"),
    SMTP_TIMEOUT("smtp-timeout", ValueType.DURATION, "5m",
            "idle time (no byte from the client, in commands and in DATA) after which an incoming connection is "
                    + "closed with 421"),
    SMTP_COMMAND_DEADLINE("smtp-command-deadline", ValueType.DURATION, "5m",
            "time a client has for each whole command line, from the server's reply to the line's end; bytes "
                    + "trickling in do not extend it; then 421"),
    SMTP_DATA_DEADLINE("smtp-data-deadline", ValueType.DURATION, "30m",
            "time a client has for a whole DATA body, from the 354 to the final dot; then 421"),
    SMTP_MAX_CONNECTIONS_PER_IP("smtp-max-connections-per-ip", ValueType.POSITIVE_INT, "50",
            "most incoming connections served at once from one client address; more get 421"),
    SMTP_ERROR_LIMIT("smtp-error-limit", ValueType.POSITIVE_INT, "20",
            "error replies (4xx, 5xx) one connection may cause; after the last, 421 and the connection is closed "
                    + "(as Postfix's smtpd_hard_error_limit)"),
    SMTP_AUTH_FAILURE_DELAY("smtp-auth-failure-delay", ValueType.DURATION, "1s",
            "wait before each refused AUTH is answered (535); every refusal also counts as an error"),
    SMTP_SPOOL_THRESHOLD("smtp-spool-threshold", ValueType.SIZE, "1M",
            "DATA bodies larger than this are written to a spool file as they arrive instead of kept in memory"),
    SMTP_SPOOL_DIRECTORY("smtp-spool-directory", ValueType.STRING, "",
            "directory of the spool files; empty: the system's temporary directory"),
    SMTP_MAX_INFLIGHT("smtp-max-inflight", ValueType.SIZE, "",
            "bytes of messages being received and not yet queued, over all connections; past it, DATA gets 452 4.3.1; "
                    + "empty: a quarter of the JVM's maximum heap"),
    RESULT_QUEUE_LIMIT("result-queue-limit", ValueType.POSITIVE_INT, "10000",
            "in-memory result queues (results, success, failure, retry) that nobody consumes keep the latest "
                    + "this many messages; older ones are dropped"),
    PLUGIN_TIMEOUT("plugin-timeout", ValueType.DURATION, "30s",
            "time a plugin may hold control of a hook before it is reported as never handing back"),
    DNS_RESOLVER("dns-resolver", ValueType.HOST_PORT, "",
            "DNS server (host or host:port, port 53 by default) for MX look-ups; empty: the system's resolvers"),
    DELIVERY_PORT("delivery-port", ValueType.PORT, "25",
            "port that mail delivered to a domain's MX hosts is sent to"),
    DELIVERY_HELO_NAME("delivery-helo-name", ValueType.STRING, "",
            "name sent with EHLO/HELO on outgoing connections; empty: this machine's host name"),
    DELIVERY_STARTTLS("delivery-starttls", ValueType.BOOLEAN, "true",
            "use STARTTLS on outgoing connections when the server offers it"),
    DELIVERY_TLS_VERIFY("delivery-tls-verify", ValueType.BOOLEAN, "false",
            "verify the certificates of smarthosts and MX hosts; off by default because test smarthosts "
                    + "use self-signed certificates and opportunistic TLS is better than plain text"),
    DELIVERY_MAX_ATTEMPTS("max-attempts", "delivery-max-attempts", ValueType.COUNT, "",
            "attempts per message when its JSON has no maxattempts, 0 for no limit (then max-deliver-time ends the "
                    + "retries); delivery-max-attempts is the runtime's older name; empty: MailerQ's default, 6 playing "
                    + "3.0, 0 playing 4.0 or later"),
    MAX_DELIVER_TIME("max-deliver-time", "max-delivertime", ValueType.DURATION, "24h",
            "how long after its first attempt a message without maxdelivertime may still be delivered (a bare "
                    + "number is seconds); max-deliver-time in MailerQ 3.0, max-delivertime in 5.13, both accepted"),
    RETRY_INTERVAL("retry-interval", ValueType.DURATIONS, "600,600,1800,1800,3600,3600,7200",
            "playing 4.0 or later: the waits between the attempts of a message without retries, ',' between them, "
                    + "the last one repeating (a bare number is seconds, as in MailerQ); playing 3.0, which documents "
                    + "no schedule, delivery-retry-delay, -multiplier and -max-delay apply instead"),
    DELIVERY_RETRY_DELAY("delivery-retry-delay", ValueType.DURATION, "60s",
            "playing 3.0: wait before the first retry of a temporary failure (e.g. 250ms, 30s, 5m, 1h; a bare number is seconds)"),
    DELIVERY_RETRY_MULTIPLIER("delivery-retry-multiplier", ValueType.POSITIVE_INT, "2",
            "each further retry waits this many times longer than the one before"),
    DELIVERY_RETRY_MAX_DELAY("delivery-retry-max-delay", ValueType.DURATION, "1h",
            "longest wait between two attempts"),
    DELIVERY_CONNECT_TIMEOUT("delivery-connect-timeout", ValueType.DURATION, "30s",
            "time allowed to open an outgoing connection"),
    DELIVERY_TIMEOUT("delivery-timeout", ValueType.DURATION, "5m",
            "time allowed for each reply of an outgoing SMTP server"),
    DELIVERY_MAX_CONCURRENT("delivery-max-concurrent", ValueType.POSITIVE_INT, "100",
            "most deliveries in progress at once"),
    SMTP_SHUTDOWN_TIMEOUT("smtp-shutdown-timeout", ValueType.DURATION, "10s",
            "at a stop, how long open incoming connections and their close hooks may take to finish"),
    CONTROL_PORT("control-port", ValueType.PORT, "",
            "port of the HTTP control channel on 127.0.0.1 (hook trace, violations, queues, stop) for test "
                    + "drivers; 0 picks a free port; empty: no control channel"),
    TRACE_FILE("trace-file", ValueType.STRING, "",
            "file the hook trace (every call, hand-back and violation, as JSON) is written to when the runtime "
                    + "has stopped, clean-up included; for test runs; empty: none"),
    CRASH_LOG("crash-log", ValueType.STRING, "",
            "file that every hook call, hand-back and violation is appended to as it happens, and the native "
                    + "frames of a crash in plugin code, so that a crash or a kill can be traced to its hook and "
                    + "source line; deleted after a graceful stop; for test runs; empty: none");

    /** The kinds of value a key takes; each checks and normalises text. */
    public enum ValueType {
        STRING, PORT, PORTS, POSITIVE_INT, BOOLEAN, DURATION, SIZE, HOST_PORT, ADDRESS_RANGES, RELEASE,
        /** a whole number, 0 or more; empty allowed (the key's getter then decides) */
        COUNT,
        /** durations separated by ',' */
        DURATIONS,
        /** exact:, fnmatch:, substr: or regex: entries separated by ';' */
        LOCAL_ADDRESSES,
        /** smtp-auth's hardcoded://username:password pairs */
        LOGINS
    }

    /** What of a key's value is secret (a password), and how the value is shown with it masked. */
    public enum Secret {
        /** nothing: the value is shown as it is */
        NONE("", ""),
        /** the whole value, unless empty */
        WHOLE("^.+$", "****"),
        /** the password of each {@code user:password@host} address, with or without a scheme */
        ADDRESS_PASSWORDS("((?:^|//|,)[^:/@,;]*):[^@/,]*@", "$1:****@"),
        /** the password of each {@code username:password} login of smtp-auth */
        LOGIN_PASSWORDS("((?://|,)[^:,]*):[^,]*", "$1:****");

        private final Pattern secret;
        private final String masked;

        Secret(String secret, String masked) {
            this.secret = Pattern.compile(secret, Pattern.DOTALL);
            this.masked = masked;
        }

        /** The value with its secret parts replaced by {@code ****}. */
        public String mask(String value) {
            return this == NONE ? value : secret.matcher(value).replaceAll(masked);
        }
    }

    private final String key;
    private final String alias;
    private final ValueType type;
    private final String defaultValue;
    private final Secret secret;
    private final String description;

    ConfigKey(String key, ValueType type, String defaultValue, String description) {
        this(key, null, type, defaultValue, Secret.NONE, description);
    }

    /** A key whose value is, or holds, a password. */
    ConfigKey(String key, ValueType type, String defaultValue, Secret secret, String description) {
        this(key, null, type, defaultValue, secret, description);
    }

    /** A key with a second name: where MailerQ 3.0 and 5.13 name it differently, both are accepted. */
    ConfigKey(String key, String alias, ValueType type, String defaultValue, String description) {
        this(key, alias, type, defaultValue, Secret.NONE, description);
    }

    private ConfigKey(String key, String alias, ValueType type, String defaultValue, Secret secret,
                      String description) {
        this.key = key;
        this.alias = alias;
        this.type = type;
        this.defaultValue = defaultValue;
        this.secret = secret;
        this.description = description;
    }

    /** The name as written in a config file or after {@code --} on the command line. */
    public String key() {
        return key;
    }

    /** The key's other name (the 5.13 one where 3.0 differs), or empty. */
    public Optional<String> alias() {
        return Optional.ofNullable(alias);
    }

    public ValueType type() {
        return type;
    }

    public String defaultValue() {
        return defaultValue;
    }

    /** What of the key's value is secret. */
    public Secret secret() {
        return secret;
    }

    public String description() {
        return description;
    }

    /** The key with this exact name or alias, if any. */
    public static Optional<ConfigKey> byName(String name) {
        for (ConfigKey k : values()) {
            if (k.key.equals(name) || name.equals(k.alias)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return key;
    }
}
