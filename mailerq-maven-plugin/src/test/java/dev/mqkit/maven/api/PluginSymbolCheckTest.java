package dev.mqkit.maven.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.elf.DynamicSymbol;
import dev.mqkit.api.PluginApi;
import dev.mqkit.api.fixtures.FictitiousRelease;
import org.junit.jupiter.api.Test;

import java.util.List;

class PluginSymbolCheckTest {

    private static final PluginApi MODEL = PluginApi.bundled();

    private final PluginSymbolCheck check = checkFor("3.0");

    private static PluginSymbolCheck checkFor(String release) {
        return new PluginSymbolCheck(MailerqApi.bundled(MailerqRelease.parse(release)), MODEL);
    }

    private static DynamicSymbol exported(String name) {
        return new DynamicSymbol(name, true, DynamicSymbol.STB_GLOBAL, DynamicSymbol.STT_FUNC, DynamicSymbol.STV_DEFAULT);
    }

    private static DynamicSymbol undefined(String name) {
        return new DynamicSymbol(name, false, DynamicSymbol.STB_GLOBAL, 0, DynamicSymbol.STV_DEFAULT);
    }

    private static DynamicSymbol local(String name) {
        return new DynamicSymbol(name, true, DynamicSymbol.STB_LOCAL, DynamicSymbol.STT_FUNC, 2);
    }

    @Test
    void acceptsHooksAndKnownCallsAndListsHooksInHeaderOrder() {
        PluginSymbolCheck.Result result = check.check("10-ok.so", List.of(exported("mq_smtp_in_data"),
                exported("mq_version"), undefined("MQ_Continue"), undefined("malloc")));
        assertTrue(result.passed(), result.problems().toString());
        assertEquals(List.of("mq_version", "mq_smtp_in_data"), result.hooks());
    }

    @Test
    void refusesAPluginWithoutMqVersion() {
        PluginSymbolCheck.Result result = check.check("10-x.so", List.of(exported("mq_initialize")));
        assertEquals(1, result.problems().size());
        assertTrue(result.problems().get(0).startsWith("10-x.so does not export mq_version"));
    }

    @Test
    void suggestsTheHookForAMisspeltExport() {
        PluginSymbolCheck.Result result = check.check("10-x.so",
                List.of(exported("mq_version"), exported("mq_smtp_in_mailform")));
        assertEquals(List.of("10-x.so exports mq_smtp_in_mailform, which is not a hook of the MailerQ 3.0 API, "
                + "so MailerQ would never call it: did you mean mq_smtp_in_mailfrom?"), result.problems());
    }

    @Test
    void namesAnUnknownHostFunctionAndTheNearestRealOne() {
        PluginSymbolCheck.Result result = check.check("10-x.so",
                List.of(exported("mq_version"), undefined("MQ_SmtpSnd")));
        assertEquals(1, result.problems().size());
        assertTrue(result.problems().get(0).contains("calls MQ_SmtpSnd, which the MailerQ 3.0 API does not have"));
        assertTrue(result.problems().get(0).endsWith("Did you mean MQ_SmtpSend?"));
    }

    @Test
    void findsMangledAndHiddenHooks() {
        PluginSymbolCheck.Result result = check.check("10-x.so",
                List.of(exported("mq_version"), exported("_Z19mq_smtp_in_mailfromP10MQ_ContextP17MQ_SmtpConnectionPKcm")),
                List.of(local("mq_smtp_in_close"), local("_Z17mq_smtp_in_rcpttoP10MQ_ContextP17MQ_SmtpConnectionPKci"),
                        local("_Z17mq_smtp_in_rcpttoP10MQ_ContextP17MQ_SmtpConnectionPKci.cold"),
                        local("_ZNSt6vectorIiSaIiEE9push_backERKi")));
        assertEquals(3, result.problems().size(), result.problems().toString());
        assertTrue(result.problems().get(0).contains("exports mq_smtp_in_mailfrom with a C++-mangled name"));
        assertTrue(result.problems().get(1).contains("defines mq_smtp_in_close but does not export it"));
        assertTrue(result.problems().get(2).contains("defines mq_smtp_in_rcptto with a C++-mangled name"));
    }

    @Test
    void namesAHostFunctionDeclaredWithoutCLinkage() {
        PluginSymbolCheck.Result result = check.check("10-x.so",
                List.of(exported("mq_version"), undefined("_Z11MQ_SmtpSendP17MQ_SmtpConnectionPKvm")));
        assertEquals(List.of("10-x.so calls MQ_SmtpSend with a C++-mangled name "
                + "(_Z11MQ_SmtpSendP17MQ_SmtpConnectionPKvm), which MailerQ does not define: include mailerq.h "
                + "instead of declaring MQ_SmtpSend yourself"), result.problems());
    }

    @Test
    void acceptsAnUndefinedMangledNameThatIsNotTheApis() {
        assertTrue(check.check("10-x.so", List.of(exported("mq_version"), undefined("_ZdlPvm"),
                undefined("_Znwm"), undefined("_Z6helperP10MQ_Context"))).passed());
    }

    @Test
    void acceptsAConnectionGenerationPluginFor513() {
        PluginSymbolCheck.Result result = checkFor("5.13").check("10-ok.so", List.of(exported("mq_version"),
                exported("mq_smtp_out_sent"), exported("mq_smtp_in_rcptto"), undefined("MQ_continue"),
                undefined("MQ_email"), undefined("MQ_log"), undefined("MQ_setLocal")));
        assertTrue(result.passed(), result.problems().toString());
        assertEquals(List.of("mq_version", "mq_smtp_in_rcptto", "mq_smtp_out_sent"), result.hooks());
    }

    @Test
    void namesTheReplacementOfA3xFunctionIn513AndTheGenerationItLooksLike() {
        PluginSymbolCheck.Result result = checkFor("5.13").check("10-old.so", List.of(exported("mq_version"),
                undefined("MQ_SmtpSend"), undefined("MQ_Continue")));
        assertEquals(List.of(
                "10-old.so calls MQ_SmtpSend is not in the MailerQ 5.13 API: it became MQ_send in 4.0. MailerQ 5.13 "
                        + "would fail to load the plugin with an undefined symbol",
                "10-old.so calls MQ_Continue is not in the MailerQ 5.13 API: it became MQ_continue in 4.0. MailerQ "
                        + "5.13 would fail to load the plugin with an undefined symbol",
                "10-old.so looks like a plugin for the MailerQ 2.1/3.x API (it uses MQ_SmtpSend, MQ_Continue), while "
                        + "this build targets MailerQ 5.13 (4.0-5.13): set <mailerqVersion>3.0</mailerqVersion>, or port "
                        + "it to the 4.0 names"), result.problems());
    }

    @Test
    void namesTheReleaseThatBroughtMqLog() {
        PluginSymbolCheck.Result result = checkFor("5.0").check("10-x.so",
                List.of(exported("mq_version"), undefined("MQ_log")));
        assertEquals(List.of("10-x.so calls MQ_log is not in the MailerQ 5.0 API: it came in 5.6.5; target 5.6.5 or "
                + "later (<mailerqVersion>). MailerQ 5.0 would fail to load the plugin with an undefined symbol"),
                result.problems());
        assertTrue(checkFor("5.6.5").check("10-x.so", List.of(exported("mq_version"), undefined("MQ_log"))).passed());
    }

    @Test
    void namesThe3xFunctionOfA40NameAndTheHookThat30NeverCalls() {
        PluginSymbolCheck.Result result = check.check("10-new.so", List.of(exported("mq_version"),
                exported("mq_smtp_out_sent"), undefined("MQ_continue")));
        assertEquals(3, result.problems().size(), result.problems().toString());
        assertEquals("10-new.so: mq_smtp_out_sent is not in the MailerQ 3.0 API: it came in 4.0; target 4.0 or later "
                + "(<mailerqVersion>), so MailerQ 3.0 would never call it", result.problems().get(0));
        assertTrue(result.problems().get(1).startsWith("10-new.so calls MQ_continue is not in the MailerQ 3.0 API: it "
                + "is the 4.0 name of MQ_Continue, which 3.0 has"), result.problems().get(1));
        assertTrue(result.problems().get(2).startsWith("10-new.so looks like a plugin for the MailerQ 4.0-5.13 API"),
                result.problems().get(2));
    }

    /** 5.14 added to the model alone, with MQ_setPriority and MQ_send renamed MQ_transmit: the check follows it. */
    private static PluginSymbolCheck checkWith514(String release) {
        PluginApi model = FictitiousRelease.model();
        return new PluginSymbolCheck(MailerqApi.of(model.of(model.parse(release))), model);
    }

    @Test
    void followsAReleaseAddedToTheModel() {
        assertTrue(checkWith514("5.14").check("10-ok.so", List.of(exported("mq_version"), undefined("MQ_transmit"),
                undefined("MQ_setPriority"), undefined("MQ_continue"))).passed());
        assertEquals(List.of("10-x.so calls MQ_setPriority is not in the MailerQ 5.13 API: it came in 5.14; target "
                + "5.14 or later (<mailerqVersion>). MailerQ 5.13 would fail to load the plugin with an undefined symbol",
                "10-x.so calls MQ_transmit is not in the MailerQ 5.13 API: it is the 5.14 name of MQ_send, which 5.13 "
                        + "has. MailerQ 5.13 would fail to load the plugin with an undefined symbol"),
                checkWith514("5.13").check("10-x.so", List.of(exported("mq_version"), undefined("MQ_setPriority"),
                        undefined("MQ_transmit"))).problems());
        assertEquals(List.of("10-x.so calls MQ_send is not in the MailerQ 5.14 API: it became MQ_transmit in 5.14. "
                + "MailerQ 5.14 would fail to load the plugin with an undefined symbol"),
                checkWith514("5.14").check("10-x.so", List.of(exported("mq_version"), undefined("MQ_send")))
                        .problems());
        List<String> old = checkWith514("3.0").check("10-x.so", List.of(exported("mq_version"),
                undefined("MQ_transmit"))).problems();
        assertTrue(old.get(old.size() - 1).startsWith("10-x.so looks like a plugin for the MailerQ 4.0-5.14 API (it "
                + "uses MQ_transmit), while this build targets MailerQ 3.0 (2.1/3.x): set <mailerqVersion>5.14"),
                old.toString());
    }
}
