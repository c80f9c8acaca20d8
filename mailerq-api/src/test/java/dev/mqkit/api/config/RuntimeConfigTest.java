package dev.mqkit.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.api.MailerqRelease;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeConfigTest {
    @TempDir
    Path dir;

    private Path write(String text) throws Exception {
        Path file = dir.resolve("mailerq.conf");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsKeysCommentsAndBlankLines() throws Exception {
        Path file = write("""
                # a MailerQ style file
                plugin-directory: /opt/plugins

                smtp-port: 25,2525,1024-1026
                smarthost: relay.example.com   # trailing comment
                smarthost-port: 587
                smarthost-password: se#cret
                rabbitmq-outbox: mails
                delivery-retry-delay: 250ms
                dns-resolver: 127.0.0.1:5353
                smtp-allow-plain-auth: yes
                """);
        RuntimeConfig config = RuntimeConfig.load(file);
        assertEquals(Optional.of(Path.of("/opt/plugins")), config.pluginDirectory());
        assertEquals(List.of(25, 2525, 1024, 1025, 1026), config.smtpPorts());
        assertEquals(Optional.of("relay.example.com"), config.smarthost());
        assertEquals(587, config.smarthostPort());
        assertEquals("se#cret", config.smarthostPassword());
        assertEquals("mails", config.outboxQueue());
        assertEquals("mails", config.inboxQueue(), "inbox follows the outbox unless set");
        assertEquals(Duration.ofMillis(250), config.deliveryRetryDelay());
        assertEquals(InetSocketAddress.createUnresolved("127.0.0.1", 5353), config.dnsResolver().orElseThrow());
        assertTrue(config.smtpAllowPlainAuth());
        assertTrue(config.isSet(ConfigKey.SMARTHOST));
        assertFalse(config.isSet(ConfigKey.WORKERS));
    }

    @Test
    void everyKeyMailerQSharesIsKnown() {
        for (String key : List.of("plugin-directory", "smtp-port", "smtp-ip", "smtp-secure-port", "smtp-certificate",
                "smtp-privatekey", "smtp-username", "smtp-password", "smarthost", "smarthost-port",
                "smarthost-username", "smarthost-password", "rabbitmq-address", "rabbitmq-inbox", "rabbitmq-outbox",
                "rabbitmq-results", "rabbitmq-success", "rabbitmq-failure", "rabbitmq-retry", "rabbitmq-refused",
                "rabbitmq-local")) {
            assertTrue(ConfigKey.byName(key).isPresent(), key);
        }
    }

    @Test
    void pluginApiVersionFollowsTheReleaseUnlessSet() {
        assertEquals(1, RuntimeConfig.defaults().with("mailerq-version", "3.0").pluginApiVersion());
        assertEquals(3, RuntimeConfig.defaults().with("mailerq-version", "5.6").pluginApiVersion());
        assertEquals(17, RuntimeConfig.defaults().with("mailerq-version", "5.6").with("plugin-api-version", "17")
                .pluginApiVersion());
        ConfigException e = assertThrows(ConfigException.class,
                () -> RuntimeConfig.defaults().with("plugin-api-version", "four").pluginApiVersion());
        assertTrue(e.getMessage().startsWith("plugin-api-version 'four' is not a number"), e.getMessage());
    }

    @Test
    void defaults() {
        RuntimeConfig config = RuntimeConfig.defaults();
        assertEquals("outbox", config.inboxQueue());
        assertEquals("outbox", config.outboxQueue());
        assertEquals("results", config.resultsQueue());
        assertEquals("refused", config.refusedQueue());
        assertEquals("local", config.localQueue());
        assertEquals(MailerqRelease.parse("5.13"), config.mailerqVersion());
        assertEquals(4, config.pluginApiVersion());
        assertEquals(Optional.empty(), config.smarthost());
        assertEquals(25, config.smarthostPort());
        assertEquals(25, config.deliveryPort());
        assertEquals(0, config.deliveryMaxAttempts(), "5.13: no limit, max-delivertime ends the retries");
        assertEquals(6, config.with("mailerq-version", "3.0").deliveryMaxAttempts(), "3.0's default");
        assertEquals(2, config.with("delivery-max-attempts", "2").deliveryMaxAttempts(), "the runtime's older name");
        assertEquals(Duration.ofHours(24), config.maxDeliverTime());
        assertEquals(Duration.ofSeconds(90), config.with("max-delivertime", "90").maxDeliverTime(), "5.13's name");
        assertEquals(List.of(600, 600, 1800, 1800, 3600, 3600, 7200).stream().map(Duration::ofSeconds).toList(),
                config.retryInterval());
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofSeconds(5)),
                config.with("retry-interval", "200ms, 5").retryInterval());
        assertEquals(Duration.ofSeconds(60), config.deliveryRetryDelay());
        assertEquals(Duration.ofHours(1), config.deliveryRetryMaxDelay());
        assertEquals(50L << 20, config.smtpMaxMessageSize());
        assertFalse(config.deliveryTlsVerify());
        assertEquals(List.of(), config.smtpSecurePorts());
        assertEquals(Optional.empty(), config.dnsResolver());
    }

    @Test
    void unknownKeyNamesFileAndLine() throws Exception {
        Path file = write("smtp-port: 25\n\n# comment\nsmtp-prot: 26\n");
        ConfigException e = assertThrows(ConfigException.class, () -> RuntimeConfig.load(file));
        assertTrue(e.getMessage().startsWith(file + ":4: unknown key 'smtp-prot'"), e.getMessage());
    }

    @Test
    void badValuesNameFileAndLine() throws Exception {
        Map<String, String> cases = Map.of(
                "smtp-port: 25,70000", "port 70000 is outside 0-65535",
                "smtp-port: 30-20", "port range 30-20 runs backwards",
                "smtp-port: 25,,26", "empty item",
                "workers: zero", "'zero' is not a whole number",
                "workers: 0", "0 is not at least 1",
                "delivery-starttls: maybe", "'maybe' is not true or false",
                "delivery-timeout: soon", "is not a duration",
                "smarthost-port: 25,26", "'25,26' is not a port number",
                "smarthost-port:", "'' is not a port number",
                "smtp-max-message-size: -1", "is not a size");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path file = write("# first\n" + c.getKey() + "\n");
            ConfigException e = assertThrows(ConfigException.class, () -> RuntimeConfig.load(file), c.getKey());
            assertTrue(e.getMessage().startsWith(file + ":2: bad value for "), e.getMessage());
            assertTrue(e.getMessage().contains(c.getValue()), e.getMessage());
        }
    }

    @Test
    void malformedAndRepeatedLines() throws Exception {
        Path noColon = write("smtp-port 25\n");
        ConfigException e = assertThrows(ConfigException.class, () -> RuntimeConfig.load(noColon));
        assertEquals(noColon + ":1: expected 'key: value' but found 'smtp-port 25'", e.getMessage());

        Path twice = write("smarthost: a\nsmarthost: b\n");
        e = assertThrows(ConfigException.class, () -> RuntimeConfig.load(twice));
        assertEquals(twice + ":2: key 'smarthost' was already set on line 1", e.getMessage());

        e = assertThrows(ConfigException.class, () -> RuntimeConfig.load(dir.resolve("missing.conf")));
        assertTrue(e.getMessage().contains("missing.conf: cannot read config file"), e.getMessage());
    }

    @Test
    void commandLineOverridesTheFile() throws Exception {
        Path file = write("smarthost: relay.example.com\nsmarthost-port: 587\nworkers: 4\n");
        CommandLine cli = CommandLine.parse("--smarthost-port", "2525", "--config", file.toString(),
                "--workers=3", "--rabbitmq-inbox", "incoming");
        RuntimeConfig config = cli.config();
        assertEquals(2525, config.smarthostPort());
        assertEquals(3, config.workers());
        assertEquals(Optional.of("relay.example.com"), config.smarthost());
        assertEquals("incoming", config.inboxQueue());
        assertEquals("outbox", config.outboxQueue());
        assertFalse(cli.helpRequested());
    }

    @Test
    void commandLineErrorsNameTheOption() {
        ConfigException e = assertThrows(ConfigException.class, () -> CommandLine.parse("--smtp-port", "x"));
        assertEquals("command line --smtp-port: bad value for smtp-port: 'x' is not a port number", e.getMessage());
        e = assertThrows(ConfigException.class, () -> CommandLine.parse("--smarthots", "a"));
        assertTrue(e.getMessage().startsWith("command line --smarthots: unknown option"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> CommandLine.parse("--smarthost"));
        assertEquals("command line --smarthost: missing value", e.getMessage());
        e = assertThrows(ConfigException.class, () -> CommandLine.parse("stray"));
        assertTrue(e.getMessage().contains("unexpected argument 'stray'"), e.getMessage());
    }

    @Test
    void extraOptionsAndHelp() {
        Map<String, String> extra = Map.of("send", "JSON file of messages to put in the outbox");
        CommandLine cli = CommandLine.parse(extra, "--send", "a.json", "--help", "--send", "b.json");
        assertTrue(cli.helpRequested());
        assertEquals(List.of("a.json", "b.json"), cli.extra("send"));
        assertEquals(List.of(), cli.extra("other"));

        String help = CommandLine.help(extra);
        assertTrue(help.contains("--send VALUE"));
        assertTrue(help.contains("--config FILE"));
        for (ConfigKey key : ConfigKey.values()) {
            assertTrue(help.contains("  " + KeyLookup.nameIn(key, KeyNaming.MAILERQ_5_13) + " ("), key.key());
            assertTrue(help.contains(key.description()), key.key());
        }
        assertTrue(help.contains("default: outbox"));
        assertTrue(help.contains("default: 25"));
    }

    @Test
    void withChecksValues() {
        RuntimeConfig config = RuntimeConfig.defaults().with("delivery-port", "2525");
        assertEquals(2525, config.deliveryPort());
        ConfigException e = assertThrows(ConfigException.class, () -> config.with("delivery-port", "x"));
        assertEquals("setting delivery-port: bad value for delivery-port: 'x' is not a port number", e.getMessage());
        assertThrows(ConfigException.class, () -> config.with("no-such-key", "1"));
    }

    @Test
    void smtpRangesTakesItsThreeZeroAndItsFiveThirteenName() {
        assertEquals("10.0.0.0/8", RuntimeConfig.defaults().withText("smtp-ranges: 10.0.0.0/8", "a").get(ConfigKey.SMTP_RANGES));
        assertEquals("10.0.0.0/8", RuntimeConfig.defaults().withText("smtp-range: 10.0.0.0/8", "b").get(ConfigKey.SMTP_RANGES));
        ConfigException twice = assertThrows(ConfigException.class, () -> RuntimeConfig.defaults()
                .withText("smtp-ranges: 10.0.0.0/8\nsmtp-range: 10.0.0.1", "c"));
        assertTrue(twice.getMessage().contains("already set on line 1"), twice.getMessage());
        ConfigException bad = assertThrows(ConfigException.class, () -> RuntimeConfig.defaults().with("smtp-range", "mail.example.com"));
        assertTrue(bad.getMessage().contains("'mail.example.com' is not an IP address"), bad.getMessage());
    }

    @Test
    void whatIsSecretIsMarkedOnItsKeyAndShownMasked() {
        for (ConfigKey key : ConfigKey.values()) {
            assertEquals(key.key().endsWith("password") || key == ConfigKey.RABBITMQ_ADDRESS || key == ConfigKey.SMTP_AUTH,
                    key.secret() != ConfigKey.Secret.NONE, key.key());
        }
        String shown = RuntimeConfig.defaults().with(ConfigKey.SMARTHOST_PASSWORD, "se#cret")
                .with(ConfigKey.RABBITMQ_ADDRESS, "amqp://mq:pw1@h1/v,mq2:pw2@h2").with(ConfigKey.SMTP_PASSWORD, "").toString();
        assertTrue(shown.contains("smarthost-password: ****\n"), shown);
        assertTrue(shown.contains("rabbitmq-address: amqp://mq:****@h1/v,mq2:****@h2\n"), shown);
        assertTrue(shown.contains("smtp-password: \n"), shown);
        assertFalse(shown.contains("pw") || shown.contains("se#cret"), shown);
    }
}
