package dev.mqkit.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.fixtures.BothGenerations;
import dev.mqkit.api.fixtures.TestReleases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 5.13's precedence: --key=value beats MAILERQ_KEY_NAME beats the file beats the default
 * (<a href="https://www.mailerq.com/documentation/5.13/configuration">5.13/configuration</a>); a runtime playing an
 * earlier release reads no MAILERQ_* variable but mailerq-version and says which it left out.
 */
@BothGenerations
class ConfigPrecedenceTest {
    private final MailerqRelease release;
    private final boolean environmentApplies;

    @TempDir
    Path dir;

    ConfigPrecedenceTest(MailerqRelease release) {
        this.release = release;
        this.environmentApplies = TestReleases.connectionGeneration(release);
    }

    private Path file(String text) throws Exception {
        Path file = dir.resolve("config.txt");
        Files.writeString(file, "mailerq-version: " + release + "\n" + text);
        return file;
    }

    @Test
    void commandLineBeatsEnvironmentBeatsFileBeatsDefault() throws Exception {
        Path file = file("smarthost-port: 2501\nsmtp-port: 2502\nworkers: 3\n");
        Map<String, String> environment = Map.of("MAILERQ_SMARTHOST_PORT", "2601", "MAILERQ_SMTP_PORT", "2602",
                "PATH", "/usr/bin");
        RuntimeConfig config = CommandLine.parse("--config", file.toString(), "--smarthost-port=2701")
                .config(environment);
        assertEquals(2701, config.smarthostPort(), "the command line beats the environment and the file");
        assertEquals(environmentApplies ? 2602 : 2502, config.smtpPorts().get(0),
                environmentApplies ? "the environment beats the file" : "MailerQ 3.0 reads no environment variable");
        assertEquals(3, config.workers(), "the file beats the default");
        assertEquals(2, CommandLine.parse().config(Map.of()).workers(), "the default");
    }

    @Test
    void environmentVariablesLeftOutOrNamingNoKeyAreInTheOneWarning() throws Exception {
        RuntimeConfig config = CommandLine.parse("--config", file("").toString())
                .config(Map.of("MAILERQ_SMTP_PORT", "2602", "MAILERQ_SMTP_PROT", "1", "MAILERQ_LICENSE", "/l"));
        String warning = config.ignoredWarning().orElseThrow();
        if (environmentApplies) {
            assertEquals("accepted and ignored, as the runtime does not simulate them: license (environment "
                    + "MAILERQ_LICENSE), MAILERQ_SMTP_PROT (names no key; did you mean smtp-port?)", warning);
        } else {
            assertTrue(warning.contains("MAILERQ_SMTP_PORT (MailerQ 3.0 reads no environment variables; they "
                    + "came in 5.13)"), warning);
            assertTrue(warning.contains("MAILERQ_LICENSE (MailerQ 3.0 reads no"), warning);
        }
    }

    @Test
    void theReleaseItselfMayComeFromTheEnvironmentAndDecidesTheNames() throws Exception {
        Path file = dir.resolve("plain.txt");
        Files.writeString(file, "smtp-privatekey: /k\n");
        Map<String, String> environment = Map.of("MAILERQ_MAILERQ_VERSION", release.toString());
        CommandLine cli = CommandLine.parse("--config", file.toString());
        if (environmentApplies) {
            ConfigException e = assertThrows(ConfigException.class, () -> cli.config(environment));
            assertEquals(file + ":1: smtp-privatekey is the 3.0 name; 5.13 calls it smtp-key", e.getMessage());
        } else {
            assertEquals(release, cli.config(environment).mailerqVersion());
            assertEquals("/k", cli.config(environment).get(ConfigKey.SMTP_PRIVATEKEY));
        }
        assertEquals(release, cli.playedRelease(environment), "--help follows the same release");
    }

    @Test
    void aVariableOfTheOtherReleasesNameIsNamedAsSuch() throws Exception {
        String theirs = environmentApplies ? "MAILERQ_SMTP_PRIVATEKEY" : "MAILERQ_SMTP_KEY";
        CommandLine cli = CommandLine.parse("--config", file("").toString());
        if (environmentApplies) {
            ConfigException e = assertThrows(ConfigException.class, () -> cli.config(Map.of(theirs, "/k")));
            assertEquals("environment MAILERQ_SMTP_PRIVATEKEY: smtp-privatekey is the 3.0 name; 5.13 calls it "
                    + "smtp-key", e.getMessage());
        } else {
            assertTrue(cli.config(Map.of(theirs, "/k")).ignoredWarning().orElseThrow().contains(theirs));
        }
    }

    @Test
    void theCommandLineTakesTheReleasesNamesToo() throws Exception {
        String ours = environmentApplies ? "--smtp-key=/k" : "--smtp-privatekey=/k";
        String theirs = environmentApplies ? "--smtp-privatekey=/k" : "--smtp-key=/k";
        assertEquals("/k", CommandLine.parse("--mailerq-version", release.toString(), ours).config(Map.of())
                .get(ConfigKey.SMTP_PRIVATEKEY));
        ConfigException e = assertThrows(ConfigException.class,
                () -> CommandLine.parse("--mailerq-version", release.toString(), theirs).config(Map.of()));
        assertTrue(e.getMessage().startsWith("command line " + theirs.substring(0, theirs.indexOf('=')) + ": "),
                e.getMessage());
        ConfigException typo = assertThrows(ConfigException.class, () -> CommandLine.parse("--smtp-prot=25"));
        assertEquals("command line --smtp-prot: unknown option 'smtp-prot'; did you mean smtp-port? (see --help)",
                typo.getMessage());
    }
}
