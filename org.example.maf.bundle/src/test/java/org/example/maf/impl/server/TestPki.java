package org.example.maf.impl.server;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.example.tef.api.channel.CertificateCredential;

/**
 * A P-256 CA made at test time and the certificates it issues (SHA256withECDSA, TS-0003 10.2.3), with PEM files
 * as an operator would hand them to the MAF.
 */
final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    final KeyPair caKeys;
    final X509Certificate ca;
    private final X500Name caName;

    TestPki(String caCommonName) throws Exception {
        caKeys = p256();
        caName = new X500Name("CN=" + caCommonName);
        JcaX509v3CertificateBuilder builder = builder(caName, caName, caKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        ca = sign(builder);
    }

    /** A MAF certificate: its FQDN in subjectAltName dNSName (TS-0003 10.1.3). */
    CertificateCredential server(String dnsName) throws Exception {
        return endEntity("CN=" + dnsName, new GeneralName(GeneralName.dNSName, dnsName));
    }

    /** A MAF Client certificate: a CSE-ID certificate (8.8.3.1) with the CSE-ID as a subjectAltName URI. */
    CertificateCredential client(String commonName, String cseId) throws Exception {
        return endEntity("CN=" + commonName, new GeneralName(GeneralName.uniformResourceIdentifier, "urn:onem2m:cse:" + cseId));
    }

    private CertificateCredential endEntity(String subject, GeneralName san) throws Exception {
        KeyPair keys = p256();
        JcaX509v3CertificateBuilder builder = builder(caName, new X500Name(subject), keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san));
        return new CertificateCredential(keys.getPrivate(), List.of(sign(builder)));
    }

    private static JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, java.security.PublicKey key) {
        long now = System.currentTimeMillis();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                new Date(now - 3_600_000L), new Date(now + 86_400_000L), subject, key);
    }

    private X509Certificate sign(JcaX509v3CertificateBuilder builder) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
    }

    static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** One PEM block (RFC 7468) per DER value, in order. */
    static Path pem(Path file, String type, byte[]... ders) throws IOException {
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
