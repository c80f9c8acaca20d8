package dev.mqkit.harness;

import dev.mqkit.smtp.DotStuffing;
import dev.mqkit.smtp.SaslCredentials;
import dev.mqkit.smtp.SmtpReply;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A plain-socket SMTP client for tests: every command returns the server's
 * {@link Reply}, 4xx and 5xx included (it never throws for them); a timeout
 * or a closed connection is a reply with code -1. Records a transcript of
 * everything said ({@code C:} client, {@code S:} server), which assertion
 * failures show. STARTTLS and implicit TLS trust any certificate. A reply
 * that no command asked for (a plugin that wrote one with MQ_SmtpSend) fails
 * the test with an {@link UnsolicitedReplyError}, found before the next
 * command, after QUIT or on {@link #close()}.
 *
 * <pre>{@code
 * try (SmtpClient smtp = SmtpClient.connect("127.0.0.1", port)) {
 *     smtp.ehlo("client.example");
 *     smtp.startTls();
 *     smtp.ehlo("client.example");
 *     smtp.authPlain("user", "secret");
 *     Reply reply = smtp.send("from@example.com", List.of("to@example.org"), mime);
 * }
 * }</pre>
 */
public final class SmtpClient implements AutoCloseable {

    private static final long CLOSING_WAIT_MILLIS = 100;
    /** How long TLS may take to read records that are in the kernel's buffer, and how many it may read. */
    private static final int TLS_RECORD_WAIT_MILLIS = 200;
    private static final int TLS_RECORDS_PROBED = 4;

    private final String host;
    private final int port;
    private final Duration timeout;
    private final List<String> transcript = new ArrayList<>();
    /** The TCP socket under TLS, whose kernel buffer tells whether a reply waits that TLS has not read yet. */
    private Socket tcp;
    private Socket socket;
    private String lastCommand = "the greeting";
    /** A reply that did not come in time may still come: after that, no reply counts as unsolicited. */
    private boolean timedOut;
    private Supplier<String> whoSentIt = () -> "";
    private InputStream in;
    private OutputStream out;
    private boolean connected;
    private Reply greeting;

    private SmtpClient(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeout = timeout;
    }

    /** Connects and reads the greeting (see {@link #greeting()}); waits up to 30 s for each reply. */
    public static SmtpClient connect(String host, int port) {
        return connect(host, port, false, Duration.ofSeconds(30));
    }

    /**
     * Connects, TLS from the start when {@code tls} (a smtp-secure-port), and reads
     * the greeting; {@code timeout} bounds each reply.
     */
    public static SmtpClient connect(String host, int port, boolean tls, Duration timeout) {
        SmtpClient client = new SmtpClient(host, port, timeout);
        try {
            client.socket = new Socket();
            client.tcp = client.socket;
            client.socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            client.socket.setSoTimeout((int) timeout.toMillis());
            if (tls) {
                client.socket = client.upgrade(client.socket);
            }
            client.streams();
            client.connected = true;
            client.note("* connected to " + host + ":" + port + (tls ? " with TLS" : ""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + host + ":" + port, e);
        }
        client.greeting = client.read();
        return client;
    }

    private void streams() throws IOException {
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    private Socket upgrade(Socket plain) throws IOException {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
            SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true);
            secure.setSoTimeout((int) timeout.toMillis());
            secure.startHandshake();
            return secure;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e, e);
        }
    }

    /** The server's greeting. */
    public Reply greeting() {
        return greeting;
    }

    /** Whether TLS is on. */
    public boolean isSecure() {
        return socket instanceof SSLSocket;
    }

    /** Whether the connection is still open as far as the client knows. */
    public boolean isConnected() {
        return connected;
    }

    public Reply ehlo(String name) {
        return command("EHLO " + name);
    }

    public Reply helo(String name) {
        return command("HELO " + name);
    }

    /** STARTTLS; on 220 the connection is TLS afterwards (send EHLO again). */
    public Reply startTls() {
        Reply reply = command("STARTTLS");
        if (reply.code() == 220) {
            try {
                socket = upgrade(socket);
                streams();
                note("* TLS " + ((SSLSocket) socket).getSession().getProtocol());
            } catch (IOException e) {
                connected = false;
                note("* TLS handshake failed: " + e.getMessage());
                return Reply.none(this, "TLS handshake failed: " + e.getMessage());
            }
        }
        return reply;
    }

    /** AUTH PLAIN with an initial response. */
    public Reply authPlain(String login, String password) {
        return command("AUTH PLAIN " + new SaslCredentials(login, password).plainResponse(),
                "AUTH PLAIN <" + login + ", password>");
    }

    /** AUTH LOGIN: the login and password as answers to the server's 334 challenges. */
    public Reply authLogin(String login, String password) {
        Reply reply = command("AUTH LOGIN");
        if (reply.code() != 334) {
            return reply;
        }
        String encodedLogin = SaslCredentials.encode(login);
        reply = command(encodedLogin, encodedLogin + " <login " + login + ">");
        if (reply.code() != 334) {
            return reply;
        }
        return command(SaslCredentials.encode(password), "<password>");
    }

    public Reply mailFrom(String address) {
        return command("MAIL FROM:<" + address + ">");
    }

    public Reply rcptTo(String address) {
        return command("RCPT TO:<" + address + ">");
    }

    /**
     * DATA and, after 354, the MIME (line ends made CRLF, dot-stuffed) and the
     * final dot; the reply to the message, or to DATA when that was refused.
     */
    public Reply data(String mime) {
        Reply reply = command("DATA");
        if (reply.code() != 354) {
            return reply;
        }
        byte[] bytes = DotStuffing.stuffWithEnd(mime.getBytes(StandardCharsets.UTF_8));
        note("C: <" + bytes.length + " bytes of message>");
        note("C: .");
        return write(bytes) ? read() : Reply.none(this, "connection lost while sending the message");
    }

    /**
     * MAIL FROM, RCPT TO for each recipient, DATA: stops at the first refusal and
     * returns that reply; else the reply to the message. Recipients the server
     * refuses are skipped unless all are.
     */
    public Reply send(String from, List<String> recipients, String mime) {
        Reply reply = mailFrom(from);
        if (!reply.isPositive()) {
            return reply;
        }
        Reply accepted = null;
        for (String recipient : recipients) {
            Reply rcpt = rcptTo(recipient);
            if (rcpt.isPositive()) {
                accepted = rcpt;
            } else {
                reply = rcpt;
            }
        }
        if (accepted == null) {
            command("RSET");
            return reply;
        }
        return data(mime);
    }

    public Reply rset() {
        return command("RSET");
    }

    public Reply noop() {
        return command("NOOP");
    }

    /** QUIT; the connection is closed afterwards. A reply after QUIT's is one no command asked for. */
    public Reply quit() {
        Reply reply = command("QUIT");
        try {
            refuseUnsolicited(Duration.ofMillis(Math.min(timeout.toMillis(), 1000)));
        } finally {
            closeSocket();
        }
        return reply;
    }

    /** Sends one command line and reads the reply. */
    public Reply command(String line) {
        return command(line, line);
    }

    private Reply command(String line, String shown) {
        if (!connected) {
            note("C: " + shown + "   (not sent: not connected)");
            return Reply.none(this, "not connected");
        }
        refuseUnsolicited(Duration.ZERO);
        lastCommand = shown;
        note("C: " + shown);
        if (!write((line + "\r\n").getBytes(StandardCharsets.UTF_8))) {
            return Reply.none(this, "connection lost while sending");
        }
        return read();
    }

    private boolean write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException e) {
            connected = false;
            note("* write failed: " + e.getMessage());
            return false;
        }
    }

    private Reply read() {
        List<String> lines = new ArrayList<>();
        try {
            while (true) {
                String line = readLine();
                if (line == null) {
                    connected = false;
                    note("* connection closed by the server");
                    return Reply.none(this, lines.isEmpty() ? "connection closed by the server"
                            : "connection closed in the middle of a reply");
                }
                note("S: " + line);
                lines.add(line);
                if (!SmtpReply.continues(line)) {
                    return Reply.of(this, SmtpReply.parse(lines));
                }
            }
        } catch (SocketTimeoutException e) {
            timedOut = true;
            note("* no reply within " + timeout.toMillis() + " ms");
            return Reply.none(this, "no reply within " + timeout.toMillis() + " ms");
        } catch (IllegalArgumentException e) {
            return Reply.none(this, "malformed reply: " + e.getMessage());
        } catch (IOException e) {
            connected = false;
            note("* read failed: " + e.getMessage());
            return Reply.none(this, "read failed: " + e.getMessage());
        }
    }

    /**
     * Fails with {@link UnsolicitedReplyError} when the server sends a reply within {@code wait} (zero: one
     * that has already arrived) although no command is waiting for one, e.g. after a test read the reply
     * it expected and before it sends the next command.
     */
    public void assertNoUnsolicitedReply(Duration wait) {
        refuseUnsolicited(wait);
    }

    private void refuseUnsolicited(Duration wait) {
        if (!connected || timedOut || (wait.isZero() && !replyWaiting())) {
            return;
        }
        List<String> lines = new ArrayList<>();
        try {
            // a reply that has begun to arrive is given the usual time to end
            socket.setSoTimeout((int) Math.max(1, wait.isZero() ? timeout.toMillis() : wait.toMillis()));
            String line;
            while ((line = readLine()) != null) {
                lines.add(line);
                if (!SmtpReply.continues(line)) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            // nothing more came
        } catch (IOException e) {
            connected = false;
        } finally {
            try {
                socket.setSoTimeout((int) timeout.toMillis());
            } catch (IOException e) {
                connected = false;
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        lines.forEach(line -> note("S: " + line + "   (no command asked for this reply)"));
        String reply = String.join(" / ", lines);
        String who = whoSentIt.get();
        throw new UnsolicitedReplyError(reply, "the server sent a reply no command asked for: \"" + reply
                + "\" came after the reply to " + lastCommand + " had been read, so the client received more replies "
                + "than it sent commands and every later reply answers the command before it"
                + (who.isEmpty() ? "" : "\n" + who), transcript());
    }

    /**
     * Whether a reply has begun to arrive that no read took yet. Under TLS the kernel's buffer also holds records
     * that are no reply: a TLS 1.3 server sends its session tickets after the client's side of the handshake is
     * over, so they may arrive after {@link #startTls()} returned. TLS reads those here, with a short wait, so
     * that a ticket is not taken for the start of a reply and the whole timeout spent waiting for the rest.
     */
    private boolean replyWaiting() {
        try {
            if (in.available() > 0) {
                return true;
            }
            for (int records = 0; tcp != socket && records < TLS_RECORDS_PROBED
                    && tcp.getInputStream().available() > 0; records++) {
                socket.setSoTimeout(TLS_RECORD_WAIT_MILLIS);
                in.mark(1);
                try {
                    int first = in.read();
                    in.reset();
                    return first >= 0;
                } catch (SocketTimeoutException e) {
                    // what arrived was no application data
                } finally {
                    socket.setSoTimeout((int) timeout.toMillis());
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** Who may have sent an unsolicited reply, e.g. from the hook trace; asked only when there was one. */
    void explainUnsolicitedReplies(Supplier<String> explanation) {
        this.whoSentIt = explanation;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            line.write(c);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    private synchronized void note(String line) {
        transcript.add(line);
    }

    /** Everything said so far, one line each: {@code C: ...}, {@code S: ...}, {@code * ...} for events. */
    public synchronized List<String> transcriptLines() {
        return List.copyOf(transcript);
    }

    /** The transcript as text, headed by where the client connected. */
    public String transcript() {
        return "SMTP transcript (" + host + ":" + port + "):\n  " + String.join("\n  ", transcriptLines());
    }

    /**
     * Closes the connection; fails with {@link UnsolicitedReplyError} when a reply no command asked for
     * arrives within 100 ms: MailerQ's own reply may follow a plugin's closely, but not at once.
     */
    @Override
    public void close() {
        try {
            refuseUnsolicited(Duration.ofMillis(Math.min(CLOSING_WAIT_MILLIS, timeout.toMillis())));
        } finally {
            closeSocket();
        }
    }

    private void closeSocket() {
        if (socket != null && !socket.isClosed()) {
            try {
                // closing TLS waits for the server's goodbye, which a server that stopped answering never sends
                (timedOut ? tcp : socket).close();
            } catch (IOException e) {
                // closing anyway
            }
            if (connected) {
                note("* closed by the client");
            }
        }
        connected = false;
    }

    @Override
    public String toString() {
        return transcript();
    }

    /** One SMTP reply: code, enhanced status code (when given) and text. Code -1: no reply (see text). */
    public static final class Reply {
        private final SmtpClient client;
        private final int code;
        private final String enhancedStatus;
        private final List<String> lines;

        private Reply(SmtpClient client, int code, String enhancedStatus, List<String> lines) {
            this.client = client;
            this.code = code;
            this.enhancedStatus = enhancedStatus;
            this.lines = List.copyOf(lines);
        }

        static Reply of(SmtpClient client, SmtpReply reply) {
            return new Reply(client, reply.code(), reply.status() == null ? "" : reply.status(), reply.lines());
        }

        static Reply none(SmtpClient client, String why) {
            return new Reply(client, -1, "", List.of(why));
        }

        /** The reply code, or -1 when there was no reply. */
        public int code() {
            return code;
        }

        /** E.g. {@code 2.1.0}; empty when the server gave none. */
        public String enhancedStatus() {
            return enhancedStatus;
        }

        /** The text of the lines (without code and enhanced status), one per line. */
        public List<String> lines() {
            return lines;
        }

        /** The text, lines joined with a newline. */
        public String text() {
            return String.join("\n", lines);
        }

        /** 2xx or 3xx. */
        public boolean isPositive() {
            return code >= 200 && code < 400;
        }

        public boolean isTransientFailure() {
            return code >= 400 && code < 500;
        }

        public boolean isPermanentFailure() {
            return code >= 500 && code < 600;
        }

        /** The transcript of the connection this reply came on, as it is now. */
        public String transcript() {
            return client.transcript();
        }

        /** The client this reply came on. */
        public SmtpClient client() {
            return client;
        }

        @Override
        public String toString() {
            return (code < 0 ? "(no reply: " + text() + ")"
                    : code + (enhancedStatus.isEmpty() ? "" : " " + enhancedStatus) + " " + text());
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
