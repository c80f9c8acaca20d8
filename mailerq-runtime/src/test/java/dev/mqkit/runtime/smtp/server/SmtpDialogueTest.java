package dev.mqkit.runtime.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.config.ConfigKey;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SMTP dialogue over a raw socket: replies, codes, limits and malformed input. */
class SmtpDialogueTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(SmtpServerHooks.NONE, config -> config.with(ConfigKey.SMTP_MAX_MESSAGE_SIZE, "10000")
                .with(ConfigKey.SMTP_MAX_RECIPIENTS, "3"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clear() {
        server.published.clear();
    }

    @Test
    void greetsAndAnnouncesExtensions() throws Exception {
        try (RawSmtpClient client = new RawSmtpClient(server.plainPort())) {
            RawSmtpClient.Reply greeting = client.reply();
            assertEquals("220 mx.test ESMTP mqkit", greeting.text());
            RawSmtpClient.Reply ehlo = client.command("EHLO client.test");
            assertEquals(List.of("250-mx.test greets client.test", "250-PIPELINING", "250-SIZE 10000", "250-8BITMIME",
                    "250-ENHANCEDSTATUSCODES", "250-DSN", "250 STARTTLS"), ehlo.lines());
            assertEquals("250 mx.test", client.command("HELO other.test").text());
        }
    }

    @Test
    void acceptsMessageAndPublishesOnePerRecipient() throws Exception {
        try (RawSmtpClient client = server.connect()) {
            client.command("EHLO client.test");
            assertEquals("250 2.1.0 Sender <a@b.test> OK", client.command("MAIL FROM:<a@b.test>").text());
            assertEquals("250 2.1.5 Recipient <c@d.test> OK", client.command("RCPT TO:<c@d.test>").text());
            assertEquals(250, client.command("RCPT TO:<e@f.test>").code());
            assertEquals("354 End data with <CR><LF>.<CR><LF>", client.command("DATA").text());
            RawSmtpClient.Reply accepted = client.command("Subject: hi\r\n\r\n..dot\r\nline\r\n.");
            assertEquals(3, accepted.lines().size(), accepted.text());
            assertEquals("250-2.0.0 Ok, your message has been queued using the following identifiers:", accepted.lines().get(0));
            assertEquals(2, server.published.size());
            ObjectNode first = server.published.get(0);
            ObjectNode second = server.published.get(1);
            assertEquals("a@b.test", first.get("envelope").asText());
            assertEquals("c@d.test", first.get("recipient").asText());
            assertEquals("e@f.test", second.get("recipient").asText());
            assertEquals("Subject: hi\r\n\r\n.dot\r\nline\r\n", first.get("mime").asText());
            assertEquals("250-2.0.0 " + first.get("message-id").asText() + " for c@d.test", accepted.lines().get(1));
            assertEquals("250 2.0.0 " + second.get("message-id").asText() + " for e@f.test", accepted.lines().get(2));
            assertEquals("mx.test", first.get("hostname").asText());
            assertTrue(first.get("received").asText().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
            ObjectNode connection = (ObjectNode) first.get("connection");
            assertEquals("127.0.0.1", connection.get("remote-ip").asText());
            assertEquals(client.localPort(), connection.get("remote-port").asInt());
            assertEquals("127.0.0.1", connection.get("local-ip").asText());
            assertEquals(server.plainPort(), connection.get("local-port").asInt());
            assertFalse(connection.get("secure").asBoolean());
            assertFalse(connection.has("user"));
            // the transaction is over: a new one needs MAIL again
            assertEquals(503, client.command("RCPT TO:<c@d.test>").code());
            assertEquals("221 2.0.0 mx.test closing connection", client.command("QUIT").text());
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void answersPipelinedCommandsInOrder() throws Exception {
        try (RawSmtpClient client = server.connect()) {
            client.write("EHLO client.test\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<one@d.test>\r\nRCPT TO:<broken\r\n"
                    + "RCPT TO:<two@d.test>\r\nNOOP\r\nDATA\r\n");
            assertEquals(250, client.reply().code());
            assertEquals("250 2.1.0 Sender <a@b.test> OK", client.reply().text());
            assertEquals("250 2.1.5 Recipient <one@d.test> OK", client.reply().text());
            assertEquals(501, client.reply().code());
            assertEquals("250 2.1.5 Recipient <two@d.test> OK", client.reply().text());
            assertEquals("250 2.0.0 OK", client.reply().text());
            assertEquals(354, client.reply().code());
            // body, end and the next commands in one write: nothing after DATA is read as a command
            client.write("MAIL FROM:<inside@body.test>\r\n.\r\nRSET\r\nQUIT\r\n");
            assertEquals(250, client.reply().code());
            assertEquals("250 2.0.0 Reset OK", client.reply().text());
            assertEquals(221, client.reply().code());
            assertEquals(List.of("one@d.test", "two@d.test"),
                    server.published.stream().map(m -> m.get("recipient").asText()).collect(Collectors.toList()));
            assertEquals("MAIL FROM:<inside@body.test>\r\n", server.published.get(0).get("mime").asText());
        }
    }

    @Test
    void refusesTooLongLinesAndCarriesOn() throws Exception {
        try (RawSmtpClient client = server.connect()) {
            // 998 characters and CRLF: exactly the limit
            assertEquals("250 2.0.0 OK", client.command("NOOP " + "x".repeat(993)).text());
            assertEquals("500 5.5.6 Line too long (at most 1000 bytes with CRLF)", client.command("NOOP " + "x".repeat(994)).text());
            assertEquals("500 5.5.6 Line too long (at most 1000 bytes with CRLF)", client.command("x".repeat(100_000)).text());
            assertEquals("250 2.0.0 OK", client.command("NOOP").text());
        }
    }

    @Test
    void checksSizeAndParameters() throws Exception {
        try (RawSmtpClient client = server.connect()) {
            client.command("EHLO client.test");
            assertEquals("552 5.3.4 Message size exceeds fixed maximum message size of 10000 bytes",
                    client.command("MAIL FROM:<a@b.test> SIZE=10001").text());
            assertEquals("501 5.5.4 Malformed SIZE parameter", client.command("MAIL FROM:<a@b.test> SIZE=ten").text());
            assertEquals("555 5.5.4 Unsupported parameter FOO", client.command("MAIL FROM:<a@b.test> FOO=1").text());
            assertEquals("504 5.5.4 BODY=BINARYMIME not implemented", client.command("MAIL FROM:<a@b.test> BODY=BINARYMIME").text());
            assertEquals("555 5.5.4 Unsupported parameter AUTH", client.command("MAIL FROM:<a@b.test> AUTH=<>").text());
            assertEquals(250, client.command("MAIL FROM:<a@b.test> SIZE=10000 BODY=8BITMIME").code());
            assertEquals("555 5.5.4 Unsupported parameter XFOO", client.command("RCPT TO:<c@d.test> XFOO=1").text());
            assertEquals(501, client.command("RCPT TO:<c@d.test> NOTIFY=SOMETIMES").code());
            assertEquals(250, client.command("RCPT TO:<c@d.test> NOTIFY=NEVER").code());
        }
    }

    @Test
    void readsTooBigMessageToItsEndThenRefusesIt() throws Exception {
        try (RawSmtpClient client = server.connect()) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@b.test>");
            client.command("RCPT TO:<c@d.test>");
            assertEquals(354, client.command("DATA").code());
            String line = "y".repeat(98) + "\r\n";
            client.write(line.repeat(101) + ".\r\n");
            assertEquals("552 5.3.4 Message too big (10100 bytes, at most 10000)", client.reply().text());
            assertEquals("250 2.0.0 OK", client.command("NOOP").text());
            assertEquals(503, client.command("DATA").code());
            assertTrue(server.published.isEmpty());
        }
    }

    @Test
    void limitsRecipients() throws Exception {
        try (RawSmtpClient client = server.connect()) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@b.test>");
            for (int i = 1; i <= 3; i++) {
                assertEquals(250, client.command("RCPT TO:<r" + i + "@d.test>").code());
            }
            assertEquals("452 4.5.3 Too many recipients (at most 3)", client.command("RCPT TO:<r4@d.test>").text());
            client.command("DATA");
            assertEquals(250, client.command("x\r\n.").code());
            assertEquals(3, server.published.size());
        }
    }

    @Test
    void refusesCommandsOutOfSequence() throws Exception {
        try (RawSmtpClient client = server.connect()) {
            assertEquals("503 5.5.1 Send EHLO or HELO first", client.command("MAIL FROM:<a@b.test>").text());
            assertEquals("503 5.5.1 Need MAIL before RCPT", client.command("RCPT TO:<c@d.test>").text());
            assertEquals("503 5.5.1 Need MAIL before DATA", client.command("DATA").text());
            assertEquals("503 5.5.1 Send EHLO first", client.command("AUTH PLAIN").text());
            client.command("HELO client.test");
            assertEquals("503 5.5.1 Send EHLO first", client.command("AUTH PLAIN").text());
            assertEquals("555 5.5.4 MAIL parameters need EHLO", client.command("MAIL FROM:<a@b.test> SIZE=1").text());
            assertEquals(250, client.command("MAIL FROM:<a@b.test>").code());
            assertEquals("503 5.5.1 Nested MAIL command", client.command("MAIL FROM:<a@b.test>").text());
            assertEquals("554 5.5.0 No valid recipients", client.command("DATA").text());
            assertEquals("250 2.0.0 Reset OK", client.command("RSET").text());
            assertEquals(503, client.command("RCPT TO:<c@d.test>").code());
        }
    }

    @Test
    void answersOtherCommands() throws Exception {
        try (RawSmtpClient client = server.connect()) {
            assertEquals("500 5.5.1 Command unrecognized", client.command("FROB").text());
            assertEquals("500 5.5.2 Syntax error, empty command", client.command("").text());
            assertEquals("502 5.5.1 EXPN not implemented", client.command("EXPN staff").text());
            assertEquals("252 2.5.2 Cannot VRFY user, but will accept message and attempt delivery", client.command("VRFY bob").text());
            assertEquals(501, client.command("VRFY").code());
            assertEquals(214, client.command("HELP").code());
            assertEquals("250 2.0.0 OK", client.command("noop").text());
            assertEquals("501 5.5.4 RSET takes no arguments", client.command("RSET now").text());
            assertEquals("501 5.5.2 Syntax: EHLO <domain>", client.command("EHLO").text());
            assertEquals("501 5.5.4 STARTTLS takes no arguments", client.command("STARTTLS now").text());
        }
    }

    @Test
    void refusesMalformedAddresses() throws Exception {
        try (RawSmtpClient client = server.connect()) {
            client.command("EHLO client.test");
            assertEquals("501 5.1.7 Address must be in angle brackets", client.command("MAIL FROM:a@b.test").text());
            assertEquals("501 5.5.2 Syntax: MAIL FROM:<address>", client.command("MAIL <a@b.test>").text());
            assertEquals("501 5.1.7 Bad address syntax", client.command("MAIL FROM:<a b@c.test>").text());
            assertEquals(250, client.command("MAIL FROM:<>").code());
            assertEquals("501 5.1.3 Empty recipient address", client.command("RCPT TO:<>").text());
            assertEquals("501 5.1.3 Bad address syntax", client.command("RCPT TO:<nodomain>").text());
            assertEquals(250, client.command("RCPT TO:<Postmaster>").code());
            assertEquals(250, client.command("RCPT TO:<@relay.test:c@d.test>").code());
            client.command("DATA");
            client.command("x\r\n.");
            assertEquals("", server.published.get(0).get("envelope").asText());
            assertEquals("c@d.test", server.published.get(1).get("recipient").asText());
        }
    }

    @Test
    void refusesAuthWithoutTls() throws Exception {
        try (RawSmtpClient client = server.connect()) {
            client.command("EHLO client.test");
            assertEquals("538 5.7.11 Encryption required for requested authentication mechanism",
                    client.command("AUTH PLAIN AGEAYg==").text());
        }
    }

    @Test
    void refusesBareLineFeedsAndKeepsSmuggledCommandsInTheBody() throws Exception {
        try (RawSmtpClient client = server.connect()) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@b.test>");
            client.command("RCPT TO:<c@d.test>");
            client.command("DATA");
            // LF . CRLF does not end the body: the MAIL after it is body text, not a command
            client.write("x\r\n\n.\r\nMAIL FROM:<evil@x.test>\r\n.\r\n");
            assertEquals("550 5.6.0 Message refused: bare LF without CR", client.reply().text());
            assertEquals("250 2.0.0 OK", client.command("NOOP").text());
            assertTrue(server.published.isEmpty());
            client.command("MAIL FROM:<a@b.test>");
            client.command("RCPT TO:<c@d.test>");
            client.command("DATA");
            assertEquals("550 5.6.0 Message refused: NUL byte", client.command("a\u0000b\r\n.").text());
            assertTrue(server.published.isEmpty());
        }
    }
}
