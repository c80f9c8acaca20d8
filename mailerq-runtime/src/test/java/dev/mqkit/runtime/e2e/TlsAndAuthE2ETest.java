package dev.mqkit.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.fixtures.BothGenerations;
import dev.mqkit.api.fixtures.TestReleases;
import dev.mqkit.harness.sink.ReceivedMessage;
import dev.mqkit.runtime.MailerQRuntime;
import dev.mqkit.runtime.fixtures.Arrivals;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.runtime.fixtures.TestKit;
import dev.mqkit.runtime.fixtures.TestPlugins;
import dev.mqkit.runtime.smtp.server.RawSmtpClient;
import dev.mqkit.smtp.SaslCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** STARTTLS, implicit TLS and AUTH through the real SMTP server with real C plugins and real clients. */
@BothGenerations
class TlsAndAuthE2ETest {

    private final MailerqRelease release;

    @RegisterExtension
    final E2eFixture fixture;
    private MailerQRuntime runtime;
    private final E2e.Trace trace = new E2e.Trace();

    TlsAndAuthE2ETest(MailerqRelease release) {
        this.release = release;
        this.fixture = new E2eFixture(release);
    }

    private ObjectNode result() throws InterruptedException {
        return Arrivals.take(runtime.queues(), runtime.queues().names().success(), Duration.ofSeconds(10));
    }

    /** The JSON's connection.secure: 4.0+ only; playing 3.0 the JSON has no connection at all. */
    private void assertSecure(ObjectNode result, boolean secure) {
        if (TestReleases.connectionGeneration(release)) {
            assertEquals(secure, result.path("connection").path("secure").asBoolean(!secure), result.toString());
        } else {
            assertFalse(result.has("connection"), result.toString());
        }
    }

    /** The JSON's connection.user: 4.0+ only. */
    private void assertUser(ObjectNode result, String login) {
        if (TestReleases.connectionGeneration(release)) {
            assertEquals(login, result.path("connection").path("user").asText(), result.toString());
        } else {
            assertFalse(result.has("connection"), result.toString());
        }
    }

    /**
     * A message without the login smtp-username requires: not stopped before DATA, then refused; 3.0 lets
     * the dialogue end with 250, 5.13 rejects it with 530.
     */
    private void refusedWithoutLogin(RawSmtpClient client, String why) throws Exception {
        assertEquals(250, client.command("MAIL FROM:<sender@example.com>").code(), why);
        assertEquals(250, client.command("RCPT TO:<one@example.org>").code(), why);
        assertEquals(354, client.command("DATA").code(), why);
        assertEquals(TestReleases.connectionGeneration(release) ? 530 : 250,
                client.command("Subject: no login\r\n\r\nHello.\r\n.").code(), why);
        assertEquals("one@example.org", Arrivals.take(runtime.queues(), "refused", Duration.ofSeconds(10)).path("recipient").asText(),
                why + ": to the refused queue");
    }

    private void assertSecureBeforeMail() {
        List<String> hooks = trace.hooks().stream().filter(hook -> !hook.contains("_out_")).toList();
        assertEquals(List.of(
                "a mq_smtp_in_connect", "b mq_smtp_in_connect",
                "a mq_smtp_in_secure", "b mq_smtp_in_secure",
                "a mq_smtp_in_mailfrom", "b mq_smtp_in_mailfrom",
                "a mq_smtp_in_rcptto", "b mq_smtp_in_rcptto",
                "a mq_smtp_in_data", "b mq_smtp_in_data",
                "a mq_smtp_in_message", "b mq_smtp_in_message",
                "a mq_smtp_in_close", "b mq_smtp_in_close"), hooks);
        assertEquals(List.of("secure=1 data=a-connection"), trace.calls("a", "mq_smtp_in_secure"));
        assertEquals(List.of("secure=1 data=b-connection"), trace.calls("b", "mq_smtp_in_secure"));
    }

    @Test
    void starttlsFiresTheSecureHookAndTheMessageSaysSecure() throws Exception {
        runtime = fixture.start(TestPlugins.ordered(release, "a", "b"));

        E2e.send(E2e.session(E2e.plainPort(runtime), "mail.smtp.starttls.enable", "true",
                "mail.smtp.starttls.required", "true", "mail.smtp.ssl.trust", "*",
                "mail.smtp.ssl.checkserveridentity", "false"),
                "sender@example.com", "over STARTTLS", "one@example.org");

        fixture.sink().awaitMessages(1, Duration.ofSeconds(10));
        ObjectNode result = result();
        trace.awaitLine("b mq_smtp_in_close ");
        assertSecureBeforeMail();
        assertSecure(result, true);
    }

    @Test
    void aPlainConnectionNeverFiresTheSecureHookAndTheMessageSaysNotSecure() throws Exception {
        runtime = fixture.start(TestPlugins.ordered(release, "a", "b"));

        E2e.send(E2e.session(E2e.plainPort(runtime)), "sender@example.com", "in plain text", "one@example.org");

        ObjectNode result = result();
        trace.awaitLine("b mq_smtp_in_close ");
        assertEquals(List.of(), trace.calls("a", "mq_smtp_in_secure"));
        assertSecure(result, false);
    }

    @Test
    void implicitTlsFiresTheSecureHookBeforeTheGreeting() throws Exception {
        runtime = fixture.start(TestPlugins.ordered(release, "a", "b"), "smtp-secure-port", "0");
        int port = runtime.ports().tls().get(0);

        try (RawSmtpClient client = RawSmtpClient.implicitTls(port)) {
            assertEquals(220, client.reply().code());
            assertEquals(List.of("secure=1 data=a-connection"), trace.calls("a", "mq_smtp_in_secure"),
                    "the secure hook ran before the greeting");
        }
        trace.awaitLine("b mq_smtp_in_close ");
        trace.clear();

        E2e.send(E2e.session(port, "mail.smtp.ssl.enable", "true", "mail.smtp.ssl.trust", "*",
                "mail.smtp.ssl.checkserveridentity", "false"),
                "sender@example.com", "over implicit TLS", "one@example.org");

        ReceivedMessage delivered = fixture.sink().awaitMessages(1, Duration.ofSeconds(10)).get(0);
        assertEquals("one@example.org", delivered.recipient());
        ObjectNode result = result();
        trace.awaitLine("b mq_smtp_in_close ");
        assertSecure(result, true);
        assertSecureBeforeMail();
        assertEquals(List.of(), runtime.host().violations());
    }

    /** EHLO on a plain connection whose server allows AUTH without TLS. */
    private static RawSmtpClient client(MailerQRuntime runtime) throws Exception {
        RawSmtpClient client = new RawSmtpClient(E2e.plainPort(runtime));
        assertEquals(220, client.reply().code());
        RawSmtpClient.Reply ehlo = client.command("EHLO client.example");
        assertTrue(ehlo.text().contains("AUTH PLAIN LOGIN"), ehlo.text());
        return client;
    }

    private static int auth(MailerQRuntime runtime, String login, String password) throws Exception {
        try (RawSmtpClient client = client(runtime)) {
            return client.command("AUTH PLAIN " + new SaslCredentials(login, password).plainResponse()).code();
        }
    }

    @Test
    void configuredCredentialsAloneDecideWhenNoPluginAuthenticates() throws Exception {
        Path plugins = TestPlugins.directory(
                "10-a.so", TestPlugins.scripted(release, "a", "noauth", "-DWITHOUT_AUTHENTICATE"),
                "20-b.so", TestPlugins.scripted(release, "b", "noauth", "-DWITHOUT_AUTHENTICATE"));
        runtime = fixture.start(plugins, "smtp-username", "alice", "smtp-password", "s3cret",
                "smtp-allow-plain-auth", "true");

        assertEquals(535, auth(runtime, "alice", "wrong"));
        assertEquals(535, auth(runtime, "mallory", "s3cret"));
        try (RawSmtpClient client = client(runtime)) {
            refusedWithoutLogin(client, "mail before AUTH is refused when smtp-username is set");
            assertEquals(235, client.command("AUTH PLAIN " + new SaslCredentials("alice", "s3cret").plainResponse()).code());
            assertEquals(250, client.command("MAIL FROM:<sender@example.com>").code());
            assertEquals(250, client.command("RCPT TO:<one@example.org>").code());
            assertEquals(354, client.command("DATA").code());
            client.write("Subject: authenticated\r\n\r\nHello.\r\n.\r\n");
            assertEquals(250, client.reply().code());
        }
        ObjectNode result = result();
        assertUser(result, "alice");
        assertEquals(List.of(), trace.all().stream().filter(line -> line.contains("mq_smtp_in_authenticate")).toList());
    }

    /** AUTH PLAIN on a connection of its own; returns the reply code once both plugins saw the connection close. */
    private int authAndClose(String login, String password) throws Exception {
        trace.clear();
        int code = auth(runtime, login, password);
        trace.awaitLine("b mq_smtp_in_close ");
        return code;
    }

    @Test
    void pluginVerdictsDecideAndALaterFalseWins() throws Exception {
        runtime = fixture.start(TestPlugins.ordered(release, "a", "b"), "smtp-allow-plain-auth", "true");

        // nobody says yes: refused; every plugin is asked with the credentials, starting from false
        assertEquals(535, authAndClose("alice", "s3cret"));
        assertEquals(List.of("login=alice passwd=s3cret before=0"), trace.calls("a", "mq_smtp_in_authenticate"));
        assertEquals(List.of("login=alice passwd=s3cret before=0"), trace.calls("b", "mq_smtp_in_authenticate"));

        // a says yes, b sees it and says nothing: accepted
        TestKit.set("a", "verdict", 1);
        assertEquals(235, authAndClose("alice", "s3cret"));
        assertEquals(List.of("login=alice passwd=s3cret before=1"), trace.calls("b", "mq_smtp_in_authenticate"));

        // a says yes, b says no: refused
        TestKit.set("b", "verdict", -1);
        assertEquals(535, authAndClose("alice", "s3cret"));
        assertEquals(List.of("login=alice passwd=s3cret before=1"), trace.calls("b", "mq_smtp_in_authenticate"));

        // a says no, b says yes: accepted, and the login goes with the message
        TestKit.set("a", "verdict", -1);
        TestKit.set("b", "verdict", 1);
        try (RawSmtpClient client = client(runtime)) {
            assertEquals(235, client.command("AUTH PLAIN " + new SaslCredentials("bob", "pw").plainResponse()).code());
            assertEquals(250, client.command("MAIL FROM:<sender@example.com>").code());
            assertEquals(250, client.command("RCPT TO:<one@example.org>").code());
            assertEquals(354, client.command("DATA").code());
            client.write("Subject: authenticated by a plugin\r\n\r\nHello.\r\n.\r\n");
            assertEquals(250, client.reply().code());
        }
        assertUser(result(), "bob");

        // AUTH LOGIN hands the plugins the same arguments as AUTH PLAIN
        trace.clear();
        try (RawSmtpClient client = client(runtime)) {
            assertEquals(334, client.command("AUTH LOGIN").code());
            assertEquals(334, client.command(SaslCredentials.encode("carol")).code());
            assertEquals(235, client.command(SaslCredentials.encode("pässword")).code());
        }
        trace.awaitLine("b mq_smtp_in_close ");
        assertEquals(List.of("login=carol passwd=pässword before=0"), trace.calls("a", "mq_smtp_in_authenticate"));
        assertEquals(List.of(), runtime.host().violations());
    }

    @Test
    void withConfiguredCredentialsWrongOnesAreRefusedWithoutAskingThePlugins() throws Exception {
        runtime = fixture.start(TestPlugins.ordered(release, "a", "b"), "smtp-username", "alice",
                "smtp-password", "s3cret", "smtp-allow-plain-auth", "true");
        TestKit.set("a", "verdict", 1);

        assertEquals(535, authAndClose("alice", "wrong"));
        assertEquals(List.of(), trace.calls("a", "mq_smtp_in_authenticate"));

        // the right ones go to the plugins, whose verdict counts; the first plugin's MQ_SmtpAuthenticated is false in
        // 3.x, while 5.x's MQ_authenticated is true once the credentials were valid
        // (https://www.mailerq.com/documentation/5.13/mq_authenticated)
        assertEquals(235, authAndClose("alice", "s3cret"));
        assertEquals(List.of("login=alice passwd=s3cret before=" + (TestReleases.connectionGeneration(release) ? 1 : 0)),
                trace.calls("a", "mq_smtp_in_authenticate"));
        TestKit.set("b", "verdict", -1);
        assertEquals(535, authAndClose("alice", "s3cret"));

        try (RawSmtpClient client = client(runtime)) {
            assertEquals(535, client.command("AUTH PLAIN " + new SaslCredentials("alice", "s3cret").plainResponse()).code());
            refusedWithoutLogin(client, "mail after a refused AUTH is refused");
        }
    }
}
