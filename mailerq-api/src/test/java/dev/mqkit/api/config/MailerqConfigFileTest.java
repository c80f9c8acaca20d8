package dev.mqkit.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.fixtures.BothGenerations;
import dev.mqkit.api.fixtures.TestReleases;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real MailerQ config.txt of the played release loads (src/test/resources/config/mailerq-RELEASE.txt, written
 * in the style of the release's documented samples), and what the release names differently, or not at all,
 * is named in the error.
 */
@BothGenerations
class MailerqConfigFileTest {
    private final MailerqRelease release;
    private final KeyNaming naming;
    private final boolean threeZero;

    @TempDir
    Path dir;

    MailerqConfigFileTest(MailerqRelease release) {
        this.release = release;
        this.naming = KeyNaming.of(release);
        this.threeZero = !TestReleases.connectionGeneration(release);
    }

    private String sample() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/config/mailerq-" + release + ".txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The release's sample with mailerq-version on top, as a file. */
    private Path sampleFile() throws IOException {
        return write("mailerq-version: " + release + "\n" + sample());
    }

    private Path write(String text) throws IOException {
        Path file = dir.resolve("config.txt");
        Files.writeString(file, text);
        return file;
    }

    private RuntimeConfig load(String text) throws IOException {
        return RuntimeConfig.load(write("mailerq-version: " + release + "\n" + text));
    }

    private ConfigException failure(String text) throws IOException {
        Path file = write("mailerq-version: " + release + "\n" + text);
        return assertThrows(ConfigException.class, () -> RuntimeConfig.load(file));
    }

    @Test
    void theReleasesSampleLoadsWithTheKeysTheRuntimeActsOnSet() throws Exception {
        RuntimeConfig config = RuntimeConfig.load(sampleFile());
        assertEquals(release, config.mailerqVersion());
        assertEquals(List.of(25, 2525, 1024, 1025, 1026), config.smtpPorts());
        assertEquals("192.0.2.25", config.smtpIp());
        assertEquals(List.of(465), config.smtpSecurePorts());
        assertEquals(Optional.of(Path.of("/etc/mailerq/smtp.key")), config.smtpPrivateKey(),
                threeZero ? "smtp-privatekey" : "smtp-key");
        assertEquals("192.0.2.0/24;198.51.100.7", config.get(ConfigKey.SMTP_RANGES));
        assertEquals(Optional.of("relay.example.net"), config.smarthost());
        assertEquals(587, config.smarthostPort());
        assertEquals("relay-secret", config.smarthostPassword());
        assertEquals(Optional.of(Path.of("/usr/share/mailerq/plugins")), config.pluginDirectory());
        assertEquals("outbox", config.inboxQueue());
        if (!threeZero) {
            assertEquals(Duration.ofSeconds(300), config.smtpTimeout(), "smtp-timeout: 300 is seconds");
        }
    }

    @Test
    void theKeysTheRuntimeDoesNotSimulateMakeOneWarningThatListsThemWithTheirLines() throws Exception {
        Path file = sampleFile();
        RuntimeConfig config = RuntimeConfig.load(file);
        String warning = config.ignoredWarning().orElseThrow();
        List<String> lines = Files.readAllLines(file);
        for (String key : List.of("license", "user", "lock", "database", "error-log", "www-port", "www-dir",
                threeZero ? "storage" : "storage-address", threeZero ? "dns-force" : "dns-interval",
                threeZero ? "cluster-host" : "smtp-check", threeZero ? "domain-maxconnections" : "spool-directory")) {
            int line = lineOf(lines, key);
            assertTrue(warning.contains(key + " (" + file + ":" + line + ")"), key + " in: " + warning);
        }
        for (String acted : List.of("smtp-port", "smtp-ip", "smarthost", "plugin-directory",
                threeZero ? "smtp-privatekey" : "smtp-key", threeZero ? "smtp-ranges" : "smtp-range")) {
            assertFalse(warning.contains(acted + " ("), acted + " is not ignored: " + warning);
        }
        assertEquals(config.ignoredKeys().size(), warning.split("\\), ").length, "one warning lists them all");
    }

    private static int lineOf(List<String> lines, String key) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(key + ":")) {
                return i + 1;
            }
        }
        throw new AssertionError(key + " is not in the sample");
    }

    @Test
    void aKeyOfTheOtherReleaseIsNamedAsSuchWithFileAndLine() throws Exception {
        String key = threeZero ? "smtp-key" : "smtp-privatekey";
        ConfigException e = failure("smtp-port: 25\n" + key + ": /etc/mailerq/smtp.key\n");
        String expected = threeZero ? "smtp-key is the 5.13 name; 3.0 calls it smtp-privatekey"
                : "smtp-privatekey is the 3.0 name; 5.13 calls it smtp-key";
        assertEquals(dir.resolve("config.txt") + ":3: " + expected, e.getMessage());
    }

    @Test
    void everyOneToOneRenameOfTheTableIsNamedAndEveryFoldedKeyPointsToItsSuccessor() throws Exception {
        for (KeyNaming.Rename rename : KeyNaming.RENAMES) {
            String theirs = rename.in(naming.other());
            String ours = rename.in(naming);
            if (ConfigKey.byName(theirs).isPresent() && naming.other().oneToOne(theirs).isEmpty()) {
                continue; // a runtime key of its own name (rabbitmq-address, smtp-username): it works in both
            }
            if (ConfigKey.byName(theirs).isPresent() && ConfigKey.byName(theirs).equals(ConfigKey.byName(ours))) {
                continue; // both names of one runtime key (smtp-ranges, smtp-range): both work in both
            }
            ConfigException e = failure(theirs + ": x\n");
            String message = e.getMessage();
            assertTrue(message.contains(theirs + " is the " + naming.other().label() + " name; " + naming.label()
                    + " calls it " + ours) || message.contains(theirs + " is a " + naming.other().label()
                    + " key; " + naming.label() + " has "), message);
            assertTrue(message.contains(ours), message);
        }
    }

    @Test
    void bothNamesOfSmtpRangesWorkAsBefore() throws Exception {
        assertEquals("10.0.0.0/8", load("smtp-ranges: 10.0.0.0/8\n").get(ConfigKey.SMTP_RANGES));
        assertEquals("10.0.0.0/8", load("smtp-range: 10.0.0.0/8\n").get(ConfigKey.SMTP_RANGES));
    }

    @Test
    void aKeyOnlyTheOtherReleaseDocumentsIsNamedAsItsAndHowToPlayIt() throws Exception {
        String key = threeZero ? "spool-directory" : "dsn-envelope";
        ConfigException e = failure(key + ": x\n");
        String other = naming.other().label();
        assertEquals(dir.resolve("config.txt") + ":2: " + key + " is a MailerQ " + other + " key that "
                + naming.label() + " does not have (mailerq-version: " + other + " plays " + other + ")",
                e.getMessage());
    }

    @Test
    void aMisspeltKnownKeyFailsWithDidYouMean() throws Exception {
        Map<String, String> misspelt = Map.of("smtp-prot", "smtp-port", "smarthots", "smarthost",
                "licence", "license", threeZero ? "smtp-privatkey" : "smtp-kye", threeZero ? "smtp-privatekey"
                        : "smtp-key");
        for (Map.Entry<String, String> typo : misspelt.entrySet()) {
            ConfigException e = failure("\n# a comment\n" + typo.getKey() + ": x\n");
            assertTrue(e.getMessage().startsWith(dir.resolve("config.txt") + ":4: unknown key '" + typo.getKey()
                    + "'; did you mean " + typo.getValue() + "?"), e.getMessage());
        }
        ConfigException far = failure("completely-unknown: 1\n");
        assertFalse(far.getMessage().contains("did you mean"), far.getMessage());
    }

    @Test
    void booleansAsEitherReleaseWritesThemAndNothingElse() throws Exception {
        assertTrue(load("delivery-starttls: 1\n").deliveryStartTls());
        assertFalse(load("delivery-starttls: 0\n").deliveryStartTls());
        assertTrue(load("delivery-starttls: true\n").deliveryStartTls());
        assertFalse(load("delivery-starttls:false\n").deliveryStartTls());
        ConfigException e = failure("# booleans\ndelivery-starttls: 2\n");
        assertEquals(dir.resolve("config.txt") + ":3: bad value for delivery-starttls: '2' is not true or false",
                e.getMessage());
    }

    @Test
    void sizesAsMailerqWritesThemCommentsAndPadding() throws Exception {
        RuntimeConfig config = load("""
                # sizes, as smtp-maxsize: 100MB is written
                smtp-max-message-size   :100MB
                   smtp-spool-threshold:	512KB   # after white space, # starts a comment
                smtp-max-inflight:1GB
                """);
        assertEquals(100L << 20, config.smtpMaxMessageSize());
        assertEquals(512L << 10, config.smtpSpoolThreshold());
        assertEquals(1L << 30, config.smtpMaxInflight());
        assertEquals(4096, load("smtp-spool-threshold: 4096B\n").smtpSpoolThreshold());
        ConfigException e = failure("smtp-max-message-size: 100 MiB\n");
        assertTrue(e.getMessage().contains(":2: bad value for smtp-max-message-size"), e.getMessage());
    }

    @Test
    void helpListsTheKeysUnderThePlayedReleasesNames() {
        String help = CommandLine.help(Map.of(), release);
        assertTrue(help.contains("Keys of MailerQ " + release + " "), help);
        assertTrue(help.contains(threeZero ? "  smtp-privatekey (" : "  smtp-key ("), help);
        assertFalse(help.contains(threeZero ? "  smtp-key (" : "  smtp-privatekey ("), help);
        assertTrue(help.contains(threeZero ? "  smtp-ranges (address ranges; also smtp-range)"
                : "  smtp-range (address ranges; also smtp-ranges)"), help);
        assertEquals(!threeZero, help.contains("MAILERQ_KEY_NAME"), "environment variables are 5.13's");
        for (String ignored : KeyLookup.ignoredIn(naming)) {
            assertTrue(help.contains(ignored), ignored);
        }
        assertTrue(help.contains("license"), help);
    }
}
