package dev.mqkit.runtime.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.api.Hook;
import dev.mqkit.api.HookShape;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.PluginApi;
import dev.mqkit.api.ReleaseApi;
import dev.mqkit.api.fixtures.FictitiousRelease;
import dev.mqkit.header.testing.NativeCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A MailerQ release added to the plugin API model, 5.14 with a new function and MQ_send renamed, and no
 * other change: the loader refuses and explains by it, and the hooks and hand-backs follow it.
 */
class NewReleaseTest {

    private static final PluginApi MODEL = FictitiousRelease.model();
    private static final ReleaseApi MAILERQ_5_13 = MODEL.of(MailerqRelease.parse("5.13"));
    private static final ReleaseApi MAILERQ_5_14 = MODEL.of(FictitiousRelease.MAILERQ_5_14);

    /** A plugin that calls {@code function}, declared by hand as a plugin of another release's header would. */
    private static Path callerOf(String function) throws IOException {
        Path source = NativeCompiler.workDir().resolve("sources").resolve("calls-" + function + ".c");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "extern void " + function + "(void);\n"
                + "__attribute__((visibility(\"default\"))) int mq_version(void) { " + function + "(); return "
                + FictitiousRelease.API_VERSION + "; }\n");
        return NativeCompiler.cc().sharedObject(source, "10-" + function + ".so", List.of());
    }

    @Test
    void refusesAFunctionOfTheNewReleaseWhenAnEarlierOneIsPlayed() throws IOException {
        Optional<String> refused = PluginLoader.foreignFunction(callerOf(FictitiousRelease.NEW_FUNCTION), MAILERQ_5_13);

        assertEquals(Optional.of("cannot load 10-MQ_setPriority.so: it calls MQ_setPriority, which came in MailerQ "
                + "5.14, after MailerQ 5.13 (the release this runtime plays, mailerq-version): play MailerQ 5.14 or "
                + "later, or do without MQ_setPriority"), refused);
        assertEquals(Optional.empty(), PluginLoader.foreignFunction(callerOf(FictitiousRelease.NEW_FUNCTION),
                MAILERQ_5_14));
    }

    @Test
    void refusesTheOldNameOfAFunctionTheNewReleaseRenamed() throws IOException {
        Optional<String> refused = PluginLoader.foreignFunction(callerOf("MQ_send"), MAILERQ_5_14);

        assertEquals(Optional.of("cannot load 10-MQ_send.so: it calls MQ_send, which MailerQ 5.14 (the release this "
                + "runtime plays, mailerq-version) calls MQ_transmit since 5.14: build the plugin for MailerQ 5.14 "
                + "(mailerqVersion 5.14), or play a release before 5.14"), refused);
        assertEquals(Optional.empty(), PluginLoader.foreignFunction(callerOf("MQ_send"), MAILERQ_5_13));
    }

    @Test
    void namesTheNewReleaseInTheOtherGenerationsMessage() throws IOException {
        Optional<String> refused = PluginLoader.foreignFunction(callerOf(FictitiousRelease.NEW_NAME),
                MODEL.of(MailerqRelease.parse("3.0")));

        assertTrue(refused.orElseThrow().startsWith("cannot load 10-MQ_transmit.so: it calls MQ_transmit, a function "
                + "of the MailerQ 4.0-5.14 plugin API, which MailerQ 3.0"), refused.orElseThrow());
    }

    @Test
    void callsTheHooksAndNamesTheHandBacksOfTheNewRelease() {
        assertEquals(HookShape.ADDRESS, Hook.SMTP_IN_MAILFROM.shape(MAILERQ_5_14));
        assertEquals(HookShape.VOID_CONTEXT, Hook.CONTEXT_INITIALIZE.shape(MAILERQ_5_14));
        assertTrue(Hook.SMTP_OUT_SENT.in(MAILERQ_5_14));
        assertEquals("MQ_continue, MQ_complete or MQ_retry", HandBack.functions(MAILERQ_5_14));
        assertEquals("MQ_transmit", MAILERQ_5_14.name("MQ_SmtpSend"), "how the runtime names what MQ_send wrote");
    }
}
