package org.example.onem2m.bench;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.example.mef.api.MefClient;
import org.example.mef.api.MefClientBuilder;
import org.example.mef.api.MefClientConfig;
import org.example.mef.api.MefCommand;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.standalone.TefStandalone;
import org.example.tef.api.wire.HttpRequestMessage;
import org.example.tef.api.wire.HttpResponseMessage;
import org.example.tef.api.wire.PrimitiveTransport;

/**
 * Figure 13: certificates issued by the MEF's EST server (TS-0003 8.3.6.2, RFC 7030 4.2.1 simpleenroll) beside Bouncy
 * Castle signing the same certificates in memory, in alternating rounds of one run.
 * <p>
 * EST: a MEF in a JVM of its own ({@link MefServerMain} with an EST port, durable data directory: each certificate is
 * recorded through the MEF CA's group-commit journal, issued.mv.db, before it is answered), 16 Enrolees each with a MEF Client Registration and a
 * retrieved CERT_PROV command for its own subject (what authorises it, 8.3.9.7); 16 client threads, each on an open
 * TLS-PSK session to the EST port (certificate-less, RFC 7030 3.3.3; tef's TLS and plain-HTTP client, exported API),
 * POSTing P-256 CSRs (SHA256withECDSA, the subject's URI as subjectAltName) made before measuring, and checking each
 * answer is a 200 certs-only body. Raw: 16 threads in this JVM building with Bouncy Castle the certificate the MEF CA
 * builds (the same extensions) from the same CSRs' keys and signing it with a P-256 CA key, SHA256withECDSA, kept in
 * memory: first with the JDK's ECDSA (what MefCa signed with until 2026-12-01), then with Bouncy Castle's provider (what
 * MefCa signs with now; the issue says "Bouncy Castle signing"), then the same after checking each CSR's signature as
 * the MEF does (the proof of possession; not in the wording), each in alternating rounds with EST. Targets: EST at least 200/s and at
 * least 50 % of the raw rate.
 * <p>
 * Options: --est-clients (16), --est-warmup (60 s: on 2026-11-30 the MEF JVM's C2 compiler still used a third of a core on the JDK's signature code, which the CA then used, 40 s into the load), --est-seconds (3 s per round), --est-rounds (4), --est-csrs (32 per
 * client, used in turn), --mef-jvm, --maf-log.
 */
final class EstFigure {
    private static final Fixture.Function MEF = Fixture.Function.MEF;
    private static final double REWARM = 1;

    private EstFigure() {}

    /** Bench Enrolee {@code i}'s certificate subject: the CSE-ID {@code /bench-cse-<i>} (certSubjectType 2). */
    static String subject(int i) { return "/bench-cse-" + i; }

    /** The CERT_PROV command description (8.3.9.7, 12.4.7) for bench Enrolee {@code i} at {@code estBase}. */
    static String certProv(URI estBase, int i) {
        return "{\"cmdClassID\":1,\"cmdArgs\":{\"certProvCmdArgs\":{\"certProvProtocolID\":1,\"URI\":\"" + estBase
                + "\",\"certSubjectType\":2,\"certSubjectID\":\"" + subject(i) + "\"}}}";
    }

    static void run(Options o, Log log) throws Exception {
        int clients = o.integer("est-clients", 16);
        double warmup = o.decimal("est-warmup", 60);
        double seconds = o.decimal("est-seconds", 3);
        int rounds = o.integer("est-rounds", 4);
        int csrsPerClient = o.integer("est-csrs", 32);
        String level = o.text("maf-log", "INFO");
        log.line("");
        log.line("== Figure 13: EST simpleenroll (8.3.6.2, RFC 7030 4.2.1), P-256 CSRs, %d clients on open TLS-PSK sessions, each"
                + " certificate recorded durably before the answer, beside Bouncy Castle signing the same certificates in memory (%d threads),"
                + " alternating rounds", clients, clients);
        Path mefDir = o.out.resolve("store-est-fig13");
        Preload.deleteTree(mefDir);
        Files.createDirectories(mefDir);
        int estPort = MafProcess.freePort();
        Issued issued = new Issued();
        try (MafProcess mef = MafProcess.start(MefServerMain.class, List.of(String.valueOf(estPort)), o.jvm("mef-jvm", "-Xmx1g"), mefDir,
                clients, o.out.resolve("mef-fig13.log"), level)) {
            List<List<byte[]>> csrs = new ArrayList<>();
            List<List<PKCS10CertificationRequest>> parsed = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                List<byte[]> bodies = new ArrayList<>();
                List<PKCS10CertificationRequest> own = new ArrayList<>();
                for (int k = 0; k < csrsPerClient; k++) {
                    PKCS10CertificationRequest csr = csr(subject(i));
                    own.add(csr);
                    bodies.add(Base64.getMimeEncoder().encode(csr.getEncoded()));
                }
                csrs.add(bodies);
                parsed.add(own);
                retrieveTheCertProvCommand(mef.port, i);
            }
            Load.WorkerFactory est = est(estPort, csrs, issued);
            Load.WorkerFactory raw = raw(parsed, null, false);
            Load.WorkerFactory rawBc = raw(parsed, BC, false);
            Load.WorkerFactory rawBcChecked = raw(parsed, BC, true);
            log.line("MEF pid %d (-Xmx1g, durable data directory, log level %s), EST port %d; %d Enrolees registered, each holding a"
                    + " retrieved CERT_PROV; %d CSRs per client made beforehand; warm-up %.0f s each, then %d rounds of %.0f s (after %.0f s"
                    + " of warm-up) each, three times: beside the raw peer signing with the JDK's ECDSA (as MefCa did before), then with Bouncy Castle's"
                    + " (as MefCa does), then with Bouncy Castle's after checking each CSR's signature (as the MEF must, RFC 7030 3.4)",
                    mef.pid(), level, estPort, clients, csrsPerClient, warmup, rounds, seconds, REWARM);
            log.line("  warm-up raw (JDK signer): %s", Load.run(clients, raw, warmup, 1));
            log.line("  warm-up raw (BC signer): %s", Load.run(clients, rawBc, warmup, 1));
            log.line("  warm-up raw (BC signer, CSR checked): %s", Load.run(clients, rawBcChecked, warmup, 1));
            log.line("  warm-up EST: %s", Load.run(clients, est, warmup, 1));
            result(log, "raw signed by the JDK's ECDSA (as MefCa signed before)", MefFigure.alternate(log, rounds, "raw (JDK signer)",
                    () -> Load.run(clients, raw, REWARM, seconds), "EST", () -> Load.run(clients, est, REWARM, seconds)));
            result(log, "raw signed by Bouncy Castle's ECDSA (as MefCa signs; the issue's wording)", MefFigure.alternate(log, rounds, "raw (BC signer)",
                    () -> Load.run(clients, rawBc, REWARM, seconds), "EST", () -> Load.run(clients, est, REWARM, seconds)));
            result(log, "raw signed by Bouncy Castle's ECDSA after checking the CSR's signature (the proof of possession the MEF must check;"
                    + " not the issue's wording)", MefFigure.alternate(log, rounds, "raw (BC signer, CSR checked)",
                    () -> Load.run(clients, rawBcChecked, REWARM, seconds), "EST", () -> Load.run(clients, est, REWARM, seconds)));
        }
        long logged; // counted once the MEF has stopped, so that its log is complete
        try (var lines = Files.lines(o.out.resolve("mef-fig13.log"))) {
            logged = lines.filter(l -> l.contains("EST simpleenroll: MEF CA issued certificate")).count();
        }
        log.line("  certificates answered 200 (warm-ups included): %,d; issued by the MEF's log (one INFO line each, written once it is"
                + " recorded): %,d: %s", issued.count.get(), logged, logged == issued.count.get() ? "one each" : "NOT one each");
        Preload.deleteTree(mefDir);
    }

    private static void result(Log log, String peer, MefFigure.Rounds r) {
        double ratio = Stats.median(r.ratios);
        double rate = Stats.median(r.b);
        log.line("Figure 13 result, %s: EST simpleenroll %,.0f/s (rounds %s), raw %,.0f/s (rounds %s); EST / raw %.0f %% (rounds %s);"
                + " other jobs %s %% of the machine; targets >= 200/s: %s, >= 50 %% of raw: %s", peer, rate, Stats.range(r.b, "%,.0f"),
                Stats.median(r.a), Stats.range(r.a, "%,.0f"), 100 * ratio, Stats.range(r.ratios.stream().map(x -> 100 * x).toList(), "%.0f %%"),
                Stats.range(r.others, "%.0f"), Stats.verdict(rate >= 200), Stats.verdict(ratio >= 0.5));
    }

    /** Counts the certificates the EST server answered with. */
    static final class Issued {
        final java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();
    }

    /** MEF Client Registration of bench Enrolee {@code i} and its Command Retrieve: the CERT_PROV the MEF queued for it is ISSUED. */
    static void retrieveTheCertProvCommand(int mefPort, int i) throws Exception {
        PskCredential kpm = MEF.credential(i);
        try (MefClient client = MefClientBuilder.create().build(MefClientConfig.withPsk(MEF.fqdn, "127.0.0.1", mefPort, kpm.peerId(),
                kpm.identity(), kpm.key()))) {
            String registration = client.register(Fixture.SP, Instant.now().plus(Duration.ofDays(1)), List.of("bench")).registrationId;
            MefCommand command = client.retrieveCommand(registration);
            if (command.cmdClassId() != 1) throw new IOException("bench Enrolee " + i + " was handed " + command.descriptionJson() + ", not CERT_PROV");
        }
    }

    /** Thread t is bench Enrolee t: simpleenroll with its CSRs in turn on one open session. */
    static Load.WorkerFactory est(int estPort, List<List<byte[]>> csrs, Issued issued) {
        return thread -> {
            PskCredential kpm = MEF.credential(thread);
            SecureSession session = TefStandalone.secureChannels().connect(TlsClientConfig.builder("127.0.0.1", estPort, MEF.fqdn).psk(kpm).build());
            PrimitiveTransport.HttpClient http = TefStandalone.primitiveTransport().httpClient(session);
            List<byte[]> own = csrs.get(thread);
            int[] next = {ThreadLocalRandom.current().nextInt(own.size())};
            return new Load.Worker() {
                @Override
                public void call() throws Exception {
                    byte[] body = own.get(next[0]++ % own.size());
                    HttpResponseMessage answer = http.send(HttpRequestMessage.of("POST", "/.well-known/est/simpleenroll", body)
                            .withHeader("Content-Type", "application/pkcs10").withHeader("Content-Transfer-Encoding", "base64"));
                    if (answer.status() != 200 || !answer.header("Content-Type").orElse("").startsWith("application/pkcs7-mime")) {
                        throw new IOException("simpleenroll answered " + answer + ": " + new String(answer.body(), StandardCharsets.UTF_8));
                    }
                    issued.count.incrementAndGet();
                }

                @Override
                public void close() throws Exception { http.close(); }
            };
        };
    }

    /** Bouncy Castle's JCA provider, for the second raw peer (the product signs with it too; the first peer signs with the JDK's). */
    static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    /**
     * Thread t builds, with Bouncy Castle, the certificates for bench Enrolee t's CSR keys and signs them in memory with
     * a P-256 CA key of its own: through {@code provider}'s ECDSA, or the JDK's (what MefCa used before) when null. With
     * {@code checkCsr} it first verifies the CSR's signature with the key it carries, read afresh each time (the MEF's
     * CsrCheck sees each key once), with Bouncy Castle's lightweight verifier as CsrCheck does (the JCA builder's
     * verifies twice): the proof of possession an EST server must check (RFC 7030 3.4) and the costliest step of the
     * MEF's enrolment (BENCHMARKS.md, figure 13).
     */
    static Load.WorkerFactory raw(List<List<PKCS10CertificationRequest>> csrs, java.security.Provider provider, boolean checkCsr) {
        return thread -> {
            KeyPair ca = p256();
            X500Name issuer = new X500Name("CN=mef.example.com MEF CA");
            SubjectPublicKeyInfo caKey = SubjectPublicKeyInfo.getInstance(ca.getPublic().getEncoded());
            List<PKCS10CertificationRequest> own = csrs.get(thread);
            int[] next = {0};
            return () -> {
                PKCS10CertificationRequest csr = own.get(next[0]++ % own.size());
                if (checkCsr && !new PKCS10CertificationRequest(csr.getEncoded()).isSignatureValid(new BcECContentVerifierProviderBuilder(
                        new DefaultDigestAlgorithmIdentifierFinder()).build(PublicKeyFactory.createKey(csr.getSubjectPublicKeyInfo())))) {
                    throw new IOException("a CSR's signature did not verify");
                }
                if (signed(issuer, ca, caKey, csr, provider).length == 0) throw new IOException("nothing signed");
            };
        };
    }

    /** The certificate MefCa issues, as DER: the same extensions, a random 16-byte serial, SHA256withECDSA by JCA. */
    static byte[] signed(X500Name issuer, KeyPair ca, SubjectPublicKeyInfo caKey, PKCS10CertificationRequest csr,
                         java.security.Provider provider) throws Exception {
        Instant now = Instant.now();
        byte[] serial = new byte[16];
        ThreadLocalRandom.current().nextBytes(serial);
        serial[0] &= 0x7f;
        SubjectPublicKeyInfo key = csr.getSubjectPublicKeyInfo();
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer, new BigInteger(1, serial).add(BigInteger.ONE), Date.from(now),
                Date.from(now.plus(Duration.ofDays(365))), csr.getSubject(), key);
        BcX509ExtensionUtils utils = new BcX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        builder.addExtension(Extension.subjectAlternativeName, false, GeneralNames.fromExtensions(
                org.bouncycastle.asn1.x509.Extensions.getInstance(csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)[0]
                        .getAttrValues().getObjectAt(0)), Extension.subjectAlternativeName));
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
        builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(caKey));
        JcaContentSignerBuilder signers = new JcaContentSignerBuilder("SHA256withECDSA");
        ContentSigner signer = (provider == null ? signers : signers.setProvider(provider)).build(ca.getPrivate());
        return builder.build(signer).getEncoded();
    }

    /** A CSR as the MEF Client makes it: CN and the one subjectAltName URI of the subject, P-256, SHA256withECDSA. */
    static PKCS10CertificationRequest csr(String cseId) throws Exception {
        KeyPair keys = p256();
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, "urn:onem2m:cse:" + cseId)));
        return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + cseId.substring(1)), keys.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
    }

    private static KeyPair p256() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
