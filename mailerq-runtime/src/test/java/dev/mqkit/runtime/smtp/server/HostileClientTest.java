package dev.mqkit.runtime.smtp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.config.AddressRanges;
import dev.mqkit.api.config.ConfigKey;
import dev.mqkit.api.config.RuntimeConfig;
import dev.mqkit.api.json.LosslessUtf8;
import dev.mqkit.smtp.SaslCredentials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile corpus: one row per attack, each a script of raw bytes and the exact replies it must
 * get. After every case: only what should be was published, no in-flight bytes and no spool file
 * are left, and a normal session from another address (127.0.0.2) that ran at the same time
 * delivered its message.
 */
class HostileClientTest {
    private static final String SYNTAX_CR_NUL = "501 5.5.2 Syntax error: bare CR or NUL in the command line";
    private static final String TIMEOUT = "421 4.4.2 mx.test Timeout waiting for client input, closing connection";
    private static final String TOO_MANY_ERRORS = "421 4.7.0 mx.test Error: too many errors";
    private static final String NO_STORAGE = "452 4.3.1 Insufficient system storage, try again later";
    private static final String QUEUED = "250-2.0.0 Ok, your message has been queued using the following identifiers:";
    private static final String NORMAL_SENDER = "normal@client.test";
    private static final int SPOOL_THRESHOLD = 4096;

    /** One attack: settings for its server, the script, and what it may publish. */
    record Case(String name, UnaryOperator<RuntimeConfig> settings, Script script, int published,
                boolean concurrent, BiConsumer<List<ObjectNode>, RecordingHooks> check) {
        @Override
        public String toString() {
            return name;
        }

        Case published(int count) {
            return new Case(name, settings, script, count, concurrent, check);
        }

        /** The normal session runs after the attack instead of beside it (the attack uses up a shared budget). */
        Case afterwards() {
            return new Case(name, settings, script, published, false, check);
        }

        Case checking(BiConsumer<List<ObjectNode>, RecordingHooks> more) {
            return new Case(name, settings, script, published, concurrent, more);
        }
    }

    static Case attack(String name, Script script) {
        return attack(name, settings -> settings, script);
    }

    static Case attack(String name, UnaryOperator<RuntimeConfig> settings, Script script) {
        return new Case(name, settings, script, 0, true, (published, hooks) -> { });
    }

    static Stream<Case> cases() {
        byte[] latin1 = "Subject: caf\u00e9\r\n\r\ncaf\u00e9\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] large = ("Subject: spooled\r\n\r\n" + "0123456789abcdef\r\n".repeat(20_000)).getBytes(StandardCharsets.US_ASCII);
        String wrongPlain = "AUTH PLAIN " + new SaslCredentials("alice", "guess").plainResponse();
        return Stream.of(
                // ---- replies that echo client text
                attack("EHLO with a bare CR", new Script().greeted().send("EHLO a\rb\r\n").expect(SYNTAX_CR_NUL)
                        .send("NOOP\r\n").expect("250 2.0.0 OK")),
                attack("EHLO with a NUL", new Script().greeted().send("EHLO a\0b\r\n").expect(SYNTAX_CR_NUL)
                        .send("EHLO a\r\n").expectCode(250)),
                attack("RCPT with a bare CR in NOTIFY", new Script().greeted().transaction()
                        .send("RCPT TO:<c@d.test> NOTIFY=SUCCESS\rX\r\n").expect(SYNTAX_CR_NUL)),
                attack("MAIL with a NUL in the address", new Script().greeted().send("EHLO c.test\r\n").expectCode(250)
                        .send("MAIL FROM:<a\0@b.test>\r\n").expect(SYNTAX_CR_NUL)),
                attack("EHLO with terminal escapes is echoed escaped", new Script().greeted()
                        .send("EHLO \u001b[31mred\r\n").expectFirst("250-mx.test greets \\x1b[31mred")),
                // ---- bytes kept
                attack("8-bit body that is not UTF-8", new Script().greeted().transaction().data(latin1).expectFirst(QUEUED))
                        .published(1).checking((published, hooks) -> {
                            assertArrayEquals(latin1, LosslessUtf8.toBytes(published.get(0).get("mime").textValue()));
                            assertTrue(hooks.dataBodies.stream().anyMatch(body -> Arrays.equals(latin1, body)));
                        }),
                attack("large body goes through a spool file unchanged", new Script().greeted().transaction().data(large)
                        .expectFirst(QUEUED)).published(1).checking((published, hooks) ->
                        assertArrayEquals(large, LosslessUtf8.toBytes(published.get(0).get("mime").textValue()))),
                // ---- limits
                attack("unknown commands up to the error limit", new Script().greeted()
                        .repeat("BOGUS\r\n", "500 5.5.1 Command unrecognized", 20).expect(TOO_MANY_ERRORS).closed()),
                attack("wrong passwords are delayed and counted", s -> s.with(ConfigKey.SMTP_ALLOW_PLAIN_AUTH, "true"),
                        new Script().greeted().send("EHLO c.test\r\n").expectCode(250).startClock()
                                .repeat(wrongPlain + "\r\n", "535 5.7.8 Authentication credentials invalid", 20)
                                .expect(TOO_MANY_ERRORS).closed().tookAtLeast(Duration.ofMillis(19 * 20))),
                attack("a command line trickled byte by byte", s -> s.with(ConfigKey.SMTP_COMMAND_DEADLINE, "600ms"),
                        new Script().greeted().trickle("NOOP NOOP NOOP NOOP NOOP NOOP").expect(TIMEOUT).closed()),
                attack("a DATA body trickled byte by byte", s -> s.with(ConfigKey.SMTP_DATA_DEADLINE, "600ms"),
                        new Script().greeted().transaction().send("DATA\r\n").expectCode(354)
                                .trickle("Subject: slow\r\n\r\nslow body").expect(TIMEOUT).closed()),
                attack("a second connection from one address", s -> s.with(ConfigKey.SMTP_MAX_CONNECTIONS_PER_IP, "1"),
                        new Script().greeted().secondConnection("421 4.7.0 mx.test too many connections from 127.0.0.1, "
                                + "try again later").send("NOOP\r\n").expect("250 2.0.0 OK")),
                attack("a client outside smtp-ranges", s -> s.with(ConfigKey.SMTP_RANGES, "127.0.0.2"),
                        new Script().expect("554 5.7.1 mx.test no SMTP service for 127.0.0.1").closed()),
                attack("client-initiated TLS renegotiation", new Script().greeted().send("STARTTLS\r\n")
                        .expect("220 2.0.0 Ready to start TLS").tls("TLSv1.2").send("EHLO c.test\r\n").expectCode(250)
                        .renegotiationRefused()),
                attack("a SIZE beyond the in-flight budget", s -> s.with(ConfigKey.SMTP_MAX_INFLIGHT, "128K"),
                        new Script().greeted().send("EHLO c.test\r\n").expectCode(250)
                                .send("MAIL FROM:<a@b.test> SIZE=200000\r\n").expect("250 2.1.0 Sender <a@b.test> OK")
                                .send("RCPT TO:<c@d.test>\r\n").expectCode(250).send("DATA\r\n").expect(NO_STORAGE)),
                attack("a body beyond the in-flight budget", s -> s.with(ConfigKey.SMTP_MAX_INFLIGHT, "192K"),
                        new Script().greeted().transaction().data(large).expect(NO_STORAGE)
                                .send("NOOP\r\n").expect("250 2.0.0 OK")).afterwards(),
                // ---- what the server got right before: smuggling, framing, order, floods, TLS
                attack("smuggling with LF . LF", new Script().greeted().transaction()
                        .send("DATA\r\n").expectCode(354)
                        .send("a\n.\nMAIL FROM:<evil@x.test>\r\nRCPT TO:<victim@y.test>\r\n.\r\n")
                        .expect("550 5.6.0 Message refused: bare LF without CR")),
                attack("smuggling with LF . CRLF", new Script().greeted().transaction()
                        .send("DATA\r\n").expectCode(354).send("a\n.\r\nRSET\r\n.\r\n")
                        .expect("550 5.6.0 Message refused: bare LF without CR")),
                attack("smuggling with CR . CR", new Script().greeted().transaction()
                        .send("DATA\r\n").expectCode(354).send("a\r.\rQUIT\r\n.\r\n")
                        .expect("550 5.6.0 Message refused: bare CR without LF")),
                attack("a NUL in the body", new Script().greeted().transaction()
                        .send("DATA\r\n").expectCode(354).send("a\0b\r\n.\r\n").expect("550 5.6.0 Message refused: NUL byte")),
                attack("an over-long command line", new Script().greeted().send("NOOP " + "A".repeat(5000) + "\r\n")
                        .expect("500 5.5.6 Line too long (at most 1000 bytes with CRLF)").send("NOOP\r\n").expect("250 2.0.0 OK")),
                attack("commands out of order", new Script().greeted()
                        .send("MAIL FROM:<a@b.test>\r\n").expect("503 5.5.1 Send EHLO or HELO first")
                        .send("RCPT TO:<c@d.test>\r\n").expect("503 5.5.1 Need MAIL before RCPT")
                        .send("DATA\r\n").expect("503 5.5.1 Need MAIL before DATA")
                        .send("EHLO c.test\r\n").expectCode(250)
                        .send("MAIL FROM:<a@b.test>\r\n").expectCode(250)
                        .send("MAIL FROM:<a@b.test>\r\n").expect("503 5.5.1 Nested MAIL command")
                        .send("DATA\r\n").expect("554 5.5.0 No valid recipients")),
                attack("a pipelining flood", new Script().greeted().send("NOOP\r\n".repeat(2000))
                        .expectRepeated("250 2.0.0 OK", 2000)),
                attack("STARTTLS with commands injected behind it", new Script().greeted().send("EHLO c.test\r\n").expectCode(250)
                        .send("STARTTLS\r\nMAIL FROM:<evil@x.test>\r\nRCPT TO:<victim@y.test>\r\n")
                        .expect("220 2.0.0 Ready to start TLS").tls("TLS")
                        .send("EHLO c.test\r\n").expectCode(250)
                        .send("RCPT TO:<c@d.test>\r\n").expect("503 5.5.1 Need MAIL before RCPT")),
                attack("a SIZE over the message limit", new Script().greeted().send("EHLO c.test\r\n").expectCode(250)
                        .send("MAIL FROM:<a@b.test> SIZE=99999999\r\n")
                        .expect("552 5.3.4 Message size exceeds fixed maximum message size of 1048576 bytes")),
                attack("a body over the message limit", new Script().greeted().transaction()
                        .data(("x".repeat(1000) + "\r\n").repeat(2048).getBytes(StandardCharsets.US_ASCII))
                        .expect("552 5.3.4 Message too big (2052096 bytes, at most 1048576)")),
                attack("AUTH with bad base64", s -> s.with(ConfigKey.SMTP_ALLOW_PLAIN_AUTH, "true"), new Script().greeted()
                        .send("EHLO c.test\r\n").expectCode(250).send("AUTH PLAIN !!!notbase64\r\n")
                        .expect("501 5.5.2 Cannot decode response: not base64")),
                attack("garbage on the implicit TLS port", new Script().onTlsPort()
                        .send("GET / HTTP/1.0\r\n\r\n" + "\u0016\u0003\u0001garbage".repeat(50)).closed()),
                attack("a connection dropped in the middle of DATA", new Script().greeted().transaction()
                        .send("DATA\r\n").expectCode(354).send("Subject: cut\r\n\r\n" + "x".repeat(3 * SPOOL_THRESHOLD)).drop()));
    }

    @TempDir
    Path spool;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostileClient(Case attack) throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        try (TestServer server = new TestServer(hooks, config -> attack.settings().apply(config
                .with(ConfigKey.SMTP_MAX_MESSAGE_SIZE, "1M").with(ConfigKey.SMTP_SPOOL_THRESHOLD, String.valueOf(SPOOL_THRESHOLD))
                .with(ConfigKey.SMTP_SPOOL_DIRECTORY, spool.toString())))) {
            CompletableFuture<Void> normal = attack.concurrent() ? CompletableFuture.runAsync(() -> normalSession(server)) : null;
            attack.script().run(server);
            if (normal == null) {
                normalSession(server);
            } else {
                normal.get(20, TimeUnit.SECONDS);
            }
            List<ObjectNode> hostile = server.published.stream()
                    .filter(message -> !NORMAL_SENDER.equals(message.path("envelope").asText())).toList();
            assertEquals(attack.published(), hostile.size(), "published: " + hostile);
            assertEquals(1, server.published.size() - hostile.size(), "the normal session's message");
            attack.check().accept(hostile, hooks);
            server.awaitNoConnections();
            awaitLeftNothing(server);
        }
    }

    /** The budget is back to zero and the spool directory empty once every connection is gone. */
    private void awaitLeftNothing(TestServer server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            long inflight = server.server.inflight().used();
            List<Path> files;
            try (Stream<Path> list = Files.list(spool)) {
                files = list.toList();
            }
            if (inflight == 0 && files.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("left behind: " + inflight + " in-flight bytes, spool files " + files);
            }
            Thread.sleep(10);
        }
    }

    /** A well-behaved client from 127.0.0.2 sends one message. */
    private static void normalSession(TestServer server) {
        try (RawSmtpClient client = new RawSmtpClient(server.plainPort(), "127.0.0.2")) {
            client.timeout(15_000);
            assertEquals(220, client.reply().code());
            assertEquals(250, client.command("EHLO normal.test").code());
            assertEquals(250, client.command("MAIL FROM:<" + NORMAL_SENDER + ">").code());
            assertEquals(250, client.command("RCPT TO:<rcpt@mx.test>").code());
            assertEquals(354, client.command("DATA").code());
            RawSmtpClient.Reply accepted = client.command("Subject: normal\r\n\r\nfine\r\n.");
            assertEquals(250, accepted.code(), accepted.text());
            assertEquals(221, client.command("QUIT").code());
        } catch (IOException e) {
            throw new AssertionError("the normal session failed", e);
        }
    }

    /** What a hostile client does and the replies it must get, step by step, on one connection. */
    static final class Script {
        interface Step {
            void run(Conversation conversation) throws Exception;
        }

        private final List<Step> steps = new ArrayList<>();
        private boolean tlsPort;

        /** The script's connection goes to the implicit TLS port and starts no handshake. */
        Script onTlsPort() {
            tlsPort = true;
            return this;
        }

        Script greeted() {
            return expect("220 mx.test ESMTP mqkit");
        }

        /** EHLO, MAIL FROM and one RCPT TO, all accepted. */
        Script transaction() {
            return send("EHLO c.test\r\n").expectCode(250).send("MAIL FROM:<a@b.test>\r\n").expectCode(250)
                    .send("RCPT TO:<c@d.test>\r\n").expectCode(250);
        }

        /** DATA, its 354, the body as bytes and the final dot; the reply to the body comes next. */
        Script data(byte[] body) {
            return send("DATA\r\n").expectCode(354).step(c -> {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                bytes.writeBytes(body);
                bytes.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
                c.client.write(bytes.toByteArray());
            });
        }

        Script send(String raw) {
            return step(c -> c.client.write(raw.getBytes(StandardCharsets.ISO_8859_1)));
        }

        /** The next reply, whole, its lines joined with LF. */
        Script expect(String reply) {
            return step(c -> assertEquals(reply, c.client.reply().text()));
        }

        Script expectFirst(String line) {
            return step(c -> assertEquals(line, c.client.reply().lines().get(0)));
        }

        Script expectCode(int code) {
            return step(c -> {
                RawSmtpClient.Reply reply = c.client.reply();
                assertEquals(code, reply.code(), reply.text());
            });
        }

        Script expectRepeated(String reply, int times) {
            return step(c -> {
                for (int i = 0; i < times; i++) {
                    assertEquals(reply, c.client.reply().text(), "reply " + (i + 1));
                }
            });
        }

        Script repeat(String raw, String reply, int times) {
            for (int i = 0; i < times; i++) {
                send(raw).expect(reply);
            }
            return this;
        }

        Script closed() {
            return step(c -> assertTrue(c.client.closedByServer(), "the server should have closed the connection"));
        }

        /** Writes one byte of {@code text} every 100 ms, for at most 3 s, while waiting for the next step's reply. */
        Script trickle(String text) {
            return step(c -> CompletableFuture.runAsync(() -> {
                try {
                    for (char b : text.toCharArray()) {
                        c.client.write(new byte[] {(byte) b});
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException e) {
                    // the server closed the connection: what the step after this one checks
                }
            }));
        }

        Script tls(String protocol) {
            return step(c -> c.client.upgrade(protocol));
        }

        Script renegotiationRefused() {
            return step(c -> {
                try {
                    c.client.renegotiate();
                    fail("renegotiation was allowed; then: " + c.client.reply());
                } catch (IOException refused) {
                    // a handshake failure or a closed connection
                }
            });
        }

        /** Opens another connection from the same address, which must get {@code reply}, then goes on with the first. */
        Script secondConnection(String reply) {
            return step(c -> {
                try (RawSmtpClient second = new RawSmtpClient(c.server.plainPort())) {
                    assertEquals(reply, second.reply().text());
                    assertTrue(second.closedByServer());
                }
            });
        }

        Script startClock() {
            return step(c -> c.started = System.nanoTime());
        }

        Script tookAtLeast(Duration least) {
            return step(c -> assertTrue(System.nanoTime() - c.started >= least.toNanos(),
                    "took " + (System.nanoTime() - c.started) / 1_000_000 + " ms, expected at least " + least));
        }

        /** The client goes away without a word. */
        Script drop() {
            return step(c -> c.client.close());
        }

        private Script step(Step step) {
            steps.add(step);
            return this;
        }

        void run(TestServer server) throws Exception {
            try (RawSmtpClient client = new RawSmtpClient(tlsPort ? server.tlsPort() : server.plainPort())) {
                Conversation conversation = new Conversation(server, client);
                for (Step step : steps) {
                    step.run(conversation);
                }
            }
        }
    }

    /** The state of one script's run. */
    static final class Conversation {
        final TestServer server;
        final RawSmtpClient client;
        long started;

        Conversation(TestServer server, RawSmtpClient client) {
            this.server = server;
            this.client = client;
        }
    }
}
