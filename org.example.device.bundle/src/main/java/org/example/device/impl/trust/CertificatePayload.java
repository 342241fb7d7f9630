package org.example.device.impl.trust;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The payload of the HTTPS GET of TS-0003 8.3.9.9.7 as certificates: DER (one certificate, or a PKCS#7 certs-only
 * bundle: what {@link CertificateFactory#generateCertificates} reads), or PEM with one or more CERTIFICATE blocks
 * (RFC 7468; text around the blocks is ignored, as in an OpenSSL bundle). Every certificate is returned, so that the
 * caller picks the one matching certFingerprint rather than the first.
 */
final class CertificatePayload {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN (X509 )?CERTIFICATE-----([A-Za-z0-9+/=\\s]*)-----END (X509 )?CERTIFICATE-----");
    private static final byte[] PEM_MARK = "-----BEGIN".getBytes(StandardCharsets.US_ASCII);

    private CertificatePayload() {}

    static List<X509Certificate> parse(byte[] payload) throws CertificateException {
        if (payload == null || payload.length == 0) throw new CertificateException("the payload is empty");
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        if (indexOf(payload, PEM_MARK) >= 0) {
            Matcher block = PEM.matcher(new String(payload, StandardCharsets.US_ASCII));
            while (block.find()) {
                byte[] der;
                try {
                    der = Base64.getMimeDecoder().decode(block.group(2));
                } catch (IllegalArgumentException e) {
                    throw new CertificateException("a PEM CERTIFICATE block is not valid base64: " + e.getMessage(), e);
                }
                out.add(x509(factory.generateCertificate(new ByteArrayInputStream(der))));
            }
            if (out.isEmpty()) throw new CertificateException("the PEM payload has no CERTIFICATE block");
            return out;
        }
        for (Certificate c : factory.generateCertificates(new ByteArrayInputStream(payload))) out.add(x509(c));
        if (out.isEmpty()) throw new CertificateException("the payload holds no certificate");
        return out;
    }

    private static X509Certificate x509(Certificate c) throws CertificateException {
        if (c instanceof X509Certificate) return (X509Certificate) c;
        throw new CertificateException("not an X.509 certificate: " + c.getType());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
