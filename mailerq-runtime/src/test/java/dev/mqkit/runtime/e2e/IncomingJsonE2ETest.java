package dev.mqkit.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.fixtures.BothGenerations;
import dev.mqkit.api.fixtures.TestReleases;
import dev.mqkit.api.json.Json;
import dev.mqkit.api.json.LosslessUtf8;
import dev.mqkit.runtime.MailerQRuntime;
import dev.mqkit.runtime.fixtures.Arrivals;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.runtime.fixtures.TestKit;
import dev.mqkit.runtime.fixtures.TestPlugins;
import dev.mqkit.runtime.smtp.server.RawSmtpClient;
import dev.mqkit.smtp.SaslCredentials;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JSON that lands in the queues for mail received over SMTP, as each release builds it: dsn
 * from the DSN parameters, x-mq-* headers as properties cut from mime, the 4.0+ fields, the DATA
 * reply, mail without a required login, and local addresses. Received mail stays in the "inbox"
 * queue (rabbitmq-inbox: inbox), where the tests read it.
 */
@BothGenerations
class IncomingJsonE2ETest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MailerqRelease release;
    private final boolean fourOh;
    @RegisterExtension
    final E2eFixture fixture;
    private MailerQRuntime runtime;

    IncomingJsonE2ETest(MailerqRelease release) {
        this.release = release;
        this.fixture = new E2eFixture(release);
        this.fourOh = TestReleases.connectionGeneration(release);
    }

    private void start(String... keysAndValues) {
        start(TestPlugins.ordered(release, "a"), keysAndValues);
    }

    private void start(Path plugins, String... keysAndValues) {
        runtime = fixture.startKeepingTheInbox(plugins, keysAndValues);
    }

    private RawSmtpClient client() throws Exception {
        RawSmtpClient client = new RawSmtpClient(E2e.plainPort(runtime));
        assertEquals(220, client.reply().code());
        return client;
    }

    private List<ObjectNode> take(String queue, int count) throws InterruptedException {
        List<ObjectNode> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(Arrivals.take(runtime.queues(), queue, WAIT));
        }
        return messages;
    }

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void dsnParametersAreCopiedAsSentForEachRecipient() throws Exception {
        start();
        try (RawSmtpClient client = client()) {
            assertTrue(client.command("EHLO client.example").lines().contains("250-DSN"), "DSN is offered");
            assertEquals(250, client.command("MAIL FROM:<alice@example.org> RET=hdrs ENVID=QQ314159").code());
            assertEquals(250, client.command("RCPT TO:<bob@example.com> NOTIFY=SUCCESS ORCPT=rfc822;Bob@Example.COM").code());
            assertEquals(250, client.command("RCPT TO:<dana@ivory.edu> NOTIFY=success,FAILURE").code());
            assertEquals(354, client.command("DATA").code());
            assertEquals(250, client.command("Subject: dsn\r\n\r\nHello.\r\n.").code());
            // without parameters there is no dsn at all
            assertEquals(250, client.command("MAIL FROM:<alice@example.org>").code());
            assertEquals(250, client.command("RCPT TO:<carol@ivory.edu>").code());
            assertEquals(354, client.command("DATA").code());
            assertEquals(250, client.command("Subject: no dsn\r\n\r\nHello.\r\n.").code());
        }
        List<ObjectNode> inbox = take("inbox", 3);
        assertEquals(json("{\"ret\":\"hdrs\",\"envid\":\"QQ314159\",\"notify\":\"SUCCESS\",\"orcpt\":\"rfc822;Bob@Example.COM\"}"),
                inbox.get(0).get("dsn"));
        assertEquals(json("{\"ret\":\"hdrs\",\"envid\":\"QQ314159\",\"notify\":\"success,FAILURE\"}"), inbox.get(1).get("dsn"));
        assertFalse(inbox.get(2).has("dsn"), inbox.get(2).toString());
    }

    @Test
    void badDsnParametersGetA501NamingThem() throws Exception {
        start();
        try (RawSmtpClient client = client()) {
            client.command("EHLO client.example");
            assertEquals("501 5.5.4 Malformed RET parameter: RET=FULL or RET=HDRS",
                    client.command("MAIL FROM:<alice@example.org> RET=BODY").text());
            assertEquals(250, client.command("MAIL FROM:<alice@example.org>").code());
            RawSmtpClient.Reply orcpt = client.command("RCPT TO:<bob@example.com> ORCPT=Bob@Example.COM");
            assertEquals(501, orcpt.code());
            assertTrue(orcpt.text().contains("ORCPT"), orcpt.text());
        }
    }

    @Test
    void dsnAdvertiseFalseWithdrawsDsnFrom40On() throws Exception {
        start("dsn-advertise", "false");
        try (RawSmtpClient client = client()) {
            List<String> ehlo = client.command("EHLO client.example").lines();
            // 3.0 has no such switch: DSN is always offered
            assertEquals(!fourOh, ehlo.contains("250-DSN"), ehlo.toString());
            RawSmtpClient.Reply mail = client.command("MAIL FROM:<alice@example.org> RET=FULL");
            assertEquals(fourOh ? "555 5.5.4 Unsupported parameter RET" : "250 2.1.0 Sender <alice@example.org> OK",
                    mail.text());
        }
    }

    /** A body whose header section holds x-mq-* fields among others, one folded, and a byte that is not UTF-8. */
    private static byte[] bodyWithMqHeaders(String... extra) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head = "From: Alice <alice@example.org>\r\n"
                + "x-mq-envelope: bounces@example.org\r\n"
                + "Subject: caf";
        body.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        body.write(0xe9); // ISO-8859-1 e-acute
        body.writeBytes(("\r\n"
                + "X-MQ-IP: 192.0.2.10\r\n"
                + "x-mq-maxattempts: 3\r\n"
                + "x-mq-inlinecss: 1\r\n"
                + "x-mq-keepmime: 1\r\n"
                + "x-mq-ip: 192.0.2.11\r\n"
                + "x-mq-results-queue: my-results\r\n"
                + "x-mq-failure-queue: my-failures\r\n"
                + "x-mq-smarthost-port: 2525\r\n"
                + "x-mq-smarthost-username: relay\r\n"
                + "x-mq-dsn-notify: FAILURE\r\n"
                + "x-mq-custom-identifier: my-\r\n"
                + "\tid\r\n"
                + "x-mq-tag: Customer Name\r\n"
                + "x-mq-tag: Example Campaign\r\n"
                + "x-mq-retries: 300,600\r\n"
                + "x-normalize: 1\r\n"
                + String.join("", extra)
                + "To: bob@example.com\r\n"
                + "\r\n"
                + "x-mq-ip: 203.0.113.1\r\n"
                + "Body.\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    private void sendBody(byte[] body, String from, String to) throws Exception {
        try (RawSmtpClient client = client()) {
            client.command("EHLO client.example");
            assertEquals(250, client.command("MAIL FROM:<" + from + ">").code());
            assertEquals(250, client.command("RCPT TO:<" + to + "> NOTIFY=SUCCESS").code());
            assertEquals(354, client.command("DATA").code());
            client.write(body);
            client.write(".\r\n");
            assertEquals(250, client.reply().code());
        }
    }

    @Test
    void mqHeadersBecomePropertiesAndLeaveMimeOtherwiseByteForByte() throws Exception {
        start();
        sendBody(bodyWithMqHeaders("x-mq-smarthost-" + (fourOh ? "hostname" : "name") + ": relay.example\r\n"),
                "alice@example.org", "bob@example.com");
        ObjectNode message = Arrivals.take(runtime.queues(), "inbox", WAIT);

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes("From: Alice <alice@example.org>\r\nSubject: caf".getBytes(StandardCharsets.US_ASCII));
        expected.write(0xe9);
        // 4.0+ leaves x-normalize alone: it is 3.0's spelling of x-mq-normalize
        expected.writeBytes(("\r\n" + (fourOh ? "x-normalize: 1\r\n" : "") + "To: bob@example.com\r\n\r\nx-mq-ip: 203.0.113.1\r\nBody.\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        // compared as bytes (one char each), so a failure shows them
        assertEquals(new String(expected.toByteArray(), StandardCharsets.ISO_8859_1),
                new String(LosslessUtf8.toBytes(message.path("mime").asText()), StandardCharsets.ISO_8859_1),
                "only the x-mq-* fields of the header section are cut out");

        assertEquals("bounces@example.org", message.path("envelope").asText(), "x-mq-envelope overrides MAIL FROM");
        assertEquals(json("[\"192.0.2.10\",\"192.0.2.11\"]"), message.get("ips"));
        assertEquals(json("3"), message.get("maxattempts"));
        assertEquals(json(fourOh ? "true" : "1"), message.get("inlinecss"));
        assertEquals(json(fourOh ? "true" : "1"), message.get("keepmime"));
        assertEquals(json("{\"results\":\"my-results\",\"failure\":\"my-failures\"}"), message.get("queues"));
        assertEquals(json("{\"port\":2525,\"username\":\"relay\",\"" + (fourOh ? "hostname" : "name") + "\":\"relay.example\"}"),
                message.get("smarthost"));
        assertEquals(json("{\"notify\":\"FAILURE\"}"), message.get("dsn"), "x-mq-dsn-notify over RCPT's NOTIFY");
        assertEquals("my-\tid", message.path("custom-identifier").asText(), "a folded value is unfolded (RFC 5322 2.2.3: the CRLF goes)");
        if (fourOh) {
            // 5.0+: tags and retries as their JSON has them
            assertEquals(json("[\"Customer Name\",\"Example Campaign\"]"), message.get("tags"));
            assertEquals(json("[300,600]"), message.get("retries"));
            assertFalse(message.has("normalize"), message.toString());
        } else {
            assertEquals("Customer Name", message.path("tag").asText(), "3.0: x-mq-NAME becomes NAME");
            assertEquals("300,600", message.path("retries").asText());
            assertEquals(json("1"), message.get("normalize"), "3.0's x-normalize");
        }
    }

    @Test
    void mqHeadersCannotReplaceTheMessagesOwnFields() throws Exception {
        start();
        sendBody(("x-mq-recipient: mallory@evil.example\r\nx-mq-mime: none\r\nx-mq-delayed: 2030-01-01 00:00:00\r\n"
                + "Subject: s\r\n\r\nBody.\r\n").getBytes(StandardCharsets.US_ASCII), "alice@example.org", "bob@example.com");
        ObjectNode message = Arrivals.take(runtime.queues(), "inbox", WAIT);
        assertEquals("bob@example.com", message.path("recipient").asText());
        assertEquals("Subject: s\r\n\r\nBody.\r\n", message.path("mime").asText());
        if (fourOh) {
            // the docs name no JSON for x-mq-delayed: the 5.13 property that holds a message back
            assertEquals(json("{\"time\":\"2030-01-01 00:00:00\"}"), message.get("nextattempt"));
        } else {
            assertFalse(message.has("delayed"), "3.0 reserves delayed: " + message);
        }
    }

    @Test
    void smtpExtractFalseLeavesTheHeadersInMimeFrom40On() throws Exception {
        start("smtp-extract", "false");
        String body = "x-mq-maxattempts: 3\r\nSubject: s\r\n\r\nBody.\r\n";
        sendBody(body.getBytes(StandardCharsets.US_ASCII), "alice@example.org", "bob@example.com");
        ObjectNode message = Arrivals.take(runtime.queues(), "inbox", WAIT);
        // 3.0 has no such key and always extracts
        assertEquals(fourOh ? body : "Subject: s\r\n\r\nBody.\r\n", message.path("mime").asText());
        assertEquals(!fourOh, message.has("maxattempts"), message.toString());
    }

    @Test
    void the40FieldsAndTheDataReplyFollowTheRelease() throws Exception {
        start();
        RawSmtpClient.Reply reply;
        int clientPort;
        try (RawSmtpClient client = client()) {
            clientPort = client.localPort();
            client.command("EHLO client.example");
            client.command("MAIL FROM:<alice@example.org>");
            client.command("RCPT TO:<bob@example.com>");
            client.command("RCPT TO:<carol@example.com>");
            client.command("DATA");
            reply = client.command("Subject: s\r\n\r\nBody.\r\n.");
        }
        List<ObjectNode> inbox = take("inbox", 2);
        if (!fourOh) {
            assertEquals("250 2.0.0 Ok", reply.text(), "3.0 documents no reply: a plain 250");
            for (ObjectNode message : inbox) {
                for (String field : List.of("hostname", "received", "message-id", "connection")) {
                    assertFalse(message.has(field), "3.0 has no " + field + ": " + message);
                }
            }
            return;
        }
        assertEquals(List.of("250-2.0.0 Ok, your message has been queued using the following identifiers:",
                "250-2.0.0 " + inbox.get(0).path("message-id").asText() + " for bob@example.com",
                "250 2.0.0 " + inbox.get(1).path("message-id").asText() + " for carol@example.com"), reply.lines());
        ObjectNode message = inbox.get(0);
        assertFalse(message.path("hostname").asText().isEmpty(), message.toString());
        assertTrue(message.path("received").asText().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"), message.toString());
        assertEquals(json("{\"local-ip\":\"127.0.0.1\",\"local-port\":" + E2e.plainPort(runtime)
                + ",\"remote-ip\":\"127.0.0.1\",\"remote-port\":" + clientPort + ",\"secure\":false}"), message.get("connection"));
    }

    /** One message from a client that did not log in, for each recipient; returns the reply to DATA. */
    private RawSmtpClient.Reply sendWithoutLogin(String... recipients) throws Exception {
        try (RawSmtpClient client = client()) {
            client.command("EHLO client.example");
            assertEquals(250, client.command("MAIL FROM:<alice@example.org>").code(), "not stopped at MAIL FROM");
            for (String recipient : recipients) {
                assertEquals(250, client.command("RCPT TO:<" + recipient + ">").code());
            }
            assertEquals(354, client.command("DATA").code());
            return client.command("Subject: s\r\n\r\nBody.\r\n.");
        }
    }

    @Test
    void mailWithoutARequiredLoginGoesToRefused() throws Exception {
        // a plugin without mq_smtp_in_authenticate: the configured login decides
        start(TestPlugins.directory("10-a.so", TestPlugins.scripted(release, "a", "noauth", "-DWITHOUT_AUTHENTICATE")),
                "smtp-username", "alice", "smtp-password", "s3cret", "smtp-allow-plain-auth", "true",
                "rabbitmq-refused", "refused");
        RawSmtpClient.Reply reply = sendWithoutLogin("bob@example.com");
        // 3.0 lets the dialogue run to its end; 5.13 rejects (no code documented: 530 5.7.0, RFC 4954's)
        assertEquals(fourOh ? "530 5.7.0 Authentication required" : "250 2.0.0 Ok", reply.text());
        ObjectNode refused = Arrivals.take(runtime.queues(), "refused", WAIT);
        assertEquals("bob@example.com", refused.path("recipient").asText());
        assertEquals(List.of(), runtime.queues().snapshot("inbox"));

        // with the login the same mail goes to the inbox
        try (RawSmtpClient client = client()) {
            client.command("EHLO client.example");
            assertEquals(235, client.command("AUTH PLAIN " + new SaslCredentials("alice", "s3cret").plainResponse()).code());
            client.command("MAIL FROM:<alice@example.org>");
            client.command("RCPT TO:<bob@example.com>");
            client.command("DATA");
            assertEquals(250, client.command("Subject: s\r\n\r\nBody.\r\n.").code());
        }
        ObjectNode accepted = Arrivals.take(runtime.queues(), "inbox", WAIT);
        assertEquals(fourOh, accepted.path("connection").path("user").asText().equals("alice"), accepted.toString());
    }

    @Test
    void refusedMailIsLostWhenTheRefusedQueueIsEmpty() throws Exception {
        start("smtp-username", "alice", "smtp-password", "s3cret", "rabbitmq-refused", "");
        assertEquals(fourOh ? 530 : 250, sendWithoutLogin("bob@example.com").code());
        // the reply comes after publishing: nothing can be late
        assertEquals(List.of(), runtime.queues().snapshot("refused"));
        assertEquals(List.of(), runtime.queues().snapshot("inbox"));
    }

    @Test
    void localAddressesNeedNoLoginAndGoToTheLocalQueue() throws Exception {
        start("smtp-username", "alice", "smtp-password", "s3cret", "rabbitmq-refused", "refused",
                "local-addresses", "exact:Postmaster@Example.com; fnmatch:*@local.example; regex:^abuse@; substr:@intra.");
        RawSmtpClient.Reply reply = sendWithoutLogin("postmaster@example.com", "other@example.org", "x@local.example",
                "abuse@example.net", "y@intra.example.org");
        List<ObjectNode> local = take("local", 4);
        assertEquals(List.of("postmaster@example.com", "x@local.example", "abuse@example.net", "y@intra.example.org"),
                local.stream().map(json -> json.path("recipient").asText()).toList());
        assertEquals("other@example.org", Arrivals.take(runtime.queues(), "refused", WAIT).path("recipient").asText());
        assertEquals(List.of(), runtime.queues().snapshot("inbox"));
        if (fourOh) {
            // the 250 names the messages that were queued, not the refused one
            assertEquals(5, reply.lines().size(), reply.text());
            assertTrue(reply.lines().stream().noneMatch(line -> line.contains("other@example.org")), reply.text());
        } else {
            assertEquals("250 2.0.0 Ok", reply.text());
        }
    }

    @Test
    void aPluginMayClearLocal() throws Exception {
        assumeTrue(fourOh, "MQ_setLocal is 4.0+");
        TestKit.set("a", "local", -1);
        start("local-addresses", "exact:postmaster@example.com");
        sendWithoutLogin("postmaster@example.com");
        assertEquals("postmaster@example.com", Arrivals.take(runtime.queues(), "inbox", WAIT).path("recipient").asText());
        assertEquals(List.of(), runtime.queues().snapshot("local"));
        // MQ_local starts true for a local address
        new E2e.Trace().await(line -> line.equals("a local before=1"), WAIT);
    }
}
