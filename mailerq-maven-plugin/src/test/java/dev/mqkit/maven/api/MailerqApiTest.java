package dev.mqkit.maven.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.api.MailerqRelease;
import org.junit.jupiter.api.Test;

import java.util.List;

class MailerqApiTest {

    private final MailerqApi api = MailerqApi.bundled(MailerqRelease.parse("3.0"));

    @Test
    void readsEveryHookOfTheContractFromTheBundledHeader() {
        assertEquals(List.of("mq_version", "mq_initialize", "mq_cleanup", "mq_context_initialize",
                "mq_context_cleanup", "mq_smtp_in_connect", "mq_smtp_in_secure", "mq_smtp_in_authenticate",
                "mq_smtp_in_mailfrom", "mq_smtp_in_rcptto", "mq_smtp_in_data", "mq_smtp_in_message",
                "mq_smtp_in_close", "mq_smtp_out_data"), List.copyOf(api.hooks()));
    }

    @Test
    void readsTheHostFunctionsButNotTheMacros() {
        assertTrue(api.functions().containsAll(List.of("MQ_Continue", "MQ_Complete", "MQ_Retry", "MQ_ContextData",
                "MQ_SetContextData", "MQ_IOWatch", "MQ_IOUnwatch", "MQ_TimerStart", "MQ_TimerStop", "MQ_TimerReset",
                "MQ_ev", "MQ_SmtpFileDescriptor", "MQ_SmtpSend", "MQ_SmtpSecure", "MQ_SmtpAuthenticated",
                "MQ_SetSmtpAuthenticated", "MQ_SmtpData", "MQ_SetSmtpData", "MQ_Json", "MQ_Envelope",
                "MQ_Recipient", "MQ_Mime", "MQ_SetEnvelope", "MQ_SetRecipient", "MQ_SetMime")));
        assertEquals(25, api.functions().size(), api.functions().toString());
        assertFalse(api.functions().contains("MQ_EXPORT"));
        assertEquals(1, api.version());
    }

    @Test
    void ignoresNamesInComments() {
        MailerqApi parsed = MailerqApi.parse("#define MQ_API_VERSION 7\n/* mq_fake() MQ_Fake() */\n"
                + "// mq_other()\nint mq_version(void);\nvoid MQ_Real(int);\n", MailerqRelease.newest());
        assertEquals(List.of("mq_version"), List.copyOf(parsed.hooks()));
        assertEquals(List.of("MQ_Real"), List.copyOf(parsed.functions()));
        assertEquals(7, parsed.version());
    }

    @Test
    void readsThe513DeclarationsByDefault() {
        MailerqApi api = MailerqApi.bundled(MailerqRelease.newest());
        assertEquals(List.of("mq_version", "mq_initialize", "mq_cleanup", "mq_context_initialize",
                "mq_context_cleanup", "mq_smtp_in_connect", "mq_smtp_in_secure", "mq_smtp_in_authenticate",
                "mq_smtp_in_mailfrom", "mq_smtp_in_rcptto", "mq_smtp_in_data", "mq_smtp_in_message",
                "mq_smtp_in_close", "mq_smtp_out_data", "mq_smtp_out_sent"), List.copyOf(api.hooks()));
        assertEquals(List.of("MQ_ev", "MQ_continue", "MQ_complete", "MQ_retry", "MQ_contextData", "MQ_setContextData",
                "MQ_ioWatch", "MQ_ioUnwatch", "MQ_startTimer", "MQ_stopTimer", "MQ_resetTimer",
                "MQ_fileDescriptor", "MQ_send", "MQ_secure", "MQ_authenticated", "MQ_setAuthenticated",
                "MQ_connectionData", "MQ_setConnectionData", "MQ_json", "MQ_envelope", "MQ_recipient", "MQ_mime",
                "MQ_setEnvelope", "MQ_setRecipient", "MQ_setMime", "MQ_local", "MQ_setLocal", "MQ_email", "MQ_log"),
                List.copyOf(api.functions()));
        assertEquals(4, api.version());
    }

    @Test
    void followsTheReleaseTableOfTheHeader() {
        assertEquals(1, MailerqApi.bundled(MailerqRelease.parse("2.1")).version());
        assertEquals(2, MailerqApi.bundled(MailerqRelease.parse("4.4")).version());
        assertEquals(3, MailerqApi.bundled(MailerqRelease.parse("5.6")).version());
        assertFalse(MailerqApi.bundled(MailerqRelease.parse("5.6")).functions().contains("MQ_log"));
        assertEquals(4, MailerqApi.bundled(MailerqRelease.parse("5.6.5")).version());
        assertTrue(MailerqApi.bundled(MailerqRelease.parse("4.0")).hooks().contains("mq_smtp_out_sent"));
    }

    @Test
    void evaluatesOnlyConditionsOnTheRelease() {
        String header = "#define MQ_API_VERSION 1\n#ifdef __cplusplus\nvoid MQ_A(void);\n#else\nvoid MQ_B(void);\n"
                + "#endif\n#if MQ_MAILERQ_VERSION >= 40000 && MQ_MAILERQ_VERSION < 50000\nvoid MQ_Four(void);\n"
                + "#elif MQ_MAILERQ_VERSION >= 50000\nvoid MQ_Five(void);\n#else\nvoid MQ_Old(void);\n#endif\n";
        assertEquals(List.of("MQ_A", "MQ_B", "MQ_Four"),
                List.copyOf(MailerqApi.parse(header, MailerqRelease.parse("4.2")).functions()));
        assertEquals(List.of("MQ_A", "MQ_B", "MQ_Five"),
                List.copyOf(MailerqApi.parse(header, MailerqRelease.parse("5.13")).functions()));
        assertEquals(List.of("MQ_A", "MQ_B", "MQ_Old"),
                List.copyOf(MailerqApi.parse(header, MailerqRelease.parse("3.0")).functions()));
    }
}
