package dev.mqkit.maven.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.maven.elf.DynamicSymbol;
import org.junit.jupiter.api.Test;

import java.util.List;

class PluginSymbolCheckTest {

    private final PluginSymbolCheck check = new PluginSymbolCheck(MailerqApi.bundled());

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
        assertEquals(List.of("10-x.so exports mq_smtp_in_mailform, which is not a hook of the MailerQ API, so "
                + "MailerQ would never call it: did you mean mq_smtp_in_mailfrom?"), result.problems());
    }

    @Test
    void namesAnUnknownHostFunctionAndTheNearestRealOne() {
        PluginSymbolCheck.Result result = check.check("10-x.so",
                List.of(exported("mq_version"), undefined("MQ_SmtpSnd")));
        assertEquals(1, result.problems().size());
        assertTrue(result.problems().get(0).contains("calls MQ_SmtpSnd, which the MailerQ API does not have"));
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
}
