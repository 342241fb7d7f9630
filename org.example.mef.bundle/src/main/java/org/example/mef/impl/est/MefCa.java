package org.example.mef.impl.est;

import static org.example.mef.impl.est.CaFiles.certificate;
import static org.example.mef.impl.est.CaFiles.commonName;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.example.onem2m.mvstore.AtomicFiles;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.example.tef.core.certificates.CertificateMode;
import org.example.tef.core.certificates.PemFiles;

/**
 * The MEF CA (TS-0003 8.3.6.2: "MEF CA = EST CA"), kept in a directory:
 * <ul>
 * <li>{@code ca-key.pem}: the private key, PKCS#8 PEM, 0600 where the file system has POSIX permissions;</li>
 * <li>{@code ca-cert.pem}: the CA certificate, PEM;</li>
 * <li>{@code issued.mv.db} and its journal: each certificate issued, by serial number, durable before {@link #issue}
 * returns it ({@link IssuedCertificates}).</li>
 * </ul>
 * Made on first use: a P-256 key and a self-signed CA certificate (CN=&lt;MEF FQDN&gt; MEF CA, basicConstraints
 * CA:true, keyUsage keyCertSign and cRLSign, valid 10 years), SHA256withECDSA (the mandatory certificate suite of
 * TS-0003 10.2.3). Or the operator's: {@link #open} with a CA certificate file (the CA first, then any certificates up to
 * its root) and its EC key file, which stay where the operator keeps them; the directory then holds the issued
 * certificates (and the EST listener's own key and certificate when none is configured, {@link EstServerCredential}).
 * <p>
 * Files are written to a temporary name, forced to disk and moved into place atomically, the CA certificate last: a
 * directory without {@code ca-cert.pem} holds no CA yet, and a new one is made on the next open. The key file is
 * written only when the CA is made; a directory created here is 0700, an existing one keeps its permissions.
 * <p>
 * {@link #issue} does not check the CSR: the EST server runs {@link CsrCheck#checkRequest} and {@link CsrCheck#checkSubject} first. It is not synchronised: clients
 * enrolling at once sign in parallel (the CA's signature and the CSR check are most of an enrolment's CPU, BENCHMARKS.md figure 13) and their
 * records share journal syncs. A serial is drawn from 127 random bits; the record of a serial already taken is refused
 * in the same step that would write it, and the certificate is signed again with another. Signatures: {@link CaSigner}
 * (Bouncy Castle's ECDSA). {@link #close} closes the record store.
 */
public final class MefCa implements AutoCloseable {
    static final String KEY_FILE = "ca-key.pem";
    static final String CERT_FILE = "ca-cert.pem";
    private static final int CA_VALIDITY_YEARS = 10;

    private final Path directory;
    private final IssuedCertificates issued;
    private final X500Name issuerName;
    private final org.bouncycastle.asn1.x509.AuthorityKeyIdentifier authorityKeyIdentifier;
    private final CaSigner signer;
    private final List<X509Certificate> caChain;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private MefCa(Path directory, CaSigner signer, List<X509Certificate> caChain, Clock clock) {
        this.directory = directory;
        // the same for every certificate issued: worked out once, not per issue
        this.issuerName = X500Name.getInstance(caChain.get(0).getSubjectX500Principal().getEncoded());
        this.authorityKeyIdentifier = new BcX509ExtensionUtils().createAuthorityKeyIdentifier(
                SubjectPublicKeyInfo.getInstance(caChain.get(0).getPublicKey().getEncoded()));
        this.signer = signer;
        this.caChain = List.copyOf(caChain);
        this.clock = clock;
        this.issued = new IssuedCertificates(directory); // last: nothing after it but the index can fail and leave it open
        try {
            if (!issued.mostRecentIndexed()) issued.indexMostRecent(mostRecentBySubject(issued.all()));
        } catch (RuntimeException e) {
            issued.close();
            throw e;
        }
    }

    /**
     * For a store written before the most recent certificate of each subject was kept: the latest notBefore wins (two of
     * one subject issued in the same second: either; the other's holder then needs a new CERT_PROV command).
     */
    private static Map<String, BigInteger> mostRecentBySubject(List<byte[]> records) {
        Map<String, X509Certificate> latest = new HashMap<>();
        for (byte[] der : records) {
            X509Certificate c;
            try {
                c = certificate(der);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("an issued certificate of the MEF CA is unreadable: " + e.getMessage(), e);
            }
            EstClientCertificates.subjectUri(c).ifPresent(uri -> latest.merge(uri, c,
                    (a, b) -> b.getNotBefore().after(a.getNotBefore()) ? b : a));
        }
        Map<String, BigInteger> serials = new HashMap<>();
        latest.forEach((uri, c) -> serials.put(uri, c.getSerialNumber()));
        return serials;
    }

    /**
     * The CA kept in {@code directory}: loaded if its certificate is there, else made now (key, self-signed certificate
     * valid from {@code clock}'s now for 10 years) and stored.
     */
    public static MefCa openOrCreate(Path directory, String mefFqdn, Clock clock) throws IOException {
        return open(directory, mefFqdn, clock, null, null);
    }

    /**
     * The operator's CA when {@code certificateFile} and {@code keyFile} are given (both or neither), its certificates
     * recorded in {@code directory}; else {@link #openOrCreate}.
     *
     * @throws IllegalArgumentException naming the file when the operator's files cannot serve as this CA
     */
    public static MefCa open(Path directory, String mefFqdn, Clock clock, Path certificateFile, Path keyFile) throws IOException {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(mefFqdn, "mefFqdn");
        Objects.requireNonNull(clock, "clock");
        if ((certificateFile == null) != (keyFile == null))
            throw new IllegalArgumentException("caCertificateFile and caPrivateKeyFile are given together or not at all");
        try {
            AtomicFiles.createOwnerOnlyDirectories(directory);
            if (certificateFile != null) return operators(directory, certificateFile, keyFile, clock);
            Path certFile = directory.resolve(CERT_FILE);
            Path keyPath = directory.resolve(KEY_FILE);
            if (Files.exists(certFile)) {
                if (!Files.exists(keyPath)) throw new IOException("MEF CA certificate " + certFile + " without its key " + keyPath);
                X509Certificate certificate = kept(() -> PemFiles.certificates("the MEF CA certificate", certFile).get(0));
                PrivateKey key = kept(() -> PemFiles.privateKey("the MEF CA key", keyPath));
                if (!CertificateMode.belongTogether(key, certificate)) throw new IOException(keyPath + " is not the key of " + certFile);
                return new MefCa(directory, kept(() -> new CaSigner(key)), List.of(certificate), clock);
            }
            KeyPair keys = p256();
            X500Name name = commonName(mefFqdn + " MEF CA");
            Instant now = clock.instant();
            Instant notAfter = now.atOffset(ZoneOffset.UTC).plusYears(CA_VALIDITY_YEARS).toInstant();
            SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, serial(new SecureRandom()),
                Date.from(now), Date.from(notAfter), name, publicKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, new BcX509ExtensionUtils().createSubjectKeyIdentifier(publicKey));
            CaSigner signer = new CaSigner(keys.getPrivate());
            X509Certificate certificate = signer.sign(builder);
            AtomicFiles.replace(keyPath, PemFiles.pem(keys.getPrivate(), List.of()), true);
            AtomicFiles.replace(certFile, PemFiles.pem(null, List.of(certificate)), false);
            return new MefCa(directory, signer, List.of(certificate), clock);
        } catch (GeneralSecurityException e) {
            throw new IOException("MEF CA in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** A file the CA wrote itself that cannot be read is damage to its store: an IOException, as any other. */
    private static <T> T kept(java.util.function.Supplier<T> read) throws IOException {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The operator's CA: its key signs, and its certificate says it may sign certificates (RFC 5280 4.2.1.3, 4.2.1.9). */
    private static MefCa operators(Path directory, Path certificateFile, Path keyFile, Clock clock) throws IOException {
        List<X509Certificate> chain = PemFiles.certificates("caCertificateFile", certificateFile);
        PrivateKey key = PemFiles.privateKey("caPrivateKeyFile", keyFile);
        X509Certificate ca = chain.get(0);
        if (!"EC".equals(key.getAlgorithm())) throw new IllegalArgumentException("caPrivateKeyFile " + keyFile.toAbsolutePath()
                + " holds an " + key.getAlgorithm() + " key; the MEF CA signs with " + CaSigner.ALGORITHM + " (TS-0003 10.2.3)");
        if (!CertificateMode.belongTogether(key, ca)) throw new IllegalArgumentException("caPrivateKeyFile " + keyFile.toAbsolutePath()
                + " is not the key of the first certificate of caCertificateFile " + certificateFile.toAbsolutePath());
        boolean[] usage = ca.getKeyUsage();
        if (ca.getBasicConstraints() < 0 || (usage != null && !usage[5])) throw new IllegalArgumentException("caCertificateFile "
                + certificateFile.toAbsolutePath() + ": " + ca.getSubjectX500Principal().getName()
                + " is not a CA certificate (basicConstraints CA:true and keyUsage keyCertSign, RFC 5280 4.2.1.9)");
        CaSigner signer;
        try {
            signer = new CaSigner(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("caPrivateKeyFile " + keyFile.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return new MefCa(directory, signer, chain, clock);
    }

    /** The CA certificate, the trust anchor EST /cacerts (RFC 7030 4.1) returns. */
    public X509Certificate caCertificate() {
        return caChain.get(0);
    }

    /** The CA certificate and, for an operator's CA below a root, the certificates up to its root: what /cacerts returns. */
    public List<X509Certificate> caChain() {
        return caChain;
    }

    /** {@link #issue(SubjectPublicKeyInfo, CertSubject, CertificateProfile, String)} to the key of {@code csr}, default usages, to no MEF Client. */
    public X509Certificate issue(PKCS10CertificationRequest csr, CertSubject subject, Duration validity) throws IOException {
        Objects.requireNonNull(csr, "csr");
        return issue(csr.getSubjectPublicKeyInfo(), subject, CertificateProfile.standard(validity), "");
    }

    /**
     * Issues an end-entity certificate for {@code subject} to {@code publicKey}, valid from the clock's now for the
     * profile's validity, and records it durably, with the MEF Client it is issued to, before returning it. Subject DN:
     * CN=&lt;certSubjectID&gt;, whatever a CSR asks (so never empty, and never a name the client chose: a CN it picked,
     * such as the MEF's FQDN, must not end up in a certificate of the MEF CA); subjectAltName:
     * {@link CertSubject#subjectAltName()} only; keyUsage and extendedKeyUsage from the profile; a random positive
     * 16-byte serial unique among those issued.
     *
     * @param enrolledBy the MEF Client the certificate is issued to (TS-0003 8.3.9.7: the one that held the CERT_PROV
     *                   command), "" for none; on the MEF's port a certificate authenticates only that client ({@link
     *                   #enrolledBy(BigInteger)})
     * @throws IOException when the certificate cannot be recorded (then it is not returned: not issued)
     */
    public X509Certificate issue(SubjectPublicKeyInfo publicKey, CertSubject subject, CertificateProfile profile, String enrolledBy)
            throws IOException {
        return issueOrSuperseded(publicKey, subject, profile, enrolledBy, null); // never null: only a renewal is superseded
    }

    /**
     * {@link #issue(SubjectPublicKeyInfo, CertSubject, CertificateProfile, String)} as the renewal of the certificate
     * {@code renewing}, which must still be the subject's most recent one when the new one is recorded; the new one then is.
     *
     * @throws Superseded when another certificate for the subject was recorded after {@code renewing} (nothing is issued)
     */
    public X509Certificate renew(SubjectPublicKeyInfo publicKey, CertSubject subject, CertificateProfile profile, String enrolledBy,
                                 BigInteger renewing) throws IOException, Superseded {
        X509Certificate renewed = issueOrSuperseded(publicKey, subject, profile, enrolledBy, Objects.requireNonNull(renewing, "renewing"));
        if (renewed == null) throw new Superseded("the certificate " + renewing.toString(16) + " is no longer the most recent for "
                + subject.uri() + ": another was issued for it meanwhile");
        return renewed;
    }

    /** The certificate issued, or null when {@code renewing} is given and no longer the subject's most recent. */
    private X509Certificate issueOrSuperseded(SubjectPublicKeyInfo publicKey, CertSubject subject, CertificateProfile profile,
                                              String enrolledBy, BigInteger renewing) throws IOException {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(profile, "profile");
        boolean ec = X9ObjectIdentifiers.id_ecPublicKey.equals(publicKey.getAlgorithm().getAlgorithm());
        return issue(commonName(subject.id()), publicKey, new GeneralNames(subject.subjectAltName()), profile.keyUsageBits(ec),
                profile.purposes(), profile.validity(), Objects.requireNonNull(enrolledBy, "enrolledBy"), subject.uri(), renewing);
    }

    /** The serial of the most recent certificate this CA issued for {@code subject}: the one that may renew it. */
    public Optional<BigInteger> mostRecent(CertSubject subject) { return issued.mostRecent(subject.uri()); }

    /** A renewal with a certificate that is no longer its subject's most recent (TS-0003 8.3.6.2.3 pre-condition B). */
    public static final class Superseded extends Exception {
        private static final long serialVersionUID = 1L;

        Superseded(String message) { super(message, null, false, false); }
    }

    /** The MEF Client a certificate of this CA was issued to ("" for none); empty when this CA did not issue it. */
    public Optional<String> enrolledBy(BigInteger serial) { return issued.enrolledBy(serial); }

    /**
     * A TLS server certificate for {@code fqdn} (subjectAltName dNSName, TS-0003 10.1.3; keyUsage digitalSignature,
     * extendedKeyUsage serverAuth), e.g. the MEF's EST listener's when the operator configured none.
     */
    public X509Certificate issueServerCertificate(String fqdn, SubjectPublicKeyInfo publicKey, Duration validity) throws IOException {
        return issue(commonName(fqdn), publicKey, new GeneralNames(new GeneralName(GeneralName.dNSName, fqdn)),
            KeyUsage.digitalSignature, List.of(KeyPurposeId.id_kp_serverAuth), validity, "", null, null);
    }

    private X509Certificate issue(X500Name subjectName, SubjectPublicKeyInfo publicKey, GeneralNames san, int keyUsage,
                                  List<KeyPurposeId> purposes, Duration validity, String enrolledBy, String subjectUri,
                                  BigInteger renewing) throws IOException {
        Instant now = clock.instant();
        Instant notAfter = notAfter(now, validity);
        for (int attempt = 0; attempt < 3; attempt++) {
            BigInteger serial = serial(random);
            if (caSerial(serial)) continue; // a serial already issued is refused by record() below, in the same writer step
            try {
                X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuerName, serial, Date.from(now), Date.from(notAfter),
                    subjectName, publicKey);
                BcX509ExtensionUtils utils = new BcX509ExtensionUtils();
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
                if (!purposes.isEmpty()) builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
                builder.addExtension(Extension.subjectAlternativeName, false, san);
                builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
                builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier);
                X509Certificate certificate = signer.sign(builder);
                IssuedCertificates.Outcome outcome = issued.record(serial, certificate.getEncoded(), enrolledBy, subjectUri, renewing);
                if (outcome == IssuedCertificates.Outcome.RECORDED) return certificate;
                if (outcome == IssuedCertificates.Outcome.SUPERSEDED) return null;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("MEF CA cannot sign: " + e.getMessage(), e);
            } catch (RuntimeException e) { // the store could not make the record durable: not issued
                throw new IOException("the certificate could not be recorded in " + issued.location() + ": " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException("three random serial numbers in a row were taken: the random source is broken");
    }

    /**
     * The end of a certificate issued now for {@code validity}: no later than the CA's own certificates (RFC 5280 6.1.3:
     * a chain is valid only while each of its certificates is). A CA whose certificate is not valid now issues nothing.
     */
    private Instant notAfter(Instant now, Duration validity) throws IOException {
        Instant end = now.plus(validity);
        for (X509Certificate c : caChain) {
            Instant from = c.getNotBefore().toInstant();
            Instant until = c.getNotAfter().toInstant();
            if (now.isBefore(from) || now.isAfter(until)) throw new IOException("the MEF CA cannot issue: its certificate "
                + c.getSubjectX500Principal().getName() + " is valid from " + from + " to " + until + ", not now (" + now
                + "); replace the CA (caCertificateFile and caPrivateKeyFile, or a new CA directory)");
            if (until.isBefore(end)) end = until;
        }
        return end;
    }

    private boolean caSerial(BigInteger serial) {
        for (X509Certificate c : caChain) if (c.getSerialNumber().equals(serial)) return true;
        return false;
    }

    /** Every certificate this CA has issued, as recorded, ordered by serial number. */
    public List<X509Certificate> issued() throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            for (byte[] der : issued.all()) certificates.add(certificate(der));
        } catch (GeneralSecurityException e) {
            throw new IOException("an issued certificate in " + issued.location() + " is unreadable: " + e.getMessage(), e);
        }
        certificates.sort((a, b) -> a.getSerialNumber().compareTo(b.getSerialNumber()));
        return certificates;
    }

    /** How many certificates this CA has issued. */
    public long issuedCount() { return issued.count(); }

    @Override
    public void close() { issued.close(); }

    /** The directory the CA is kept in. */
    public Path directory() {
        return directory;
    }

    /** A fresh P-256 key pair (TS-0003 10.2.3), for the CA, the EST listener and server-side key generation. */
    static KeyPair p256() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** 16 random bytes, top bit clear so that the DER INTEGER is positive in 16 octets; never zero. */
    private static BigInteger serial(SecureRandom random) {
        byte[] bytes = new byte[16];
        BigInteger serial;
        do {
            random.nextBytes(bytes);
            bytes[0] &= 0x7f;
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0);
        return serial;
    }
}
