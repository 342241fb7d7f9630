package org.example.mef.impl.est;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.example.onem2m.primitive.LogText;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.wire.HttpHandler;
import org.example.tef.api.wire.HttpRequestMessage;
import org.example.tef.api.wire.HttpResponseMessage;
import org.slf4j.Logger;

/**
 * The MEF's EST server (TS-0003 8.3.6.2: the MEF is the EST server and RA, its CA the EST CA) at
 * {@code /.well-known/est/} (RFC 7030 3.2.2), without CA labels: cacerts (4.1), csrattrs (4.5), simpleenroll (4.2.1),
 * simplereenroll (4.2.2) and serverkeygen (4.4). TS-0003 8.3.6.2.1 says both that the MEF Client generates its key pair
 * and that MEF and MEF Client "shall use" server-side key generation, and 8.3.6.2.2 step 3a has the client generate or
 * select the key (FACTS.md 3.3 flags the contradiction): both are served, simpleenroll for a key of the client's and
 * serverkeygen for one the MEF generates (P-256, never stored or logged by the MEF).
 * <p>
 * Who the client is comes from the TLS handshake only ({@link EstClient}); HTTP-based client authentication is not used
 * (8.3.6.2.1, RFC 7030 3.2.3): a request with an Authorization header is refused 403. A request to enrol needs a
 * pending CERT_PROV command for the subject its CSR's subjectAltName names ({@link EstAuthorisation}), or for
 * simplereenroll a certificate of the MEF CA for that subject; then the CSR's checks ({@link CsrCheck}). Refusals are
 * RFC 7030 4.2.3 errors with a text/plain reason; nothing is issued. A certificate is durable (MefCa records it) before
 * it is answered.
 */
final class EstService implements HttpHandler {
    static final String BASE_PATH = "/.well-known/est/";
    /** id-aa-decryptKeyID and id-aa-asymmDecryptKeyID (RFC 7030 4.4.1.1, 4.4.1.2; RFC 4108). */
    private static final ASN1ObjectIdentifier DECRYPT_KEY_ID = PKCSObjectIdentifiers.id_aa.branch("37");
    private static final ASN1ObjectIdentifier ASYMMETRIC_DECRYPT_KEY_ID = PKCSObjectIdentifiers.id_aa.branch("54");

    private final MefCa ca;
    /** The /cacerts answer (RFC 7030 4.1.3). */
    private final HttpResponseMessage cacerts;
    private final CertificateProfile profile;
    private final EstAuthorisation authorisation;
    private final Logger log;

    EstService(MefCa ca, CertificateProfile profile, EstAuthorisation authorisation, Logger log) throws IOException {
        this.ca = ca;
        this.cacerts = EstWire.base64(EstWire.PKCS7, EstWire.certsOnly(ca.caChain())); // the CA chain does not change: built once
        this.profile = profile;
        this.authorisation = authorisation;
        this.log = log;
    }

    private enum Operation {
        CACERTS("GET"), CSRATTRS("GET"), SIMPLEENROLL("POST"), SIMPLEREENROLL("POST"), SERVERKEYGEN("POST");

        final String method;

        Operation(String method) { this.method = method; }

        String label() { return name().toLowerCase(Locale.ROOT); }

        static Optional<Operation> of(String path) {
            if (!path.startsWith(BASE_PATH)) return Optional.empty();
            String name = path.substring(BASE_PATH.length());
            for (Operation o : values()) if (o.label().equals(name)) return Optional.of(o);
            return Optional.empty();
        }
    }

    @Override
    public HttpResponseMessage handle(SecureSession session, HttpRequestMessage request) {
        Optional<Operation> found = Operation.of(request.path());
        if (found.isEmpty()) return HttpResponseMessage.text(404, "no EST operation at " + request.path() + "; this MEF serves "
                + BASE_PATH + "{cacerts,csrattrs,simpleenroll,simplereenroll,serverkeygen} (RFC 7030 3.2.2)");
        Operation op = found.get();
        if (!op.method.equals(request.method())) return HttpResponseMessage.text(405, op.label() + " is " + op.method
                + " only (RFC 7030 3.2.2)").withHeader("Allow", op.method);
        EstClient client = EstClient.of(session, ca);
        try {
            if (request.header("Authorization").isPresent()) throw new EstRefusal(EstRefusal.FORBIDDEN, "HTTP-based client authentication"
                    + " is not used (TS-0003 8.3.6.2.1, RFC 7030 3.2.3): the TLS handshake authenticates the client; send no Authorization");
            switch (op) {
                case CACERTS: return cacerts;
                case CSRATTRS: return EstWire.base64(EstWire.CSR_ATTRS, EstWire.csrAttrs(subjects(client, true)));
                default: return enrol(op, client, request);
            }
        } catch (EstRefusal refusal) {
            // the message may quote the CSR (its subjectAltName): escaped, so that it cannot forge a line of the log
            log.info("EST {} of {} refused ({}): {}", op.label(), LogText.printable(client), refusal.httpStatus(),
                    LogText.printable(refusal.getMessage()));
            return HttpResponseMessage.text(refusal.httpStatus(), refusal.getMessage());
        } catch (IOException | GeneralSecurityException e) {
            log.error("EST {} of {} failed; nothing was issued", op.label(), client, e);
            // the detail (file names of the MEF's data directory) stays in the MEF's log
            return HttpResponseMessage.text(500, "the MEF CA could not answer; nothing was issued (the MEF's log says why)");
        }
    }

    private HttpResponseMessage enrol(Operation op, EstClient client, HttpRequestMessage request)
            throws EstRefusal, IOException, GeneralSecurityException {
        String type = request.header("Content-Type").orElse("");
        if (!type.toLowerCase(Locale.ROOT).split(";")[0].trim().equals(EstWire.PKCS10))
            throw new EstRefusal(EstRefusal.UNSUPPORTED_MEDIA_TYPE, op.label() + " takes a CSR as " + EstWire.PKCS10 + " (RFC 7030 4.2.1), not '" + type + "'");
        PKCS10CertificationRequest csr = EstWire.csr(request.body());
        if (op == Operation.SERVERKEYGEN) refuseKeyEncryption(csr);
        // a MEF Client with pending commands; a MEF CA certificate renewing itself has none
        List<EstAuthorisation.Pending> commands = client.subject().isPresent() ? List.of() : authorisation.pending(client.mefClientId().orElseThrow());
        List<CertSubject> allowed = client.subject().isPresent() ? subjects(client, op == Operation.SIMPLEREENROLL)
                : EstAuthorisation.subjectsOf(commands);
        if (allowed.isEmpty()) throw new EstRefusal(EstRefusal.FORBIDDEN, client.subject().isPresent()
                ? "a MEF CA certificate (" + client + ") renews itself with simplereenroll (RFC 7030 4.2.2, TS-0003 8.3.6.2.3); "
                        + op.label() + " needs a pending CERT_PROV command for a MEF Client"
                : "no pending CERT_PROV command for " + client + ": the MEF issues a certificate for a CERT_PROV command (EST) it handed"
                        + " to a live MEF Client Registration of the client that was not reported on yet (TS-0003 8.3.9.7)");
        CertSubject subject = authorised(csr, allowed);
        boolean renewal = client.serial().isPresent();
        if (renewal && superseded(client, subject)) {
            // the holder's MEF Client may hold a new CERT_PROV for the subject (it renews with the certificate it holds,
            // which another enrolment superseded): the command authorises it, counted as any enrolment under it
            commands = client.enrolledBy().isEmpty() ? List.of() : authorisation.pending(client.enrolledBy());
            if (commands.stream().noneMatch(c -> c.subject().equals(subject))) throw new EstRefusal(EstRefusal.FORBIDDEN, "the certificate "
                    + client.serial().get().toString(16) + " for " + subject.uri() + " was superseded by "
                    + ca.mostRecent(subject).map(serial -> serial.toString(16)).orElse("another")
                    + "; only the most recent certificate of a subject renews it (TS-0003 8.3.6.2.3), or a pending CERT_PROV command");
            renewal = false;
        }
        List<EstAuthorisation.Pending> forSubject = commands.stream().filter(c -> c.subject().equals(subject)).toList();
        EstAuthorisation.Pending command = forSubject.isEmpty() ? null : authorisation.take(forSubject);
        X509Certificate certificate = null;
        HttpResponseMessage answer;
        try {
            if (op == Operation.SERVERKEYGEN) {
                KeyPair keys = MefCa.p256();
                certificate = ca.issue(SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()), subject, profile, client.enrolledBy());
                answer = EstWire.keyAndCertificate(keys.getPrivate(), certificate);
            } else {
                certificate = renewal
                        ? ca.renew(csr.getSubjectPublicKeyInfo(), subject, profile, client.enrolledBy(), client.serial().get())
                        : ca.issue(csr.getSubjectPublicKeyInfo(), subject, profile, client.enrolledBy());
                answer = EstWire.base64(EstWire.CERTS_ONLY, EstWire.certsOnly(List.of(certificate)));
            }
        } catch (MefCa.Superseded e) { // another renewal with the same certificate was recorded first
            throw new EstRefusal(EstRefusal.FORBIDDEN, e.getMessage() + "; renew with the most recent certificate (TS-0003 8.3.6.2.3)");
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (command != null && certificate == null) authorisation.release(command); // nothing was issued
            throw e;
        }
        log.info("EST {}: MEF CA issued certificate serial {} to {} for {} ({}), valid until {}", op.label(),
                certificate.getSerialNumber().toString(16), client, subject.uri(), certificate.getSubjectX500Principal().getName(),
                certificate.getNotAfter().toInstant());
        return answer;
    }

    /**
     * TS-0003 8.3.6.2.3 pre-condition B: a renewal uses "the certificate from the most recent such procedure"; an older
     * one renewing would let one certificate mint any number (nothing is revoked: each would stay valid its whole life).
     */
    private boolean superseded(EstClient client, CertSubject subject) {
        Optional<BigInteger> latest = ca.mostRecent(subject);
        return latest.isPresent() && !latest.get().equals(client.serial().get());
    }

    /**
     * RFC 7030 4.4.1.1 and 4.4.1.2: a serverkeygen CSR naming a key to encrypt the returned private key with asks for
     * what this server does not do (it returns the key unencrypted, application/pkcs8, protected by the TLS session,
     * 4.4.2); it must end the request with an error rather than answer in the clear.
     */
    private static void refuseKeyEncryption(PKCS10CertificationRequest csr) throws EstRefusal {
        for (ASN1ObjectIdentifier oid : List.of(DECRYPT_KEY_ID, ASYMMETRIC_DECRYPT_KEY_ID)) {
            if (csr.getAttributes(oid).length > 0) throw new EstRefusal(EstRefusal.BAD_REQUEST, "the CSR asks for the private key"
                    + " encrypted (" + (oid.equals(DECRYPT_KEY_ID) ? "DecryptKeyIdentifier" : "AsymmetricDecryptKeyIdentifier") + ", "
                    + oid.getId() + "); this MEF returns it only unencrypted, protected by the TLS session (RFC 7030 4.4.1.1, 4.4.1.2, 4.4.2)");
        }
    }

    /**
     * The subject among {@code allowed} that the CSR asks for and passes {@link CsrCheck} for: its signature and key once,
     * then its subjectAltName against each subject. When none fits: a refusal that is 403 when the CSR is well-formed
     * but names a subject not allowed, else the CSR's 400.
     */
    private static CertSubject authorised(PKCS10CertificationRequest csr, List<CertSubject> allowed) throws EstRefusal {
        CsrCheck.checkRequest(csr);
        EstRefusal refused = null;
        for (CertSubject subject : allowed) {
            try {
                CsrCheck.checkSubject(csr, subject);
                return subject;
            } catch (EstRefusal r) {
                if (refused == null || (r.httpStatus() == EstRefusal.FORBIDDEN && refused.httpStatus() != EstRefusal.FORBIDDEN)) refused = r;
            }
        }
        throw refused;
    }

    /**
     * What the client may enrol for: the subjects of its pending CERT_PROV commands; a client authenticated by a MEF CA
     * certificate may renew that certificate's subject ({@code renewal}) and nothing else.
     */
    private List<CertSubject> subjects(EstClient client, boolean renewal) {
        if (client.subject().isPresent()) return renewal ? List.of(client.subject().get()) : List.of();
        return authorisation.pendingSubjects(client.mefClientId().orElseThrow());
    }
}
