package dev.mqkit.runtime.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.fixtures.TestReleases;
import dev.mqkit.api.harness.Trace;
import dev.mqkit.api.harness.TraceCodec;
import dev.mqkit.header.testing.NativeCompiler;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.runtime.control.HookTrace;
import dev.mqkit.runtime.fixtures.TestPlugins;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the release played decides beyond the generation: functions that came later in it (MQ_log,
 * 5.6.5), the MQ_API_VERSION a plugin must return, and how MQ_log lines are named.
 */
class ReleaseRulesTest {

    private static Path logPriorities() {
        return NativeCompiler.cc().sharedObject(NativeCompiler.fixture("log_priorities.c"), "log-priorities-5.13.so",
                List.of("-std=c11", TestPlugins.define(TestReleases.MAILERQ_5_13)));
    }

    private static PluginHostSettings settings(Path directory, MailerqRelease release) {
        return PluginHostSettings.of(directory).withRelease(release).withWorkers(1)
                .withHandBackTimeout(Duration.ofSeconds(5));
    }

    @Test
    void logLinesCarryThePluginAndThePriorityAsMailerQPrintsThem() {
        HookTrace trace = new HookTrace();
        try (PluginHost host = PluginHost.start(settings(TestPlugins.directory("10-log.so", logPriorities()),
                TestReleases.MAILERQ_5_13).withObserver(trace))) {
            assertEquals(1, host.plugins().size());
        }

        assertEquals(List.of(new Trace.Logged("10-log.so", "Critical", "critical line"),
                new Trace.Logged("10-log.so", "Warning", "warning line"),
                new Trace.Logged("10-log.so", "Info", "info line"),
                new Trace.Logged("10-log.so", "Info", "(invalid priority) line of priority 7")), trace.logs());
        // and read back from the trace's JSON, as the control channel and the crash log serve it
        assertEquals(trace.logs(), TraceCodec.logs(trace.toJson(0).path("logs")));
    }

    @Test
    void aFunctionOfALaterReleaseIsRefusedNamingTheReleaseItCameIn() {
        PluginLoadException e = assertThrows(PluginLoadException.class, () -> PluginHost.start(
                settings(TestPlugins.directory("10-log.so", logPriorities()), MailerqRelease.parse("5.0"))));

        assertTrue(e.getMessage().contains("cannot load 10-log.so: it calls MQ_log, which came in MailerQ 5.6.5, after "
                + "MailerQ 5.0 (the release this runtime plays, mailerq-version)"), e.getMessage());
    }

    @Test
    void pluginApiVersionReplacesTheReleasesValue() {
        MailerqRelease release = TestReleases.MAILERQ_5_13;
        Path plain = TestPlugins.scripted(release, "a", "");
        Path seventeen = TestPlugins.scripted(release, "a", "v17", "-DPLUGIN_VERSION=17");

        PluginLoadException e = assertThrows(PluginLoadException.class, () -> PluginHost.start(
                settings(TestPlugins.directory("10-a.so", plain), release).withApiVersion(17)));
        assertTrue(e.getMessage().contains("10-a.so: mq_version() returned 4, expected 17 (MQ_API_VERSION of MailerQ "
                + "5.13, as plugin-api-version says)"), e.getMessage());

        try (PluginHost host = PluginHost.start(settings(TestPlugins.directory("10-a.so", seventeen), release)
                .withApiVersion(17))) {
            assertEquals(17, host.plugins().get(0).version());
        }
    }
}
