package org.example.mef.impl.est;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * What the MEF CA does with certificates and names besides signing. Its files are PEM (RFC 7468), written with tef's
 * {@code PemFiles.pem} by the mvstore bundle's {@link org.example.onem2m.mvstore.AtomicFiles} (temporary name, forced,
 * moved atomically, directory forced; key files and the directories made for them owner-only), as the MEF Client's
 * certificate files are, and read back with {@code PemFiles}.
 */
final class CaFiles {

    private CaFiles() {}

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
