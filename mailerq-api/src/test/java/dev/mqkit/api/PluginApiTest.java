package dev.mqkit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.api.MailerqRelease.Generation;
import dev.mqkit.api.fixtures.FictitiousRelease;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PluginApiTest {

    private final PluginApi model = PluginApi.bundled();

    @Test
    void namesA3xFunctionAsTheReleaseSpellsIt() {
        assertEquals("MQ_Complete", MailerqRelease.parse("3.0").api().name("MQ_Complete"));
        assertEquals("MQ_Complete", MailerqRelease.parse("2.1").api().name("MQ_Complete"));
        assertEquals("MQ_complete", MailerqRelease.parse("4.0").api().name("MQ_Complete"));
        assertEquals("MQ_send", MailerqRelease.parse("5.13").api().name("MQ_SmtpSend"));
        assertEquals("MQ_ev", MailerqRelease.parse("5.13").api().name("MQ_ev"), "both generations have it");
    }

    @Test
    void knowsWhereEachNameBelongs() {
        assertEquals(Optional.of(MailerqRelease.parse("4.0")), model.firstRelease("mq_smtp_out_sent"));
        assertEquals(Optional.of(MailerqRelease.parse("4.0")), model.firstRelease("MQ_continue"));
        assertEquals(Optional.of(MailerqRelease.parse("2.1")), model.firstRelease("MQ_Continue"));
        assertEquals(Optional.of(MailerqRelease.parse("4.0")), model.function("MQ_SmtpSend").orElseThrow()
                .renamedAfter("MQ_SmtpSend"));
        assertEquals(Optional.empty(), model.firstRelease("MQ_Bogus"));
        assertEquals("2.1/3.x", model.releasesOf(Generation.SMTP_CONNECTION));
        assertEquals(MailerqRelease.parse("3.0"), model.newest(Generation.SMTP_CONNECTION));
        assertEquals(MailerqRelease.parse("4.0"), model.first(Generation.CONNECTION));
    }

    @Test
    void aReleaseAddedToTheModelIsKnownWithItsFunctionsAndNames() {
        PluginApi with514 = FictitiousRelease.model();
        MailerqRelease release = with514.parse("5.14");
        ReleaseApi api = with514.of(release);

        assertEquals(FictitiousRelease.MAILERQ_5_14, with514.newest());
        assertEquals(FictitiousRelease.API_VERSION, api.apiVersion());
        assertEquals(Generation.CONNECTION, api.generation());
        assertEquals("4.0-5.14", with514.releasesOf(Generation.CONNECTION));
        assertEquals(FictitiousRelease.NEW_NAME, api.name("MQ_SmtpSend"));
        assertEquals(FictitiousRelease.NEW_NAME, api.name("MQ_send"));
        assertEquals("MQ_send", with514.of(MailerqRelease.parse("5.13")).name(FictitiousRelease.NEW_NAME));
        assertTrue(api.has(FictitiousRelease.NEW_FUNCTION));
        assertEquals(Optional.of(release), with514.laterReleaseOf(FictitiousRelease.NEW_FUNCTION,
                MailerqRelease.parse("5.13")));
        // the bundled model is untouched
        assertThrows(IllegalArgumentException.class, () -> MailerqRelease.parse("5.14"));
    }
}
