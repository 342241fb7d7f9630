package org.example.tef.core.certificates;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Certificates and private keys from PEM files (RFC 7468) as OpenSSL writes them, read with Bouncy Castle's
 * PEMParser. Objects of other kinds are skipped, so one file may hold a certificate and its key. Every failure is
 * an {@link IllegalArgumentException} naming the setting and the file.
 */
public final class PemFiles {
    private PemFiles() {}

    /** Every certificate in the file, in file order; at least one. */
    public static List<X509Certificate> certificates(String setting, Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object o : objects(setting, file)) {
            if (!(o instanceof X509CertificateHolder)) continue;
            try {
                certificates.add(converter.getCertificate((X509CertificateHolder) o));
            } catch (CertificateException e) {
                throw fault(setting, file, "certificate " + (certificates.size() + 1) + " cannot be read: " + e.getMessage());
            }
        }
        if (certificates.isEmpty()) throw fault(setting, file, "holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        return certificates;
    }

    /**
     * The one unencrypted private key in the file: PKCS#8 (BEGIN PRIVATE KEY) or SEC 1 (BEGIN EC PRIVATE KEY).
     *
     * @since 1.1
     */
    public static PrivateKey privateKey(String setting, Path file) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        List<PrivateKey> keys = new ArrayList<>();
        for (Object o : objects(setting, file)) {
            try {
                // A SEC 1 key may lack its public key, so only the private half of the pair is converted.
                if (o instanceof PEMKeyPair) keys.add(converter.getPrivateKey(((PEMKeyPair) o).getPrivateKeyInfo()));
                else if (o instanceof PrivateKeyInfo) keys.add(converter.getPrivateKey((PrivateKeyInfo) o));
                else if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw fault(setting, file, "holds an encrypted private key; an unencrypted one is read (protect the file by its permissions)");
                }
            } catch (IOException e) {
                throw fault(setting, file, "holds a private key that cannot be read: " + e.getMessage());
            }
        }
        if (keys.isEmpty()) throw fault(setting, file, "holds no PEM private key (-----BEGIN PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----)");
        if (keys.size() > 1) throw fault(setting, file, "holds " + keys.size() + " private keys; give the function's own one alone");
        return keys.get(0);
    }

    /**
     * The PEM text (US-ASCII) of a private key (PKCS#8, as {@code getEncoded} gives it), if any, and then of the
     * certificates in order: what {@link #privateKey} and {@link #certificates} read back.
     *
     * @param keyOrNull the key, or null for certificates only
     * @since 1.2
     */
    public static byte[] pem(PrivateKey keyOrNull, List<X509Certificate> certificates) {
        java.io.StringWriter text = new java.io.StringWriter();
        try (org.bouncycastle.util.io.pem.PemWriter writer = new org.bouncycastle.util.io.pem.PemWriter(text)) {
            if (keyOrNull != null) writer.writeObject(new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", keyOrNull.getEncoded()));
            for (X509Certificate c : certificates) writer.writeObject(new org.bouncycastle.util.io.pem.PemObject("CERTIFICATE", c.getEncoded()));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("a certificate cannot be encoded: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static List<Object> objects(String setting, Path file) {
        List<Object> objects = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
            for (Object o; (o = parser.readObject()) != null; ) objects.add(o);
        } catch (NoSuchFileException e) {
            throw fault(setting, file, "does not exist");
        } catch (IOException | RuntimeException e) {
            throw fault(setting, file, "is not a readable PEM file: " + e.getMessage());
        }
        return objects;
    }

    static IllegalArgumentException fault(String setting, Path file, String what) {
        return new IllegalArgumentException(setting + " " + file.toAbsolutePath() + ": " + what);
    }
}
