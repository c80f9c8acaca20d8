package dev.mqkit.smtp;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * Server-side TLS contexts from PEM files, or from a self-signed certificate made on the spot.
 * Client-initiated renegotiation (TLS 1.2; TLS 1.3 has none) is refused with a handshake failure:
 * it costs the server a handshake per request and serves no SMTP client.
 */
public final class ServerTlsContexts {
    private static final System.Logger LOG = System.getLogger(ServerTlsContexts.class.getName());

    /** The JDK's switch for refusing client-initiated renegotiation. */
    public static final String REJECT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";

    static {
        // read once by the JDK's TLS code when its first server handshake runs, which comes after this
        if (System.getProperty(REJECT_RENEGOTIATION) == null) {
            System.setProperty(REJECT_RENEGOTIATION, "true");
        }
    }

    private ServerTlsContexts() {
    }

    /**
     * The context for {@code certificatePem} and {@code privateKeyPem} (PKCS#8 or PKCS#1), or,
     * when both are null, for a self-signed certificate for {@code hostname}, which is logged.
     *
     * @throws IllegalArgumentException naming the file that is missing or cannot be used
     */
    public static SslContext forServer(Path certificatePem, Path privateKeyPem, String hostname) {
        if (certificatePem == null && privateKeyPem == null) {
            SelfSignedCertificate selfSigned = SelfSignedCertificate.generate(hostname);
            LOG.log(Level.INFO, "No smtp-certificate configured: using a self-signed certificate for {0} (SHA-256 fingerprint {1})",
                    hostname, fingerprint(selfSigned));
            return forServer(selfSigned);
        }
        if (certificatePem == null || privateKeyPem == null) {
            throw new IllegalArgumentException("smtp-certificate and smtp-privatekey must be given together");
        }
        for (Path file : new Path[] {certificatePem, privateKeyPem}) {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("cannot read " + file);
            }
        }
        PemFiles.Loaded loaded = PemFiles.load(certificatePem, privateKeyPem);
        try {
            return SslContextBuilder.forServer(loaded.privateKey(), loaded.chain())
                    .sslProvider(SslProvider.JDK)
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use certificate " + certificatePem + " with key " + privateKeyPem
                    + ": " + e.getMessage(), e);
        }
    }

    public static SslContext forServer(SelfSignedCertificate certificate) {
        try {
            return SslContextBuilder.forServer(certificate.privateKey(), certificate.certificate())
                    .sslProvider(SslProvider.JDK)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot use the self-signed certificate", e);
        }
    }

    private static String fingerprint(SelfSignedCertificate certificate) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(certificate.certificate().getEncoded());
            return java.util.HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (java.security.GeneralSecurityException e) {
            return "unknown";
        }
    }
}
