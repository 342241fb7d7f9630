package org.example.onem2m.testsupport;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A P-256 CA made at test time and the end-entity certificates it issues, all SHA256withECDSA (the mandatory
 * certificate suite of TS-0003 10.2.3), valid from an hour ago for a day; plus PEM files as an operator would
 * hand them to a server.
 * <p>
 * It returns {@link Issued} rather than tef's {@code CertificateCredential}, so that this module depends on no
 * bundle and tef's own tests can use it: {@code pki.server(fqdn).as(CertificateCredential::new)}.
 */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    public final KeyPair caKeys;
    public final X509Certificate ca;
    private final X500Name caName;

    /** A CA valid from an hour ago for a day, as its end-entity certificates are. */
    public TestPki(String caCommonName) throws Exception {
        this(caCommonName, Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)));
    }

    /** A CA valid from {@code notBefore} to {@code notAfter}, e.g. one that has lapsed. */
    public TestPki(String caCommonName, Instant notBefore, Instant notAfter) throws Exception {
        caKeys = p256();
        caName = new X500Name("CN=" + caCommonName);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caName, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(notBefore), Date.from(notAfter), caName, caKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        ca = sign(builder);
    }

    /** A private key and its certificate chain (end entity only; the CA is {@link TestPki#ca}). */
    public static final class Issued {
        private final PrivateKey privateKey;
        private final List<X509Certificate> chain;

        Issued(PrivateKey privateKey, List<X509Certificate> chain) {
            this.privateKey = privateKey;
            this.chain = List.copyOf(chain);
        }

        public PrivateKey privateKey() { return privateKey; }
        public List<X509Certificate> chain() { return chain; }
        public X509Certificate certificate() { return chain.get(0); }

        /** Converts to the caller's credential type, e.g. {@code as(CertificateCredential::new)}. */
        public <T> T as(BiFunction<PrivateKey, List<X509Certificate>, T> credential) {
            return credential.apply(privateKey, chain);
        }
    }

    /** A server (MAF/MEF) certificate: its FQDN in subjectAltName dNSName (TS-0003 10.1.3). */
    public Issued server(String dnsName) throws Exception {
        return endEntity("CN=" + dnsName, new GeneralName(GeneralName.dNSName, dnsName));
    }

    /** A client certificate whose subjectAltName is a URI, such as {@code urn:onem2m:cse:<CSE-ID>}. */
    public Issued clientWithUri(String commonName, String uri) throws Exception {
        return endEntity("CN=" + commonName, new GeneralName(GeneralName.uniformResourceIdentifier, uri));
    }

    /** A MAF Client certificate: a CSE-ID certificate (TS-0003 8.8.3.1) with the CSE-ID as a subjectAltName URI. */
    public Issued client(String commonName, String cseId) throws Exception {
        return clientWithUri(commonName, "urn:onem2m:cse:" + cseId);
    }

    /** A certificate naming {@code dnsName} whose extendedKeyUsage allows clientAuth only (as the MEF CA's EST certificates). */
    public Issued clientAuthOnly(String dnsName) throws Exception {
        return endEntity("CN=" + dnsName, new GeneralName(GeneralName.dNSName, dnsName),
                org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_clientAuth);
    }

    private Issued endEntity(String subject, GeneralName san, org.bouncycastle.asn1.x509.KeyPurposeId... purposes) throws Exception {
        KeyPair keys = p256();
        JcaX509v3CertificateBuilder builder = builder(caName, new X500Name(subject), keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san));
        if (purposes.length > 0) builder.addExtension(Extension.extendedKeyUsage, false, new org.bouncycastle.asn1.x509.ExtendedKeyUsage(purposes));
        return new Issued(keys.getPrivate(), List.of(sign(builder)));
    }

    private static JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key) {
        long now = System.currentTimeMillis();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                new Date(now - 3_600_000L), new Date(now + 86_400_000L), subject, key);
    }

    private X509Certificate sign(JcaX509v3CertificateBuilder builder) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
    }

    /** A fresh secp256r1 key pair. */
    public static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** Writes one PEM block (RFC 7468) per DER value, in order, to {@code file}, and returns it. */
    public static Path pem(Path file, String type, byte[]... ders) throws IOException {
        StringBuilder text = new StringBuilder();
        for (byte[] der : ders) {
            text.append("-----BEGIN ").append(type).append("-----\n")
                    .append(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der))
                    .append("\n-----END ").append(type).append("-----\n");
        }
        Files.writeString(file, text.toString());
        return file;
    }
}
