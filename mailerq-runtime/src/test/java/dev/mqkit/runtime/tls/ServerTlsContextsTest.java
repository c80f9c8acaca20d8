package dev.mqkit.runtime.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.api.config.ConfigKey;
import dev.mqkit.api.config.RuntimeConfig;
import dev.mqkit.runtime.smtp.server.SmtpServer;
import dev.mqkit.runtime.smtp.server.SmtpServerHooks;
import dev.mqkit.runtime.smtp.server.SmtpServerSettings;
import dev.mqkit.smtp.SelfSignedCertificate;
import dev.mqkit.smtp.ServerTlsContexts;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerTlsContextsTest {
    @TempDir
    Path dir;

    @Test
    void selfSignedCertificateNamesTheHost() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.generate("mx.example.test");
        X509Certificate x509 = certificate.certificate();
        x509.checkValidity();
        x509.verify(x509.getPublicKey());
        assertEquals("CN=mx.example.test", x509.getSubjectX500Principal().getName());
        assertEquals(List.of(2, "mx.example.test"), List.copyOf(x509.getSubjectAlternativeNames().iterator().next()));
    }

    @Test
    void refusesFilesWithoutCertificateOrKeyByName() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
        SelfSignedCertificate certificate = SelfSignedCertificate.generate("mx");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        certificate.writePem(cert, key);
        IllegalArgumentException noKey = assertThrows(IllegalArgumentException.class, () -> ServerTlsContexts.forServer(cert, empty, "mx"));
        assertTrue(noKey.getMessage().contains("no unencrypted PEM private key in " + empty), noKey.getMessage());
        IllegalArgumentException noCert = assertThrows(IllegalArgumentException.class, () -> ServerTlsContexts.forServer(key, key, "mx"));
        assertTrue(noCert.getMessage().contains("no PEM certificate in " + key), noCert.getMessage());
    }

    @Test
    void refusesMissingFilesByName() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ServerTlsContexts.forServer(dir.resolve("none.pem"), dir.resolve("key.pem"), "mx"));
        assertTrue(missing.getMessage().contains("none.pem"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ServerTlsContexts.forServer(dir.resolve("c.pem"), null, "mx"));
    }

    /** A server given PEM files serves exactly that certificate: a client that trusts only it completes the handshake. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void serverUsesTheConfiguredPemFiles(boolean pkcs8) throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.generate("configured.test");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        certificate.writePem(cert, key);
        assertTrue(Files.readString(cert).startsWith("-----BEGIN CERTIFICATE-----"));
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"));
        if (!pkcs8) {
            // the SEC1 form "openssl ecparam -genkey" writes, with the curve named inside
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(certificate.privateKey().getEncoded());
            ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
            ECPrivateKey full = new ECPrivateKey(256, inner.getKey(), info.getPrivateKeyAlgorithm().getParameters());
            StringWriter sec1 = new StringWriter();
            try (PemWriter writer = new PemWriter(sec1)) {
                writer.writeObject(new PemObject("EC PRIVATE KEY", full.getEncoded()));
            }
            Files.writeString(key, sec1.toString());
        }

        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("server", certificate.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, trust.getTrustManagers(), null);

        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        SmtpServer server = new SmtpServer(SmtpServerSettings.from(RuntimeConfig.defaults()
                .with(ConfigKey.SMTP_PORT, "").with(ConfigKey.SMTP_SECURE_PORT, "0")
                .with(ConfigKey.SMTP_CERTIFICATE, cert.toString()).with(ConfigKey.SMTP_PRIVATEKEY, key.toString())
                .with(ConfigKey.SMTP_SHUTDOWN_TIMEOUT, "1s"), "configured.test"),
                SmtpServerHooks.NONE, message -> CompletableFuture.completedFuture(null), workers);
        try {
            int port = server.start().tls().get(0);
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(new Socket("127.0.0.1", port), "configured.test", port, true)) {
                socket.setSoTimeout(5000);
                socket.startHandshake();
                assertEquals(certificate.certificate(), socket.getSession().getPeerCertificates()[0]);
                String greeting = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                assertEquals("220 configured.test ESMTP mqkit", greeting);
            }
        } finally {
            server.close();
            workers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
