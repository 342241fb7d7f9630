package org.example.mef.impl.est;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.est.AttrOrOID;
import org.bouncycastle.asn1.est.CsrAttrs;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.example.tef.api.wire.HttpResponseMessage;

/**
 * The EST message formats of RFC 7030 the MEF's EST server speaks, built with Bouncy Castle: certs-only CMC Simple PKI
 * Responses (4.1.3, 4.2.3), CSR attributes (4.5.2), the server-generated key answer (4.4.2), and base64 bodies
 * (RFC 7030 4; RFC 8951 3: base64 whatever Content-Transfer-Encoding says, so that header is sent and not relied on).
 */
final class EstWire {
    static final String PKCS7 = "application/pkcs7-mime";
    static final String CERTS_ONLY = "application/pkcs7-mime; smime-type=certs-only";
    static final String CSR_ATTRS = "application/csrattrs";
    static final String PKCS10 = "application/pkcs10";
    static final String PKCS8 = "application/pkcs8";
    private static final byte[] CRLF = {'\r', '\n'};
    private static final SecureRandom RANDOM = new SecureRandom();

    private EstWire() {}

    /** A base64 (RFC 2045 lines) answer with Content-Transfer-Encoding: base64. */
    static HttpResponseMessage base64(String contentType, byte[] der) {
        return HttpResponseMessage.of(200, contentType, mime(der)).withHeader("Content-Transfer-Encoding", "base64");
    }

    /** A certs-only CMC Simple PKI Response: a degenerate SignedData with the certificates and no signers (RFC 5272 4.1). */
    static byte[] certsOnly(List<X509Certificate> certificates) throws IOException {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addCertificates(new JcaCertStore(certificates));
            return generator.generate(new CMSAbsentContent()).toASN1Structure().getEncoded(ASN1Encoding.DER); // DER, as OpenSSL writes it
        } catch (CertificateEncodingException | CMSException e) {
            throw new IOException("cannot build the certs-only response: " + e.getMessage(), e);
        }
    }

    /**
     * The CSR attributes (RFC 7030 4.5.2) the CSR profile of TS-0003 10.1.4 needs: the signature algorithm
     * (ecdsa-with-SHA256, 10.2.3), the key type and curve (id-ecPublicKey with secp256r1), and, for each subject the
     * client may enrol for now, the extensionRequest with the subjectAltName that names it (the identity attribute of
     * 8.3.6.2.2 step 2). No challengePassword: linking identity and proof-of-possession with tls-unique (RFC 7030 3.5)
     * is optional (8.3.6.2.1 and its NOTE 2) and not supported here.
     */
    static byte[] csrAttrs(List<CertSubject> subjects) throws IOException {
        List<AttrOrOID> attributes = new ArrayList<>();
        attributes.add(new AttrOrOID(X9ObjectIdentifiers.ecdsa_with_SHA256));
        attributes.add(new AttrOrOID(new Attribute(X9ObjectIdentifiers.id_ecPublicKey, new DERSet(SECObjectIdentifiers.secp256r1))));
        for (CertSubject subject : subjects) {
            Extensions san = new Extensions(new Extension(Extension.subjectAlternativeName, false,
                    new GeneralNames(subject.subjectAltName()).getEncoded()));
            attributes.add(new AttrOrOID(new Attribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, new DERSet(san))));
        }
        return new CsrAttrs(attributes.toArray(AttrOrOID[]::new)).getEncoded(ASN1Encoding.DER);
    }

    /**
     * The serverkeygen answer (RFC 7030 4.4.2): multipart/mixed with the private key (application/pkcs8, unencrypted:
     * the TLS session protects it, 4.4.2 allows it) and then the certificate (certs-only), each base64.
     */
    static HttpResponseMessage keyAndCertificate(PrivateKey key, X509Certificate certificate) throws IOException {
        String boundary = "est-" + HexFormat.of().formatHex(randomBytes());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, PKCS8, key.getEncoded());
        part(body, boundary, CERTS_ONLY, certsOnly(List.of(certificate)));
        body.writeBytes(("--" + boundary + "--").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(CRLF);
        return HttpResponseMessage.of(200, "multipart/mixed; boundary=" + boundary, body.toByteArray());
    }

    private static void part(ByteArrayOutputStream body, String boundary, String contentType, byte[] der) {
        body.writeBytes(("--" + boundary + "\r\nContent-Type: " + contentType + "\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(mime(der));
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return b;
    }

    /**
     * A CSR from a request body: base64 of the DER PKCS#10 (RFC 7030 4.2.1), line breaks allowed; PEM armor lines, which
     * some clients add, are skipped.
     *
     * @throws EstRefusal 400 when it is not one
     */
    static PKCS10CertificationRequest csr(byte[] body) throws EstRefusal {
        StringBuilder base64 = new StringBuilder();
        for (String line : new String(body, StandardCharsets.US_ASCII).split("\r?\n")) {
            if (!line.startsWith("-----")) base64.append(line.trim());
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(base64.toString());
            if (der.length == 0) throw new EstRefusal(EstRefusal.BAD_REQUEST, "the request has no CSR: its body is empty");
            return new PKCS10CertificationRequest(der);
        } catch (IllegalArgumentException | IOException | IllegalStateException | ClassCastException e) {
            throw new EstRefusal(EstRefusal.BAD_REQUEST, "the body is not a base64 DER PKCS#10 certification request (RFC 7030 4.2.1): "
                    + e.getMessage(), e);
        }
    }

    private static byte[] mime(byte[] der) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Base64.getMimeEncoder(76, CRLF).encode(der));
        out.writeBytes(CRLF);
        return out.toByteArray();
    }
}
