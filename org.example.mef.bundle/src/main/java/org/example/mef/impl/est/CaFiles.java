package org.example.mef.impl.est;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

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

    /**
     * The DN {@code CN=<value>}, built as one RDN rather than parsed from a string: an identifier holding a backslash,
     * a quote or a NUL came out of RFC 4514 escaping and parsing as another name (a review found 1,377 of 20,000).
     */
    static X500Name commonName(String value) {
        // as a UTF8String (a DirectoryString, RFC 5280 4.1.2.4), not through BCStyle's string form: it reads a value
        // starting with '#' as hex-encoded BER
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, new DERUTF8String(value)).build();
    }
}
