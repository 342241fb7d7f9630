package org.example.mef.impl.est;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * How the MEF CA's files are read and encoded: PEM (RFC 7468). They are written by the mvstore bundle's
 * {@link org.example.onem2m.mvstore.AtomicFiles} (temporary name, forced, moved atomically, directory forced; key files
 * and the directories made for them owner-only), as the MEF Client's certificate files are.
 */
final class CaFiles {

    private CaFiles() {}

    static byte[] pem(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] readPem(Path file, String type) throws IOException {
        try (PemReader reader = new PemReader(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
            PemObject object = reader.readPemObject();
            if (object == null || !type.equals(object.getType())) throw new IOException(file + " holds no PEM " + type);
            return object.getContent();
        }
    }

    static X509Certificate certificate(byte[] der) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    /** Escapes the RFC 4514 special characters of a value put into a DN string. */
    static String escape(String value) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (",+\"\\<>;=#".indexOf(c) >= 0 || (c == ' ' && (i == 0 || i == value.length() - 1))) b.append('\\');
            b.append(c);
        }
        return b.toString();
    }
}
