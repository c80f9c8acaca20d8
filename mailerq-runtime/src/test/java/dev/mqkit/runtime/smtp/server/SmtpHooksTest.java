package dev.mqkit.runtime.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.config.ConfigKey;
import dev.mqkit.smtp.SmtpReply;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Which hooks fire, with what, in which order, on which thread, and how their stages pace the replies. */
class SmtpHooksTest {
    /** A hook's own per-connection state, kept on the channel as the plugin host keeps its own. */
    private static final AttributeKey<String> STATE = AttributeKey.valueOf(SmtpHooksTest.class, "state");

    private static void sendMessage(RawSmtpClient client, String... recipients) throws Exception {
        assertEquals(250, client.command("EHLO client.test").code());
        assertEquals(250, client.command("MAIL FROM:<a@b.test>").code());
        for (String recipient : recipients) {
            assertEquals(250, client.command("RCPT TO:<" + recipient + ">").code());
        }
        assertEquals(354, client.command("DATA").code());
        RawSmtpClient.Reply reply = client.command("Subject: s\r\n\r\nbody\r\n.");
        assertEquals(250, reply.code(), reply.text());
    }

    @Test
    void firesEveryHookInOrderForOneRecipient() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        hooks.change = message -> message.put("tag", "changed");
        try (TestServer server = new TestServer(hooks)) {
            try (RawSmtpClient client = server.connect()) {
                sendMessage(client, "c@d.test");
                client.command("QUIT");
            }
            assertTrue(hooks.awaitClose());
            assertEquals(List.of("connect", "mailFrom a@b.test", "rcptTo c@d.test", "data Subject: s\r\n\r\nbody\r\n",
                    "message c@d.test", "close"), hooks.events());
            assertEquals(List.of(), hooks.offLoop);
            assertEquals(1, server.published.size());
            assertEquals("changed", server.published.get(0).get("tag").asText());
        }
    }

    @Test
    void callsTheMessageHookPerRecipientInOrder() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        hooks.change = message -> {
            ObjectNode copy = message.deepCopy();
            copy.put("recipient", "rewritten-" + message.get("recipient").asText());
            return copy;
        };
        try (TestServer server = new TestServer(hooks)) {
            try (RawSmtpClient client = server.connect()) {
                sendMessage(client, "one@d.test", "two@d.test", "three@d.test");
            }
            assertTrue(hooks.awaitClose());
            assertEquals(List.of("connect", "mailFrom a@b.test", "rcptTo one@d.test", "rcptTo two@d.test", "rcptTo three@d.test",
                    "data Subject: s\r\n\r\nbody\r\n", "message one@d.test", "message two@d.test", "message three@d.test", "close"),
                    hooks.events());
            assertEquals(List.of(), hooks.offLoop);
            assertEquals(List.of("rewritten-one@d.test", "rewritten-two@d.test", "rewritten-three@d.test"),
                    server.published.stream().map(m -> m.get("recipient").asText()).toList());
        }
    }

    @Test
    void aLateHookDelaysExactlyItsOwnReply() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        hooks.delays.put("rcptTo slow@d.test", Duration.ofMillis(200));
        try (TestServer server = new TestServer(hooks); RawSmtpClient client = server.connect()) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@b.test>");
            long start = System.nanoTime();
            client.write("RCPT TO:<slow@d.test>\r\nRCPT TO:<fast@d.test>\r\nNOOP\r\n");
            assertEquals("250 2.1.5 Recipient <slow@d.test> OK", client.reply().text());
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waited >= 190, "the reply came after " + waited + " ms, before its hook completed");
            assertEquals("250 2.1.5 Recipient <fast@d.test> OK", client.reply().text());
            assertEquals("250 2.0.0 OK", client.reply().text());
            List<String> events = hooks.events();
            // the next pipelined command waited for the late one: its hook ran only after that completed
            assertTrue(events.indexOf("completed rcptTo slow@d.test") < events.indexOf("rcptTo fast@d.test"), events.toString());
            assertEquals(List.of(), hooks.offLoop);
        }
    }

    @Test
    void theGreetingWaitsForTheConnectHookWhichCanSendRawBytes() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        hooks.delays.put("connect", Duration.ofMillis(200));
        hooks.onConnect = session -> {
            assertTrue(session.fileDescriptor() > 0);
            assertEquals(session.channel().remoteAddress(), session.remoteAddress());
            assertEquals(session.channel().localAddress(), session.localAddress());
            session.channel().attr(STATE).set("state");
            // from another thread, as a plugin's own I/O might
            CompletableFuture.runAsync(() -> session.send("220-plugin says hello\r\n".getBytes(StandardCharsets.US_ASCII))).join();
        };
        try (TestServer server = new TestServer(hooks)) {
            long start = System.nanoTime();
            try (RawSmtpClient client = new RawSmtpClient(server.plainPort())) {
                RawSmtpClient.Reply greeting = client.reply();
                long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals(List.of("220-plugin says hello", "220 mx.test ESMTP mqkit"), greeting.lines());
                assertTrue(waited >= 190, "greeting after " + waited + " ms");
            }
            assertTrue(hooks.awaitClose());
            assertEquals("state", hooks.sessions.get(0).channel().attr(STATE).get());
        }
    }

    @Test
    void aRejectionFromAHookIsTheReply() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        hooks.failures.put("rcptTo nobody@d.test", new SmtpRejectionException(SmtpReply.of(550, "5.1.1", "No such user")));
        hooks.failures.put("mailFrom broken@b.test", new IllegalStateException("plugin bug"));
        try (TestServer server = new TestServer(hooks); RawSmtpClient client = server.connect()) {
            client.command("EHLO client.test");
            assertEquals("451 4.3.0 Local error in processing", client.command("MAIL FROM:<broken@b.test>").text());
            assertEquals(250, client.command("MAIL FROM:<a@b.test>").code());
            assertEquals("550 5.1.1 No such user", client.command("RCPT TO:<nobody@d.test>").text());
            assertEquals(250, client.command("RCPT TO:<c@d.test>").code());
            client.command("DATA");
            assertEquals(250, client.command("x\r\n.").code());
            assertEquals(List.of("c@d.test"), server.published.stream().map(m -> m.get("recipient").asText()).toList());
        }
    }

    @Test
    void aClientThatDropsInTheMiddleOfDataPublishesNothing() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        try (TestServer server = new TestServer(hooks)) {
            try (RawSmtpClient client = server.connect()) {
                client.command("EHLO client.test");
                client.command("MAIL FROM:<a@b.test>");
                client.command("RCPT TO:<c@d.test>");
                client.command("DATA");
                client.write("Subject: cut\r\n\r\nhalf a mess");
            }
            assertTrue(hooks.awaitClose());
            assertEquals(List.of("connect", "mailFrom a@b.test", "rcptTo c@d.test", "close"), hooks.events());
            assertTrue(server.published.isEmpty());
        }
    }

    @Test
    void aClientThatDropsDuringTheConnectHookStillGetsTheCloseHookAfterIt() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        hooks.delays.put("connect", Duration.ofMillis(100));
        try (TestServer server = new TestServer(hooks)) {
            new RawSmtpClient(server.plainPort()).close();
            assertTrue(hooks.awaitClose());
            assertEquals(List.of("connect", "completed connect", "close"), hooks.events());
        }
    }

    @Test
    void theDataReplyWaitsUntilEveryMessageIsPublished() throws Exception {
        List<ObjectNode> published = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.function.Function<ObjectNode, CompletionStage<Void>> slowPublisher = message -> CompletableFuture.runAsync(
                () -> published.add(message), CompletableFuture.delayedExecutor(150, TimeUnit.MILLISECONDS));
        try (TestServer server = new TestServer(SmtpServerHooks.NONE, config -> config, slowPublisher);
             RawSmtpClient client = server.connect()) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@b.test>");
            client.command("RCPT TO:<one@d.test>");
            client.command("RCPT TO:<two@d.test>");
            client.command("DATA");
            long start = System.nanoTime();
            assertEquals(250, client.command("x\r\n.").code());
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(2, published.size(), "250 before both messages were published");
            assertTrue(waited >= 290, "published one after the other: " + waited + " ms");
        }
    }

    @Test
    void aFailedPublishIsATemporaryFailure() throws Exception {
        try (TestServer server = new TestServer(SmtpServerHooks.NONE, config -> config,
                message -> CompletableFuture.failedFuture(new IllegalStateException("queue down")));
             RawSmtpClient client = server.connect()) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@b.test>");
            client.command("RCPT TO:<c@d.test>");
            client.command("DATA");
            assertEquals("451 4.3.0 Message could not be queued, try again later", client.command("x\r\n.").text());
        }
    }

    @Test
    void requiresAuthenticationWhenAUsernameIsConfigured() throws Exception {
        try (TestServer server = new TestServer(SmtpServerHooks.NONE, config -> config
                .with(ConfigKey.SMTP_USERNAME, "user").with(ConfigKey.SMTP_PASSWORD, "secret"));
             RawSmtpClient client = server.connect()) {
            client.command("EHLO client.test");
            // 5.13 receives the mail for its refused queue, then rejects it
            assertEquals(250, client.command("MAIL FROM:<a@b.test>").code());
            assertEquals(250, client.command("RCPT TO:<c@d.test>").code());
            assertEquals(354, client.command("DATA").code());
            assertEquals("530 5.7.0 Authentication required", client.command("x\r\n.").text());
            assertEquals(1, server.publications.size());
            assertTrue(server.publications.get(0).refused());
        }
    }

    @Test
    void closeTellsWaitingClientsAndWaitsForTheirCloseHooks() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        hooks.delays.put("close", Duration.ofMillis(100));
        TestServer server = new TestServer(hooks);
        try (RawSmtpClient client = server.connect()) {
            client.command("EHLO client.test");
            server.close();
            assertTrue(hooks.events().contains("completed close"), "close() returned before the close hook completed");
            assertEquals("421 4.3.2 mx.test Service shutting down, closing connection", client.reply().text());
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void closeLetsAMessageInProgressFinish() throws Exception {
        TestServer server = new TestServer(SmtpServerHooks.NONE);
        try (RawSmtpClient client = server.connect()) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@b.test>");
            client.command("RCPT TO:<c@d.test>");
            assertEquals(354, client.command("DATA").code());
            client.write("Subject: in flight\r\n");
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            Thread.sleep(100);
            client.write("\r\nbody\r\n.\r\n");
            assertEquals(250, client.reply().code());
            assertEquals("421 4.3.2 mx.test Service shutting down, closing connection", client.reply().text());
            closing.get(5, TimeUnit.SECONDS);
            assertEquals(1, server.published.size());
        }
    }
}
