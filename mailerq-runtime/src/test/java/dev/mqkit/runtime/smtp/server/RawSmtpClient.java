package dev.mqkit.runtime.smtp.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A plain socket SMTP client for tests: writes raw bytes, reads replies line by line. */
public final class RawSmtpClient implements AutoCloseable {

    /** One (maybe multi-line) reply. */
    public record Reply(int code, List<String> lines) {
        public String text() {
            return String.join("\n", lines);
        }

        /** The first line without its code, e.g. "5.5.1 Command unrecognized". */
        public String first() {
            return lines.get(0).substring(4);
        }

        @Override
        public String toString() {
            return text();
        }
    }

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public RawSmtpClient(int port) throws IOException {
        this(new Socket("127.0.0.1", port));
    }

    /** Connects from {@code localAddress} (another loopback address such as 127.0.0.2), or any when null. */
    public RawSmtpClient(int port, String localAddress) throws IOException {
        this(localAddress == null ? new Socket("127.0.0.1", port)
                : new Socket(java.net.InetAddress.getByName("127.0.0.1"), port, java.net.InetAddress.getByName(localAddress), 0));
    }

    /** A client of the server at host ("127.0.0.1", "::1") and port. */
    public RawSmtpClient(String host, int port) throws IOException {
        this(new Socket(host, port));
    }

    private RawSmtpClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public static RawSmtpClient implicitTls(int port) throws IOException {
        RawSmtpClient client = new RawSmtpClient(port);
        client.upgrade();
        return client;
    }

    /** The client side's port of the connection. */
    public int localPort() {
        return socket.getLocalPort();
    }

    public void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** Writes the text as it is (give the CRLFs yourself). */
    public void write(String raw) throws IOException {
        write(raw.getBytes(StandardCharsets.UTF_8));
    }

    public void write(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    /** Writes one line and CRLF. */
    public void line(String line) throws IOException {
        write(line + "\r\n");
    }

    /** Sends a command and returns its reply. */
    public Reply command(String line) throws IOException {
        line(line);
        return reply();
    }

    public Reply reply() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new IOException("connection closed while waiting for a reply; got " + lines);
            }
            lines.add(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return new Reply(Integer.parseInt(line.substring(0, 3)), lines);
            }
        }
    }

    /** True when the server closed the connection (reads end of stream). */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }

    /** Starts TLS on the open socket (after a 220 to STARTTLS, or at once on an implicit TLS port), trusting any certificate. */
    public void upgrade() throws IOException {
        upgrade("TLS");
    }

    /** Starts TLS with the given protocol ("TLSv1.2" for a handshake that can be renegotiated). */
    public void upgrade(String protocol) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance(protocol);
            context.init(null, new TrustManager[] {TRUST_ALL}, null);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
            tls.setUseClientMode(true);
            if (!"TLS".equals(protocol)) {
                tls.setEnabledProtocols(new String[] {protocol});
            }
            tls.startHandshake();
            socket = tls;
            in = tls.getInputStream();
            out = tls.getOutputStream();
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** A second handshake on a TLS connection: a client-initiated renegotiation. */
    public void renegotiate() throws IOException {
        SSLSocket tls = (SSLSocket) socket;
        tls.startHandshake();
        // the JDK renegotiates on the next exchange of records
        out.write("NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static final X509TrustManager TRUST_ALL = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };
}
