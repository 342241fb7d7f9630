package org.example.mef.impl.client.est;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.est.CsrAttrs;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.example.mef.impl.client.est.EstConnection.Answer;
import org.example.mef.impl.est.CertSubject;

/**
 * The content of the EST messages (RFC 7030 4.1-4.5) with Bouncy Castle's CMS and PKCS#10 classes: the certs-only CMS
 * SignedData of /cacerts and /simpleenroll answers, the CsrAttrs of /csrattrs, the CSR (TS-0003 10.1.4: the subject's
 * identifier as the one subjectAltName; SHA256withECDSA, the mandatory suite's signature of 10.2.3), and the checks of
 * the issued certificate. Bodies are base64 (RFC 7030 4.1.3, 4.2.3, 4.5.2; RFC 8951: whatever the
 * Content-Transfer-Encoding header says). Anything the server answered that does not pass is a server-side failure.
 */
public final class EstMessages {
    public static final String PKCS7_MIME = "application/pkcs7-mime";
    public static final String CSR_ATTRS = "application/csrattrs";
    public static final String PKCS10 = "application/pkcs10";
    /** How many certificates up from the issued one the chain to a /cacerts certificate may run. */
    private static final int MAX_CHAIN = 5;

    private EstMessages() {}

    /** The certificates of a certs-only answer (RFC 7030 4.1.3 /cacerts, 4.2.3 /simpleenroll); at least one. */
    public static List<X509Certificate> certsOnly(Answer answer, String what) throws EstFailure {
        requireOk(answer, what);
        if (!PKCS7_MIME.equals(answer.mediaType())) {
            throw EstFailure.server(what + " answered " + answer.mediaType() + ", not " + PKCS7_MIME + " (RFC 7030 4.1.3, 4.2.3)");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            Collection<X509CertificateHolder> holders = new CMSSignedData(base64(answer, what)).getCertificates().getMatches(null);
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (X509CertificateHolder h : holders) certificates.add(converter.getCertificate(h));
        } catch (CMSException | CertificateException | RuntimeException e) {
            throw EstFailure.server(what + " answered no certs-only CMS SignedData: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) throw EstFailure.server(what + " answered a CMS SignedData without certificates");
        return certificates;
    }

    /** RFC 7030 4.5.2: the attributes asked for; none when the server has none (204, 404). */
    public static CsrAttrs csrAttributes(Answer answer) throws EstFailure {
        if (answer.status() == 204 || answer.status() == 404) return CsrAttrs.getInstance(new org.bouncycastle.asn1.DERSequence());
        requireOk(answer, "GET csrattrs");
        if (!CSR_ATTRS.equals(answer.mediaType())) throw EstFailure.server("GET csrattrs answered " + answer.mediaType() + ", not " + CSR_ATTRS);
        byte[] der = base64(answer, "GET csrattrs");
        if (der.length == 0) return CsrAttrs.getInstance(new org.bouncycastle.asn1.DERSequence());
        try {
            return CsrAttrs.getInstance(der);
        } catch (RuntimeException e) {
            throw EstFailure.server("GET csrattrs answered no CsrAttrs: " + e.getMessage(), e);
        }
    }

    /** 200, or a refusal with the server's text/plain reason (RFC 7030 4.2.3). */
    static void requireOk(Answer answer, String what) throws EstFailure {
        if (answer.status() == 200) return;
        String reason = "text/plain".equals(answer.mediaType()) && answer.body().length > 0 ? ": " + shorten(answer.text()) : "";
        throw EstFailure.server(what + " was answered HTTP " + answer.status() + reason);
    }

    private static byte[] base64(Answer answer, String what) throws EstFailure {
        try {
            return Base64.getMimeDecoder().decode(answer.body());
        } catch (IllegalArgumentException e) {
            throw EstFailure.server(what + " answered a body that is not base64: " + e.getMessage(), e);
        }
    }

    /** The CSR of TS-0003 10.1.4 for {@code subject}: CN and the one subjectAltName name it; signed SHA256withECDSA. */
    public static PKCS10CertificationRequest csr(KeyPair keys, CertSubject subject) throws EstFailure {
        try {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(subject.subjectAltName()));
            return new JcaPKCS10CertificationRequestBuilder(new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, subject.id()).build(),
                    keys.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
        } catch (OperatorCreationException | java.io.IOException e) {
            throw EstFailure.client("the CSR cannot be made: " + e.getMessage(), e);
        }
    }

    /** The body of a /simpleenroll or /simplereenroll request (RFC 7030 4.2.1): the CSR's DER in base64. */
    public static String base64(PKCS10CertificationRequest csr) throws EstFailure {
        try {
            return Base64.getEncoder().encodeToString(csr.getEncoded());
        } catch (java.io.IOException e) {
            throw EstFailure.client("the CSR cannot be encoded: " + e.getMessage(), e);
        }
    }

    /**
     * The issued certificate and the intermediates up to a /cacerts certificate (8.3.6.2.2 NOTE 3: the client validates
     * the path): the answer's certificate of the CSR's key, valid at {@code now}, signed by a /cacerts certificate
     * directly or through certificates of the same answer.
     */
    public static List<X509Certificate> issuedChain(List<X509Certificate> answered, PublicKey key, List<X509Certificate> caCertificates,
                                                    Instant now) throws EstFailure {
        X509Certificate issued = answered.stream().filter(c -> Arrays.equals(c.getPublicKey().getEncoded(), key.getEncoded())).findFirst()
                .orElseThrow(() -> EstFailure.server("the enrolment answer holds no certificate of the CSR's key"));
        if (!issued.getNotAfter().toInstant().isAfter(now)) {
            throw EstFailure.server("the issued certificate expired at " + issued.getNotAfter().toInstant());
        }
        Set<X509Certificate> candidates = new LinkedHashSet<>(answered);
        candidates.addAll(caCertificates);
        List<X509Certificate> chain = new ArrayList<>(List.of(issued));
        X509Certificate current = issued;
        for (int i = 0; i < MAX_CHAIN; i++) {
            X509Certificate issuer = issuerOf(current, candidates);
            if (issuer == null) break;
            if (caCertificates.contains(issuer)) return chain;
            chain.add(issuer);
            current = issuer;
        }
        throw EstFailure.server("the issued certificate " + issued.getSubjectX500Principal() + " does not chain to a certificate of /cacerts");
    }

    /**
     * The issued certificate names the subject the command asked for, as its one URI subjectAltName (TS-0003 10.1.4): a
     * certificate filed under the subject must be the subject's (review finding: it was not checked).
     */
    public static void requireSubject(X509Certificate issued, CertSubject subject) throws EstFailure {
        List<String> uris = new ArrayList<>();
        try {
            Collection<List<?>> names = issued.getSubjectAlternativeNames();
            if (names != null) for (List<?> n : names) if ((Integer) n.get(0) == 6) uris.add((String) n.get(1));
        } catch (CertificateException e) {
            throw EstFailure.server("the issued certificate's subjectAltName is unreadable: " + e.getMessage(), e);
        }
        if (!uris.equals(List.of(subject.uri()))) {
            throw EstFailure.server("the issued certificate names " + uris + ", not " + subject.uri() + " (TS-0003 10.1.4)");
        }
    }

    private static X509Certificate issuerOf(X509Certificate c, Set<X509Certificate> candidates) {
        for (X509Certificate candidate : candidates) {
            if (candidate.equals(c) || !candidate.getSubjectX500Principal().equals(c.getIssuerX500Principal())) continue;
            try {
                c.verify(candidate.getPublicKey());
                return candidate;
            } catch (GeneralSecurityException notThisOne) {
                // another of the same name may have signed it
            }
        }
        return null;
    }

    private static String shorten(String s) { return s.length() <= 200 ? s : s.substring(0, 200) + "..."; }
}
