package dev.mqkit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.mqkit.api.MailerqRelease.Generation;
import dev.mqkit.api.config.ConfigException;

import dev.mqkit.api.config.RuntimeConfig;
import dev.mqkit.header.testing.Release;
import dev.mqkit.api.MailerqRelease.Generation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MailerqReleaseTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2.1, 20100, SMTP_CONNECTION", "3.0, 30000, SMTP_CONNECTION", "3.0.0, 30000, SMTP_CONNECTION",
        "4.0, 40000, CONNECTION", "4.4, 40400, CONNECTION", "5.6, 50600, CONNECTION", "5.6.5, 50605, CONNECTION",
        "5.13, 51300, CONNECTION"})
    void knowsTheDocumentedReleasesTheirMacroAndGeneration(String text, int macro, Generation generation) {
        MailerqRelease release = MailerqRelease.parse(text);
        assertEquals(macro, release.macro());
        assertEquals(generation, release.generation());
        assertEquals(release, MailerqRelease.ofMacro(macro));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "6.0", "5.14", "3.1", "2.0", "5.6.4", "latest", "5"})
    void refusesAnUnknownReleaseListingTheKnownOnes(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MailerqRelease.parse(text));
        assertTrue(e.getMessage().endsWith("2.1, 3.0, 4.0, 4.1, 4.2, 4.3, 4.4, 5.0, 5.1, 5.2, 5.3, 5.4, 5.5, 5.6, "
                + "5.6.5, 5.7, 5.8, 5.9, 5.10, 5.11, 5.12, 5.13"), e.getMessage());
    }

    @Test
    void ordersByReleaseNotByText() {
        assertTrue(MailerqRelease.parse("5.13").atLeast(MailerqRelease.parse("5.6.5")));
        assertFalse(MailerqRelease.parse("5.6").atLeast(MailerqRelease.parse("5.6.5")));
        assertEquals(MailerqRelease.parse("5.13"), MailerqRelease.newest());
    }

    @Test
    void isTheRuntimesMailerqVersionKey() {
        assertEquals(MailerqRelease.parse("5.13"), RuntimeConfig.defaults().mailerqVersion());
        assertEquals(MailerqRelease.parse("4.4"), RuntimeConfig.defaults().with("mailerq-version", "4.4").mailerqVersion());
        assertThrows(ConfigException.class, () -> RuntimeConfig.defaults().with("mailerq-version", "6.0"));
    }

    /** The runtime expects what the header's MQ_API_VERSION table gives each release. */
    @ParameterizedTest(name = "MailerQ {0}")
    @MethodSource("dev.mqkit.header.testing.Release#samples")
    void expectsTheHeadersApiVersion(Release sample) {
        MailerqRelease release = MailerqRelease.parse(sample.name());

        assertEquals(sample.apiVersion(), release.apiVersion());
        assertEquals(sample.macro(), release.macro());
        assertEquals(sample.connectionGeneration(), release.generation() == Generation.CONNECTION);
    }

    @Test
    void knowsWhichFunctionsCameLaterInTheirGeneration() {
        assertEquals(java.util.Optional.of(MailerqRelease.parse("5.6.5")),
                MailerqRelease.parse("5.6").laterReleaseOf("MQ_log"));
        assertEquals(java.util.Optional.empty(), MailerqRelease.parse("5.6.5").laterReleaseOf("MQ_log"));
        assertEquals(java.util.Optional.empty(), MailerqRelease.parse("5.0").laterReleaseOf("MQ_send"));
        // another generation's function is not "later": the loader names the generation instead
        assertEquals(java.util.Optional.empty(), MailerqRelease.parse("3.0").laterReleaseOf("MQ_log"));
    }

    @Test
    void usesLibfastjsonFromFiveOnly() {
        assertFalse(MailerqRelease.parse("4.4").fastjson());
        assertTrue(MailerqRelease.parse("5.0").fastjson());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"MQ_SmtpSend, SMTP_CONNECTION", "MQ_Continue, SMTP_CONNECTION", "MQ_IOWatch, SMTP_CONNECTION",
        "MQ_send, CONNECTION", "MQ_continue, CONNECTION", "MQ_log, CONNECTION", "MQ_ioWatch, CONNECTION"})
    void tellsTheGenerationOfAFunctionFromTheApiModel(String function, Generation generation) {
        assertEquals(java.util.Optional.of(generation), PluginApi.bundled().onlyIn(function));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MQ_ev", "MQ_", "mq_version", "MQ_2x", "malloc"})
    void knowsNoGenerationForNamesBothHaveOrNeither(String name) {
        assertEquals(java.util.Optional.empty(), PluginApi.bundled().onlyIn(name));
    }
}
