package org.example.mef.impl.est;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * The MEF CA (TS-0003 8.3.6.2: "MEF CA = EST CA"): a P-256 key and a self-signed CA certificate (CN=&lt;MEF FQDN&gt; MEF
 * CA, basicConstraints CA:true, keyUsage keyCertSign and cRLSign, valid 10 years), SHA256withECDSA (the mandatory
 * certificate suite of TS-0003 10.2.3), kept in a directory:
 * <ul>
 * <li>{@code ca-key.pem}: the private key, PKCS#8 PEM, 0600 where the file system has POSIX permissions;</li>
 * <li>{@code ca-cert.pem}: the CA certificate, PEM;</li>
 * <li>{@code issued/<serial hex>.pem}: each certificate issued, written before {@link #issue} returns it.</li>
 * </ul>
 * The key file is created owner-only with java.nio here rather than by the mvstore bundle's {@code OwnerOnly}: that
 * class is package-private there and this building block changes no other module. The key file is written only when
 * the CA is made; a directory created here is 0700, an existing one keeps the permissions an operator gave it.
 * <p>
 * Files are written to a temporary name, forced to disk and moved into place atomically, the CA certificate last: a
 * directory without {@code ca-cert.pem} holds no CA yet, and a new one is made on the next open.
 * <p>
 * {@link #issue} does not check the CSR: the EST server runs {@link CsrCheck#check} first.
 */
public final class MefCa {
    static final String KEY_FILE = "ca-key.pem";
    static final String CERT_FILE = "ca-cert.pem";
    static final String ISSUED_DIR = "issued";
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final int CA_VALIDITY_YEARS = 10;
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path directory;
    private final Path issuedDirectory;
    private final PrivateKey caKey;
    private final X509Certificate caCertificate;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private MefCa(Path directory, PrivateKey caKey, X509Certificate caCertificate, Clock clock) {
        this.directory = directory;
        this.issuedDirectory = directory.resolve(ISSUED_DIR);
        this.caKey = caKey;
        this.caCertificate = caCertificate;
        this.clock = clock;
    }

    /**
     * The CA kept in {@code directory}: loaded if its certificate is there, else made now (key, self-signed certificate
     * valid from {@code clock}'s now for 10 years) and stored.
     */
    public static MefCa openOrCreate(Path directory, String mefFqdn, Clock clock) throws IOException {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(mefFqdn, "mefFqdn");
        Objects.requireNonNull(clock, "clock");
        try {
            createOwnerOnlyDirectories(directory);
            createOwnerOnlyDirectories(directory.resolve(ISSUED_DIR));
            Path certFile = directory.resolve(CERT_FILE);
            Path keyFile = directory.resolve(KEY_FILE);
            if (Files.exists(certFile)) {
                if (!Files.exists(keyFile)) throw new IOException("MEF CA certificate " + certFile + " without its key " + keyFile);
                X509Certificate certificate = certificate(readPem(certFile, "CERTIFICATE"));
                PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(readPem(keyFile, "PRIVATE KEY")));
                checkPair(key, certificate, keyFile, certFile);
                return new MefCa(directory, key, certificate, clock);
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + escape(mefFqdn) + " MEF CA");
            Instant now = clock.instant();
            Instant notAfter = now.atOffset(ZoneOffset.UTC).plusYears(CA_VALIDITY_YEARS).toInstant();
            SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, serial(new SecureRandom()),
                Date.from(now), Date.from(notAfter), name, publicKey);
            BcX509ExtensionUtils utils = new BcX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
            X509Certificate certificate = sign(builder, keys.getPrivate());
            writeAtomically(keyFile, pem("PRIVATE KEY", keys.getPrivate().getEncoded()), true);
            writeAtomically(certFile, pem("CERTIFICATE", certificate.getEncoded()), false);
            return new MefCa(directory, keys.getPrivate(), certificate, clock);
        } catch (GeneralSecurityException e) {
            throw new IOException("MEF CA in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The CA certificate, the trust anchor EST /cacerts (RFC 7030 4.1) returns. */
    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /**
     * Issues an end-entity certificate for {@code subject} to the key of {@code csr}, valid from the clock's now for
     * {@code validity}, and records it in {@code issued/} before returning it. Subject DN: the CSR's, or
     * CN=&lt;certSubjectID&gt; when the CSR's is empty (so never empty, and the subjectAltName need not be critical,
     * RFC 5280 4.2.1.6). subjectAltName: {@link CertSubject#subjectAltName()} only, whatever else the CSR asks. keyUsage
     * digitalSignature, plus keyAgreement for an EC key; extendedKeyUsage clientAuth; a random positive 16-byte serial
     * unique among those issued.
     *
     * @throws IOException when the certificate cannot be recorded (then it is not returned: not issued)
     */
    public synchronized X509Certificate issue(PKCS10CertificationRequest csr, CertSubject subject, Duration validity)
        throws IOException {
        Objects.requireNonNull(csr, "csr");
        Objects.requireNonNull(subject, "subject");
        if (validity == null || validity.isNegative() || validity.isZero())
            throw new IllegalArgumentException("validity must be positive: " + validity);
        X500Name subjectName = csr.getSubject();
        if (subjectName == null || subjectName.getRDNs().length == 0) subjectName = new X500Name("CN=" + escape(subject.id()));
        SubjectPublicKeyInfo publicKey = csr.getSubjectPublicKeyInfo();
        boolean ec = X9ObjectIdentifiers.id_ecPublicKey.equals(publicKey.getAlgorithm().getAlgorithm());
        Instant now = clock.instant();
        BigInteger serial;
        Path record;
        do {
            serial = serial(random);
            record = issuedDirectory.resolve(serial.toString(16) + ".pem");
        } while (Files.exists(record) || serial.equals(caCertificate.getSerialNumber()));
        try {
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(X500Name.getInstance(
                caCertificate.getSubjectX500Principal().getEncoded()), serial, Date.from(now), Date.from(now.plus(validity)),
                subjectName, publicKey);
            BcX509ExtensionUtils utils = new BcX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(ec ? KeyUsage.digitalSignature | KeyUsage.keyAgreement : KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(subject.subjectAltName()));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(
                SubjectPublicKeyInfo.getInstance(caCertificate.getPublicKey().getEncoded())));
            X509Certificate certificate = sign(builder, caKey);
            writeAtomically(record, pem("CERTIFICATE", certificate.getEncoded()), false);
            return certificate;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MEF CA cannot sign: " + e.getMessage(), e);
        }
    }

    /** Every certificate this CA has issued, as recorded in {@code issued/}, ordered by serial number. */
    public synchronized List<X509Certificate> issued() throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        try (Stream<Path> files = Files.list(issuedDirectory)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.getFileName().toString().endsWith(".pem"))::iterator)
                certificates.add(certificate(readPem(file, "CERTIFICATE")));
        } catch (GeneralSecurityException e) {
            throw new IOException("issued certificate unreadable in " + issuedDirectory + ": " + e.getMessage(), e);
        }
        certificates.sort((a, b) -> a.getSerialNumber().compareTo(b.getSerialNumber()));
        return certificates;
    }

    /** The directory the CA is kept in. */
    public Path directory() {
        return directory;
    }

    // --- helpers

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

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key);
            X509CertificateHolder holder = builder.build(signer);
            return certificate(holder.getEncoded());
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }

    private static X509Certificate certificate(byte[] der) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    /** Checks that the stored key signs what the stored certificate's key verifies. */
    private static void checkPair(PrivateKey key, X509Certificate certificate, Path keyFile, Path certFile)
        throws GeneralSecurityException, IOException {
        byte[] challenge = "MEF CA key check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM);
        signer.initSign(key);
        signer.update(challenge);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(challenge);
        if (!verifier.verify(signature)) throw new IOException(keyFile + " is not the key of " + certFile);
    }

    /** Escapes the RFC 4514 special characters of a value put into a DN string. */
    private static String escape(String value) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (",+\"\\<>;=#".indexOf(c) >= 0 || (c == ' ' && (i == 0 || i == value.length() - 1))) b.append('\\');
            b.append(c);
        }
        return b.toString();
    }

    private static byte[] pem(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] readPem(Path file, String type) throws IOException {
        try (PemReader reader = new PemReader(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
            PemObject object = reader.readPemObject();
            if (object == null || !type.equals(object.getType()))
                throw new IOException(file + " holds no PEM " + type);
            return object.getContent();
        }
    }

    private static void createOwnerOnlyDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) return;
        if (absolute.getParent() != null) createOwnerOnlyDirectories(absolute.getParent());
        if (POSIX) Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        else Files.createDirectory(absolute);
    }

    /**
     * Writes {@code content} to {@code target} through a temporary file in the same directory, forced to disk, then moved
     * atomically; {@code ownerOnly} creates the temporary file 0600 (the mode survives the move).
     */
    private static void writeAtomically(Path target, byte[] content, boolean ownerOnly) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        FileAttribute<?>[] attributes = ownerOnly && POSIX
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
            : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(temporary,
            java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) channel.write(buffer);
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    }
}
