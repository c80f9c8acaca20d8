package dev.mqkit.smtp;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads a certificate chain and a private key from PEM files as OpenSSL writes them: the key
 * unencrypted as PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1
 * ({@code EC PRIVATE KEY}), as MailerQ's smtp-certificate and smtp-privatekey take them.
 */
final class PemFiles {

    record Loaded(X509Certificate[] chain, PrivateKey privateKey) {
    }

    private PemFiles() {
    }

    /** @throws IllegalArgumentException naming the file that holds no usable certificate or key */
    static Loaded load(Path certificatePem, Path privateKeyPem) {
        List<X509Certificate> chain = new ArrayList<>();
        for (Object object : objects(certificatePem)) {
            if (object instanceof X509CertificateHolder holder) {
                try {
                    chain.add(new JcaX509CertificateConverter().getCertificate(holder));
                } catch (CertificateException e) {
                    throw new IllegalArgumentException("unusable certificate in " + certificatePem + ": " + e.getMessage(), e);
                }
            }
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no PEM certificate in " + certificatePem);
        }
        PrivateKey key = null;
        for (Object object : objects(privateKeyPem)) {
            try {
                if (object instanceof PEMKeyPair pair) {
                    key = new JcaPEMKeyConverter().getPrivateKey(pair.getPrivateKeyInfo());
                } else if (object instanceof PrivateKeyInfo info) {
                    key = new JcaPEMKeyConverter().getPrivateKey(info);
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("unusable private key in " + privateKeyPem + ": " + e.getMessage(), e);
            }
            if (key != null) {
                break;
            }
        }
        if (key == null) {
            throw new IllegalArgumentException("no unencrypted PEM private key in " + privateKeyPem);
        }
        return new Loaded(chain.toArray(X509Certificate[]::new), key);
    }

    private static List<Object> objects(Path file) {
        List<Object> objects = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read PEM file " + file + ": " + e.getMessage(), e);
        }
        return objects;
    }
}
