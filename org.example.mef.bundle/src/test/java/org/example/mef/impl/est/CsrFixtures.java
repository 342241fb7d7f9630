package org.example.mef.impl.est;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.spec.ECGenParameterSpec;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** CSRs for the EST tests, made with BC's JcaPKCS10CertificationRequestBuilder. */
public final class CsrFixtures {
    /** A private BC provider instance (not registered): the JDK 17 SunEC no longer makes P-192 keys. */
    public static final Provider BC = new BouncyCastleProvider();

    private CsrFixtures() {}

    public static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    public static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", BC);
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    /** A CSR for {@code keys}, subject {@code subject}, asking for a subjectAltName of {@code names} (none if empty). */
    public static PKCS10CertificationRequest csr(KeyPair keys, String subject, GeneralName... names) throws Exception {
        PKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), keys.getPublic());
        if (names.length > 0) {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
        }
        String algorithm = keys.getPublic().getAlgorithm().startsWith("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return builder.build(new JcaContentSignerBuilder(algorithm).setProvider(BC).build(keys.getPrivate()));
    }

    /** A CSR for {@code subject} signed with the JCA signature {@code algorithm}, such as SHA1withECDSA. */
    public static PKCS10CertificationRequest csr(KeyPair keys, CertSubject subject, String algorithm) throws Exception {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(subject.subjectAltName()));
        return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + subject.id()), keys.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                .build(new JcaContentSignerBuilder(algorithm).setProvider(BC).build(keys.getPrivate()));
    }

    /** An RSA key pair of {@code bits} with the public exponent {@code exponent}. */
    public static KeyPair rsa(int bits, long exponent) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", BC);
        generator.initialize(new java.security.spec.RSAKeyGenParameterSpec(bits, java.math.BigInteger.valueOf(exponent)));
        return generator.generateKeyPair();
    }

    public static PKCS10CertificationRequest csr(KeyPair keys, CertSubject subject) throws Exception {
        return csr(keys, "CN=" + subject.id(), subject.subjectAltName());
    }

    public static GeneralName uri(String uri) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, uri);
    }
}
