package org.example.tef.impl.tls;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
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

/** EC P-256 / SHA256withECDSA certificates made at test time with bcpkix: a CA and the end entities it issues. */
final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    final KeyPair caKeys;
    final X509Certificate ca;
    private final X500Name caName;

    TestPki(String caCommonName) throws Exception {
        caKeys = p256();
        caName = new X500Name("CN=" + caCommonName);
        JcaX509v3CertificateBuilder builder = builder(caName, caName, caKeys);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        ca = sign(builder, caKeys);
    }

    /** A server (MAF/MEF) certificate: FQDN in subjectAltName dNSName (TS-0003 10.1.3). */
    CertificateCredential server(String dnsName) throws Exception {
        return endEntity("CN=" + dnsName, new GeneralName(GeneralName.dNSName, dnsName));
    }

    /** A client certificate whose subjectAltName is a URI, such as a CSE-ID. */
    CertificateCredential clientWithUri(String commonName, String uri) throws Exception {
        return endEntity("CN=" + commonName, new GeneralName(GeneralName.uniformResourceIdentifier, uri));
    }

    private CertificateCredential endEntity(String subject, GeneralName san) throws Exception {
        KeyPair keys = p256();
        JcaX509v3CertificateBuilder builder = builder(caName, new X500Name(subject), keys);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san));
        return new CertificateCredential(keys.getPrivate(), List.of(sign(builder, caKeys)));
    }

    private static JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        long now = System.currentTimeMillis();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
            new Date(now - 3_600_000L), new Date(now + 86_400_000L), subject, keys.getPublic());
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair issuerKeys) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
