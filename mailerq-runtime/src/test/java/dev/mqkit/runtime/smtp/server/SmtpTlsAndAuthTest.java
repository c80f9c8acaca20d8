package dev.mqkit.runtime.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.config.ConfigException;
import dev.mqkit.api.config.ConfigKey;
import dev.mqkit.api.config.RuntimeConfig;
import dev.mqkit.runtime.MailerQRuntime;
import dev.mqkit.smtp.SaslCredentials;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A real SMTP client (Angus Mail) over plain SMTP, STARTTLS and implicit TLS, with and without AUTH; TLS details over a raw socket. */
class SmtpTlsAndAuthTest {

    private enum Mode { PLAIN, STARTTLS, IMPLICIT_TLS }

    private static void send(TestServer server, Mode mode, String mechanism, String user, String password) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(mode == Mode.IMPLICIT_TLS ? server.tlsPort() : server.plainPort()));
        properties.put("mail.smtp.localhost", "angus.test");
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "5000");
        // the server's certificate is self-signed for "mx.test": trust it, do not match it against 127.0.0.1
        properties.put("mail.smtp.ssl.trust", "*");
        properties.put("mail.smtp.ssl.checkserveridentity", "false");
        if (mode == Mode.STARTTLS) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
        }
        if (mode == Mode.IMPLICIT_TLS) {
            properties.put("mail.smtp.ssl.enable", "true");
        }
        if (mechanism != null) {
            properties.put("mail.smtp.auth", "true");
            properties.put("mail.smtp.auth.mechanisms", mechanism);
        }
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("sender@angus.test"));
        message.setRecipients(Message.RecipientType.TO, "rcpt@mx.test");
        message.setSubject("über TLS");
        message.setText("Hello\r\n.leading dot\r\n", "UTF-8");
        if (mechanism != null) {
            Transport.send(message, user, password);
        } else {
            Transport.send(message);
        }
    }

    private static ObjectNode connection(ObjectNode message) {
        return (ObjectNode) message.get("connection");
    }

    @Test
    void sendsOverPlainSmtp() throws Exception {
        try (TestServer server = new TestServer(SmtpServerHooks.NONE)) {
            send(server, Mode.PLAIN, null, null, null);
            assertEquals(1, server.published.size());
            ObjectNode message = server.published.get(0);
            assertEquals("sender@angus.test", message.get("envelope").asText());
            assertEquals("rcpt@mx.test", message.get("recipient").asText());
            assertTrue(message.get("mime").asText().contains("\r\n.leading dot\r\n"), message.get("mime").asText());
            assertFalse(connection(message).get("secure").asBoolean());
            assertEquals("127.0.0.1", connection(message).get("remote-ip").asText());
        }
    }

    @Test
    void sendsOverStarttlsAndRunsTheSecureHook() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        try (TestServer server = new TestServer(hooks)) {
            send(server, Mode.STARTTLS, null, null, null);
            assertTrue(connection(server.published.get(0)).get("secure").asBoolean());
            assertTrue(hooks.awaitClose());
            List<String> events = hooks.events();
            assertEquals(List.of("connect", "secure", "mailFrom sender@angus.test"), events.subList(0, 3));
            assertEquals(Boolean.TRUE, hooks.secureWhenSecureHookRan);
            assertEquals(List.of(), hooks.offLoop);
        }
    }

    @Test
    void sendsOverImplicitTls() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        try (TestServer server = new TestServer(hooks)) {
            send(server, Mode.IMPLICIT_TLS, null, null, null);
            assertTrue(connection(server.published.get(0)).get("secure").asBoolean());
            assertTrue(hooks.awaitClose());
            assertEquals(List.of("connect", "secure", "mailFrom sender@angus.test"), hooks.events().subList(0, 3));
        }
    }

    @Test
    void implicitTlsRunsConnectThenHandshakeThenSecureThenGreets() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        hooks.delays.put("connect", java.time.Duration.ofMillis(100));
        hooks.delays.put("secure", java.time.Duration.ofMillis(100));
        try (TestServer server = new TestServer(hooks); RawSmtpClient client = RawSmtpClient.implicitTls(server.tlsPort())) {
            // the handshake finished (implicitTls returned), the greeting comes after the secure hook
            assertEquals("220 mx.test ESMTP mqkit", client.reply().text());
            assertEquals(List.of("connect", "completed connect", "secure", "completed secure"), hooks.events());
            RawSmtpClient.Reply ehlo = client.command("EHLO client.test");
            assertFalse(ehlo.text().contains("STARTTLS"), ehlo.text());
            assertTrue(ehlo.text().contains("250 AUTH PLAIN LOGIN"), ehlo.text());
        }
    }

    @Test
    void authPlainAndLoginAreAcceptedWithTheConfiguredCredentials() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        try (TestServer server = new TestServer(hooks, config -> config
                .with(ConfigKey.SMTP_USERNAME, "user").with(ConfigKey.SMTP_PASSWORD, "s3cret"))) {
            send(server, Mode.STARTTLS, "PLAIN", "user", "s3cret");
            send(server, Mode.IMPLICIT_TLS, "LOGIN", "user", "s3cret");
            assertEquals(2, server.published.size());
            for (ObjectNode message : server.published) {
                assertEquals("user", connection(message).get("user").asText());
                assertTrue(connection(message).get("secure").asBoolean());
            }
            assertEquals(2, hooks.events().stream().filter("authenticate user s3cret true"::equals).count(), hooks.events().toString());
        }
    }

    @Test
    void everyLoginOf513sSmtpAuthIsAccepted() throws Exception {
        RuntimeConfig config = RuntimeConfig.defaults().with("smtp-auth", "hardcoded://ann:one,bob:tw:o");
        RecordingHooks hooks = new RecordingHooks();
        try (TestServer server = new TestServer(hooks, c -> c.with(ConfigKey.SMTP_AUTH, "hardcoded://ann:one,bob:tw:o"))) {
            send(server, Mode.STARTTLS, "PLAIN", "ann", "one");
            // the first ':' ends the username: the password may hold one
            send(server, Mode.STARTTLS, "LOGIN", "bob", "tw:o");
            assertThrows(AuthenticationFailedException.class, () -> send(server, Mode.STARTTLS, "PLAIN", "ann", "tw:o"));
            assertEquals(List.of("ann", "bob"), server.published.stream()
                    .map(message -> connection(message).get("user").asText()).toList());
        }
        assertTrue(SmtpServerSettings.from(config, TestServer.HOSTNAME).acceptsLogin("bob", "tw:o"));
        assertTrue(config.toString().contains("smtp-auth: hardcoded://ann:****,bob:****\n"), config.toString());
        ConfigException ldap = assertThrows(ConfigException.class,
                () -> RuntimeConfig.defaults().with("smtp-auth", "ldap://example.com:389/dc=example"));
        assertTrue(ldap.getMessage().contains("'ldap://' logins are not played by the runtime; write hardcoded://"),
                ldap.getMessage());
    }

    @Test
    void authIsRefusedWithWrongCredentials() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        try (TestServer server = new TestServer(hooks, config -> config
                .with(ConfigKey.SMTP_USERNAME, "user").with(ConfigKey.SMTP_PASSWORD, "s3cret"))) {
            assertThrows(AuthenticationFailedException.class, () -> send(server, Mode.STARTTLS, "PLAIN", "user", "wrong"));
            assertThrows(AuthenticationFailedException.class, () -> send(server, Mode.STARTTLS, "LOGIN", "other", "s3cret"));
            assertTrue(server.published.isEmpty());
            assertTrue(hooks.events().contains("authenticate user wrong false"), hooks.events().toString());
            assertTrue(hooks.events().contains("authenticate other s3cret false"), hooks.events().toString());
        }
    }

    @Test
    void theHookHasTheFinalWordAndGetsNoConfigVerdictWithoutAUsername() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        hooks.verdict = (login, configVerdict) -> "plugin-user".equals(login);
        try (TestServer server = new TestServer(hooks)) {
            send(server, Mode.STARTTLS, "PLAIN", "plugin-user", "anything");
            assertThrows(AuthenticationFailedException.class, () -> send(server, Mode.STARTTLS, "PLAIN", "someone", "else"));
            assertTrue(hooks.events().contains("authenticate plugin-user anything null"), hooks.events().toString());
            assertEquals("plugin-user", connection(server.published.get(0)).get("user").asText());
        }
        try (TestServer server = new TestServer(SmtpServerHooks.NONE)) {
            assertThrows(AuthenticationFailedException.class, () -> send(server, Mode.STARTTLS, "PLAIN", "anyone", "x"));
        }
    }

    @Test
    void authOverRawSocket() throws Exception {
        try (TestServer server = new TestServer(SmtpServerHooks.NONE, config -> config
                .with(ConfigKey.SMTP_USERNAME, "user").with(ConfigKey.SMTP_PASSWORD, "pw")
                .with(ConfigKey.SMTP_ALLOW_PLAIN_AUTH, "true"));
             RawSmtpClient client = server.connect()) {
            assertTrue(client.command("EHLO client.test").text().endsWith("250 AUTH PLAIN LOGIN"));
            assertEquals("504 5.5.4 Unrecognized authentication mechanism", client.command("AUTH CRAM-MD5").text());
            assertEquals("334 ", client.command("AUTH PLAIN").text());
            assertEquals("501 5.0.0 Authentication cancelled", client.command("*").text());
            assertEquals("501 5.5.2 Cannot decode response: not base64", client.command("AUTH PLAIN !!!").text());
            assertEquals("501 5.5.2 Cannot decode response: PLAIN response is not authzid NUL login NUL password",
                    client.command("AUTH PLAIN " + SaslCredentials.encode("no-nuls")).text());
            assertEquals("334 VXNlcm5hbWU6", client.command("AUTH LOGIN").text());
            assertEquals("334 UGFzc3dvcmQ6", client.command(SaslCredentials.encode("user")).text());
            assertEquals("535 5.7.8 Authentication credentials invalid", client.command(SaslCredentials.encode("nope")).text());
            assertEquals("334 UGFzc3dvcmQ6", client.command("AUTH LOGIN " + SaslCredentials.encode("user")).text());
            assertEquals("235 2.7.0 Authentication successful", client.command(SaslCredentials.encode("pw")).text());
            assertEquals("503 5.5.1 Already authenticated", client.command("AUTH PLAIN " + SaslCredentials.encode("\0user\0pw")).text());
            assertEquals(250, client.command("MAIL FROM:<a@b.test> AUTH=<>").code());
        }
    }

    @Test
    void authIsNotAllowedInsideAMailTransaction() throws Exception {
        try (TestServer server = new TestServer(SmtpServerHooks.NONE, config -> config.with(ConfigKey.SMTP_ALLOW_PLAIN_AUTH, "true"));
             RawSmtpClient client = server.connect()) {
            client.command("EHLO client.test");
            assertEquals(250, client.command("MAIL FROM:<a@b.test>").code());
            assertEquals("503 5.5.1 AUTH not allowed during a mail transaction", client.command("AUTH LOGIN").text());
        }
    }

    @Test
    void starttlsDropsPipelinedPlaintextAndEveryEarlierState() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        try (TestServer server = new TestServer(hooks, config -> config
                .with(ConfigKey.SMTP_USERNAME, "user").with(ConfigKey.SMTP_PASSWORD, "pw")
                .with(ConfigKey.SMTP_ALLOW_PLAIN_AUTH, "true"));
             RawSmtpClient client = server.connect()) {
            client.command("EHLO client.test");
            assertEquals(235, client.command("AUTH PLAIN " + SaslCredentials.encode("\0user\0pw")).code());
            assertEquals(250, client.command("MAIL FROM:<a@b.test>").code());
            // an attacker's injected command rides along with STARTTLS in the same segment
            client.write("STARTTLS\r\nRCPT TO:<injected@evil.test>\r\n");
            assertEquals("220 2.0.0 Ready to start TLS", client.reply().text());
            client.upgrade();
            // the injected RCPT got no reply; the session starts afresh: EHLO again, no transaction, not authenticated
            assertEquals("503 5.5.1 Send EHLO or HELO first", client.command("MAIL FROM:<a@b.test>").text());
            RawSmtpClient.Reply ehlo = client.command("EHLO client.test");
            assertFalse(ehlo.text().contains("STARTTLS"), ehlo.text());
            assertEquals("503 5.5.1 Need MAIL before RCPT", client.command("RCPT TO:<c@d.test>").text());
            client.command("MAIL FROM:<a@b.test>");
            client.command("RCPT TO:<c@d.test>");
            client.command("DATA");
            assertEquals("530 5.7.0 Authentication required", client.command("x\r\n.").text());
            assertEquals("503 5.5.1 TLS already active", client.command("STARTTLS").text());
            assertFalse(hooks.events().contains("rcptTo injected@evil.test"));
            assertTrue(hooks.events().contains("secure"));
        }
    }
}
