package dev.mqkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.api.config.AddressRanges;
import dev.mqkit.api.config.RuntimeConfig;
import dev.mqkit.runtime.smtp.server.SmtpServerSettings;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How MailerQRuntime maps the configuration into the SMTP server's limits. */
class MailerQRuntimeSettingsTest {

    @Test
    void theLimitsComeFromTheirKeysAndDataIdlesAsLongAsSmtpTimeout() {
        SmtpServerSettings settings = SmtpServerSettings.from(RuntimeConfig.defaults()
                .with("smtp-timeout", "7s").with("smtp-command-deadline", "11s").with("smtp-data-deadline", "13s")
                .with("smtp-error-limit", "5").with("smtp-max-connections-per-ip", "3").with("smtp-max-inflight", "2M")
                .with("smtp-spool-threshold", "64K").with("smtp-auth-failure-delay", "250ms"), "localhost");
        assertEquals(Duration.ofSeconds(7), settings.dataTimeout());
        assertEquals(Duration.ofSeconds(7), settings.idleTimeout());
        assertEquals(Duration.ofSeconds(11), settings.commandDeadline());
        assertEquals(Duration.ofSeconds(13), settings.dataDeadline());
        assertEquals(5, settings.errorLimit());
        assertEquals(3, settings.maxConnectionsPerAddress());
        assertEquals(2L << 20, settings.maxInflightBytes());
        assertEquals(64 * 1024, settings.spoolThreshold());
        assertEquals(Duration.ofMillis(250), settings.authFailureDelay());
    }

    @Test
    void beyondLoopbackWithoutLoginOrRangesOnlyLoopbackClientsAreServedAndTheRuntimeSaysSo() throws Exception {
        RuntimeConfig open = RuntimeConfig.defaults().with("smtp-ip", "0.0.0.0");
        assertEquals(AddressRanges.LOOPBACK, SmtpServerSettings.allowedClients(open));
        assertTrue(SmtpServerSettings.loopbackOnlyNotice(open).orElseThrow().contains("serving SMTP clients on loopback only"));
        assertFalse(SmtpServerSettings.allowedClients(open).contains(InetAddress.getByName("192.0.2.1")));

        assertTrue(SmtpServerSettings.loopbackOnlyNotice(RuntimeConfig.defaults()).isEmpty(), "127.0.0.1 is loopback");
        assertTrue(SmtpServerSettings.allowedClients(open.with("smtp-username", "u").with("smtp-password", "p")).any());
        // the 3.0 name and the 5.13 name of the same key
        for (String key : new String[] {"smtp-ranges", "smtp-range"}) {
            AddressRanges ranges = SmtpServerSettings.allowedClients(open.with(key, "192.0.2.0/24;198.51.100.7"));
            assertTrue(ranges.contains(InetAddress.getByName("192.0.2.200")), key);
            assertTrue(ranges.contains(InetAddress.getByName("198.51.100.7")), key);
            assertFalse(ranges.contains(InetAddress.getByName("127.0.0.1")), key);
        }
    }
}
