package dev.mqkit.maven.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;

class MailerqApiTest {

    private final MailerqApi api = MailerqApi.bundled();

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
                + "// mq_other()\nint mq_version(void);\nvoid MQ_Real(int);\n");
        assertEquals(List.of("mq_version"), List.copyOf(parsed.hooks()));
        assertEquals(List.of("MQ_Real"), List.copyOf(parsed.functions()));
        assertEquals(7, parsed.version());
    }
}
