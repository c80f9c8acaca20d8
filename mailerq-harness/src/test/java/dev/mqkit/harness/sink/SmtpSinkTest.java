package dev.mqkit.harness.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Talks to the sink over a plain socket, line by line, as a minimal SMTP client. */
class SmtpSinkTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private SmtpSink sink;

    @AfterEach
    void stop() {
        if (sink != null) {
            sink.close();
        }
    }

    private static final class Client implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        Client(int port) throws Exception {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(5000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        /** The full reply (all lines), e.g. "250-a\n250 b". */
        String reply() throws Exception {
            StringBuilder reply = new StringBuilder();
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    return reply.length() == 0 ? null : reply.toString();
                }
                if (reply.length() > 0) {
                    reply.append('\n');
                }
                reply.append(line);
            } while (line.length() > 3 && line.charAt(3) == '-');
            return reply.toString();
        }

        String send(String raw) throws Exception {
            out.write(raw.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return reply();
        }

        String command(String line) throws Exception {
            return send(line + "\r\n");
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    @Test
    void recordsMessageUndoingDotStuffing() throws Exception {
        sink = SmtpSink.start();
        try (Client c = new Client(sink.port())) {
            assertTrue(c.reply().startsWith("220 "));
            String ehlo = c.command("EHLO tester");
            assertTrue(ehlo.contains("250 STARTTLS"), ehlo);
            assertFalse(ehlo.contains("AUTH"), ehlo);
            assertTrue(c.command("MAIL FROM:<from@example.com> BODY=8BITMIME").startsWith("250 "));
            assertTrue(c.command("RCPT TO:<to@example.com>").startsWith("250 "));
            assertTrue(c.command("DATA").startsWith("354 "));
            // a bare LF stays in the body; only CRLF . CRLF ends it, as on the runtime's own server
            assertTrue(c.send("Subject: dots\r\n\r\n..leading dot\r\n...\r\nbare lf\n.\r\nend\r\n.\r\n")
                    .startsWith("250 "));
            assertTrue(c.command("QUIT").startsWith("221 "));
        }
        ReceivedMessage m = sink.awaitMessages(1, WAIT).get(0);
        assertEquals("tester", m.helo());
        assertEquals("from@example.com", m.envelope());
        assertEquals("to@example.com", m.recipient());
        assertEquals("Subject: dots\r\n\r\n.leading dot\r\n..\r\nbare lf\n.\r\nend\r\n", m.mime());
        assertFalse(m.tls());
        assertNull(m.authenticated());
        assertEquals(List.of("EHLO tester", "MAIL FROM:<from@example.com> BODY=8BITMIME", "RCPT TO:<to@example.com>",
                "DATA", "QUIT"), sink.commands());
    }

    @Test
    void authPlainAndLogin() throws Exception {
        sink = SmtpSink.builder().tls(false).credentials("user", "secret").start();
        try (Client c = new Client(sink.port())) {
            c.reply();
            assertTrue(c.command("EHLO t").contains("AUTH PLAIN LOGIN"));
            assertTrue(c.command("MAIL FROM:<a@b>").startsWith("530 "), "AUTH required first");
            String bad = Base64.getEncoder().encodeToString("\0user\0wrong".getBytes(StandardCharsets.UTF_8));
            assertTrue(c.command("AUTH PLAIN " + bad).startsWith("535 "));
            assertTrue(c.command("AUTH LOGIN").startsWith("334 "));
            assertTrue(c.command(Base64.getEncoder().encodeToString("user".getBytes())).startsWith("334 "));
            assertTrue(c.command(Base64.getEncoder().encodeToString("secret".getBytes())).startsWith("235 "));
            c.command("MAIL FROM:<a@b>");
            c.command("RCPT TO:<c@d>");
            c.command("DATA");
            assertTrue(c.send("x\r\n.\r\n").startsWith("250 "));
        }
        ReceivedMessage m = sink.awaitMessages(1, WAIT).get(0);
        assertEquals("user", m.authenticated());
        assertEquals("LOGIN", m.authMechanism());
    }

    @Test
    void scriptedRepliesDelaysAndDrops() throws Exception {
        sink = SmtpSink.start();
        sink.when(Stage.RCPT).times(2).reply(451, "4.3.0 later");
        sink.when(Stage.MESSAGE).times(1).reply(554, "5.7.1 no\nreally not");
        sink.when(Stage.MAIL).times(1).delay(Duration.ofMillis(150));
        try (Client c = new Client(sink.port())) {
            c.reply();
            c.command("HELO t");
            long start = System.nanoTime();
            assertTrue(c.command("MAIL FROM:<a@b>").startsWith("250 "));
            assertTrue(System.nanoTime() - start >= 140_000_000L, "MAIL reply was delayed");
            assertEquals("451 4.3.0 later", c.command("RCPT TO:<c@d>"));
            assertEquals("451 4.3.0 later", c.command("RCPT TO:<c@d>"));
            assertTrue(c.command("RCPT TO:<c@d>").startsWith("250 "), "two times, then normal");
            c.command("DATA");
            assertEquals("554-5.7.1 no\n554 really not", c.send("x\r\n.\r\n"));
            assertTrue(c.command("DATA").startsWith("503 "), "rejected message ends the transaction");
        }
        assertEquals(0, sink.messages().size());

        sink.when(Stage.CONNECT).times(1).drop();
        try (Client c = new Client(sink.port())) {
            assertNull(c.reply(), "connection dropped without greeting");
        }
        try (Client c = new Client(sink.port())) {
            assertTrue(c.reply().startsWith("220 "));
        }
        assertEquals(3, sink.connectionCount());
    }
}
