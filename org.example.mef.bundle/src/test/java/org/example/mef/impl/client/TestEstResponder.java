package org.example.mef.impl.client;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.est.AttrOrOID;
import org.bouncycastle.asn1.est.CsrAttrs;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.example.onem2m.testsupport.TestPki;
import org.example.tef.api.channel.CertificateCredential;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.channel.TlsServerConfig;
import org.example.tef.api.standalone.TefStandalone;
import org.example.tef.api.wire.HttpResponseMessage;

/**
 * Test only: a minimal EST server (RFC 7030) answering the contract the MEF Client's executor speaks, for the client's
 * failure cases the MEF's own EST server never shows (garbage, a 500, a refusal on demand; the real one: MefEstIT,
 * MefCertificateHandshakeTest). TLS-PSK with the client's Kpm or a client certificate of its CA; GET cacerts (certs-only CMS,
 * base64), GET csrattrs (CsrAttrs asking for challengePassword and ecdsa-with-SHA256, base64), POST simpleenroll and
 * simplereenroll (application/pkcs10, base64) answered with a certificate its CA issues to the CSR's key and
 * subjectAltName. No CSR check: the client's CSR is checked by the tests. {@link #enrolAnswer} makes it refuse or answer
 * garbage instead.
 */
final class TestEstResponder implements AutoCloseable {
    /** What the enrolment POST is answered with. */
    enum EnrolAnswer { ISSUE, REFUSE_403, GARBAGE, ERROR_500 }

    /** One request as the server saw it. */
    record Seen(String method, String path, SecureSession.Authentication authentication, String peer, String serverName, String contentType,
                String transferEncoding, byte[] body) {
        PKCS10CertificationRequest csr() throws IOException { return new PKCS10CertificationRequest(Base64.getMimeDecoder().decode(body)); }
    }

    static final String BASE = "/.well-known/est";

    final TestPki pki;
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    volatile EnrolAnswer enrolAnswer = EnrolAnswer.ISSUE;
    volatile Duration validity = Duration.ofDays(90);
    private final Clock clock;
    private final SecureChannels.Server server;

    TestEstResponder(String fqdn, PskCredential psk, Clock clock) throws Exception {
        this.pki = new TestPki(fqdn + " test MEF CA");
        this.clock = clock;
        CertificateCredential serverCredential = pki.server(fqdn).as(CertificateCredential::new);
        server = TefStandalone.secureChannels().listen(TlsServerConfig.builder(fqdn).port(0)
                .psk(id -> id.equals(psk.identity()) ? Optional.of(psk) : Optional.empty())
                .certificate(serverCredential, List.of(pki.ca), chain -> Optional.of(chain.get(0).getSubjectX500Principal().getName()))
                .build(), this::serve);
    }

    int port() { return server.address().getPort(); }

    List<String> requestLines() { return seen.stream().map(s -> s.method() + " " + s.path()).toList(); }

    /** tef's plain-HTTP server loop, as the MEF's EST server uses it; only the answers are this responder's. */
    private void serve(SecureSession session) throws IOException {
        TefStandalone.primitiveTransport().serveHttp(session, (from, request) -> {
            Seen s = new Seen(request.method(), request.path(), from.authentication(), from.peerCredential(), from.serverName(),
                    request.header("Content-Type").orElse(null), request.header("Content-Transfer-Encoding").orElse(null), request.body());
            seen.add(s);
            Reply reply = answer(s);
            HttpResponseMessage response = HttpResponseMessage.of(reply.status(), reply.type(), reply.body().getBytes(StandardCharsets.US_ASCII));
            return reply.base64() ? response.withHeader("Content-Transfer-Encoding", "base64") : response;
        });
    }

    private Reply answer(Seen s) {
        try {
            switch (s.method() + " " + s.path()) {
                case "GET " + BASE + "/cacerts": return ok("application/pkcs7-mime", certsOnly(List.of(pki.ca)));
                case "GET " + BASE + "/csrattrs": return ok("application/csrattrs", csrAttrs());
                case "POST " + BASE + "/simpleenroll":
                case "POST " + BASE + "/simplereenroll":
                    switch (enrolAnswer) {
                        case REFUSE_403: return text(403, "the CSR's subject is not this client's");
                        case GARBAGE: return ok("application/pkcs7-mime", "PGh0bWw+bm90IGEgY2VydGlmaWNhdGU8L2h0bWw+");
                        case ERROR_500: return text(500, "the CA is away");
                        default: return ok("application/pkcs7-mime", certsOnly(List.of(issue(s.csr()))));
                    }
                default: return text(404, "no such EST operation");
            }
        } catch (Exception e) {
            return text(400, "cannot read the request: " + e);
        }
    }

    /** A certificate of the CA for the CSR's key, with the subjectAltName the CSR asks for, valid from the clock's now. */
    private X509Certificate issue(PKCS10CertificationRequest csr) throws Exception {
        Instant now = clock.instant();
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(new JcaX509CertificateHolder(pki.ca).getSubject(),
                new BigInteger(64, new SecureRandom()).add(BigInteger.ONE), Date.from(now.minusSeconds(60)), Date.from(now.plus(validity)),
                csr.getSubject(), csr.getSubjectPublicKeyInfo());
        Extensions asked = Extensions.getInstance(csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)[0].getAttrValues().getObjectAt(0));
        builder.addExtension(asked.getExtension(Extension.subjectAlternativeName));
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pki.caKeys.getPrivate())));
    }

    private static String certsOnly(List<X509Certificate> certificates) throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addCertificates(new JcaCertStore(certificates));
        return Base64.getMimeEncoder().encodeToString(generator.generate(new CMSAbsentContent()).getEncoded());
    }

    private static String csrAttrs() throws IOException {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new AttrOrOID(PKCSObjectIdentifiers.pkcs_9_at_challengePassword));
        v.add(new AttrOrOID(X9ObjectIdentifiers.ecdsa_with_SHA256));
        return Base64.getEncoder().encodeToString(CsrAttrs.getInstance(new DERSequence(v)).getEncoded());
    }

    /** An answer: status, media type, whether the body is base64 (RFC 7030's Content-Transfer-Encoding), body. */
    private record Reply(int status, String type, boolean base64, String body) {}

    private static Reply ok(String type, String base64) { return new Reply(200, type, true, base64); }

    private static Reply text(int status, String reason) { return new Reply(status, "text/plain", false, reason); }

    @Override
    public void close() throws IOException { server.close(); }
}
