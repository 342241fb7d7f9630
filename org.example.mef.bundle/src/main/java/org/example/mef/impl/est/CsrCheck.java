package org.example.mef.impl.est;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The checks the MEF, as EST server acting as RA (TS-0003 8.3.6.2), makes of a CSR before its CA issues a
 * certificate:
 * <ul>
 * <li>the CSR's signature verifies with its own public key (RFC 7030 4.2.1, PKCS#10 proof of possession) — else 400;</li>
 * <li>it is signed over a SHA-2 digest — else 400;</li>
 * <li>the key is EC P-256 or RSA of at least 2048 bits with an odd public exponent from 65537 to 2^256-1 — else 400;</li>
 * <li>the CSR asks, in its extensionRequest attribute, for a subjectAltName (TS-0003 10.1.4) — else 400 — holding
 * exactly one name, a URI of the name form of the expected certSubjectType ({@link CertSubject}) — else 400 — whose
 * identifier is the expected certSubjectID — else 403: a well-formed request for a subject the client is not
 * authorised for.</li>
 * </ul>
 * The signature of an EC key is verified with Bouncy Castle's lightweight API, any other with a private instance of
 * the Bouncy Castle provider ({@link BcProvider}): both read keys of curves the JDK no longer supports, which are then
 * refused for their size, not as unreadable.
 */
public final class CsrCheck {
    private static final int MIN_RSA_BITS = 2048;
    private static final DigestAlgorithmIdentifierFinder DIGESTS = new DefaultDigestAlgorithmIdentifierFinder();
    private static final Set<ASN1ObjectIdentifier> ECDSA_WITH_SHA2 = Set.of(X9ObjectIdentifiers.ecdsa_with_SHA224,
        X9ObjectIdentifiers.ecdsa_with_SHA256, X9ObjectIdentifiers.ecdsa_with_SHA384, X9ObjectIdentifiers.ecdsa_with_SHA512);
    private static final Set<ASN1ObjectIdentifier> RSA_WITH_SHA2 = Set.of(PKCSObjectIdentifiers.sha224WithRSAEncryption,
        PKCSObjectIdentifiers.sha256WithRSAEncryption, PKCSObjectIdentifiers.sha384WithRSAEncryption, PKCSObjectIdentifiers.sha512WithRSAEncryption);
    private static final Set<ASN1ObjectIdentifier> SHA2 = Set.of(NISTObjectIdentifiers.id_sha224, NISTObjectIdentifiers.id_sha256,
        NISTObjectIdentifiers.id_sha384, NISTObjectIdentifiers.id_sha512);
    /** FIPS 186-5 A.1.1: an RSA public exponent is odd, greater than 2^16 and smaller than 2^256. */
    private static final BigInteger MIN_RSA_EXPONENT = BigInteger.valueOf(65537);

    private CsrCheck() {}

    /** Throws {@link EstRefusal} unless {@code csr} is a CSR the MEF CA may issue a certificate for to {@code expected}. */
    public static void check(PKCS10CertificationRequest csr, CertSubject expected) throws EstRefusal {
        checkRequest(csr);
        checkSubject(csr, expected);
    }

    /** The checks that do not depend on the subject: signature (proof of possession) and key; once per CSR. */
    static void checkRequest(PKCS10CertificationRequest csr) throws EstRefusal {
        if (csr == null) throw new EstRefusal(EstRefusal.BAD_REQUEST, "no CSR");
        verifySignature(csr);
        checkKey(csr.getSubjectPublicKeyInfo());
    }

    /** The subjectAltName against one subject the client may enrol for. */
    static void checkSubject(PKCS10CertificationRequest csr, CertSubject expected) throws EstRefusal {
        checkSubjectAltName(csr, expected);
    }

    private static void verifySignature(PKCS10CertificationRequest csr) throws EstRefusal {
        checkSignatureAlgorithm(csr.getSignatureAlgorithm());
        boolean valid;
        try {
            valid = csr.isSignatureValid(verifierFor(csr.getSubjectPublicKeyInfo(), csr.getSignatureAlgorithm()));
        } catch (Exception e) {
            throw new EstRefusal(EstRefusal.BAD_REQUEST, "the CSR's signature cannot be verified: " + e.getMessage(), e);
        }
        if (!valid) throw new EstRefusal(EstRefusal.BAD_REQUEST,
            "the CSR's signature does not verify with its public key (no proof of possession of the private key)");
    }

    /**
     * A signature over SHA-1 or MD5 proves little (chosen-prefix collisions are practical): only SHA-2 digests, with
     * ECDSA, PKCS#1 v1.5 or RSASSA-PSS (whose parameters default to SHA-1, RFC 4055 3.1); csrattrs asks for
     * ecdsa-with-SHA256.
     */
    private static void checkSignatureAlgorithm(AlgorithmIdentifier algorithm) throws EstRefusal {
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        boolean sha2 = ECDSA_WITH_SHA2.contains(oid) || RSA_WITH_SHA2.contains(oid);
        if (PKCSObjectIdentifiers.id_RSASSA_PSS.equals(oid)) {
            try {
                Object parameters = algorithm.getParameters();
                RSASSAPSSparams pss = parameters == null || parameters instanceof ASN1Null ? null : RSASSAPSSparams.getInstance(parameters);
                sha2 = pss != null && SHA2.contains(pss.getHashAlgorithm().getAlgorithm()); // no parameters: all defaults, SHA-1
            } catch (RuntimeException e) { // BC casts the parameters' elements: a ClassCastException for a malformed SEQUENCE
                throw new EstRefusal(EstRefusal.BAD_REQUEST, "the CSR's RSASSA-PSS signature parameters cannot be read", e);
            }
        }
        if (!sha2) throw new EstRefusal(EstRefusal.BAD_REQUEST, "the CSR's signature algorithm " + oid.getId() + " is not one the MEF CA"
                + " takes as proof of possession: ECDSA, RSA PKCS#1 v1.5 or RSASSA-PSS over SHA-224, SHA-256, SHA-384 or SHA-512"
                + " (csrattrs asks for ecdsa-with-SHA256, RFC 7030 4.5)");
    }

    /**
     * Why not JcaContentVerifierProviderBuilder for EC keys: for ECDSA it returns a verifier that, after the
     * verification, verifies once more with a second ("raw") signature object in a finally block, so that a PKCS#11
     * session is released; that doubled the MEF's costliest step of an enrolment (BENCHMARKS.md, figure 13). Bouncy
     * Castle's lightweight verifier verifies once, but it takes any algorithm identifier it finds a digest for as ECDSA
     * over that digest (sha256WithRSAEncryption, md5WithRSAEncryption...): it is used only for an EC key signed with
     * ecdsa-with-SHA224/256/384/512. Every other CSR (RSA keys, PKCS#1 v1.5 and PSS, cheap to verify; an EC key under
     * another algorithm, which the JCA builder refuses) goes through the JCA builder.
     */
    private static ContentVerifierProvider verifierFor(SubjectPublicKeyInfo key, AlgorithmIdentifier signatureAlgorithm)
            throws OperatorCreationException, IOException {
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(key.getAlgorithm().getAlgorithm())
                && ECDSA_WITH_SHA2.contains(signatureAlgorithm.getAlgorithm())) {
            return new BcECContentVerifierProviderBuilder(DIGESTS).build(PublicKeyFactory.createKey(key));
        }
        return new JcaContentVerifierProviderBuilder().setProvider(BcProvider.INSTANCE).build(key);
    }

    private static void checkKey(SubjectPublicKeyInfo key) throws EstRefusal {
        AlgorithmIdentifier algorithm = key.getAlgorithm();
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
            Object curve = algorithm.getParameters();
            if (!SECObjectIdentifiers.secp256r1.equals(curve))
                throw new EstRefusal(EstRefusal.BAD_REQUEST, "the CSR's EC key is not on P-256 (secp256r1) but on "
                    + (curve instanceof ASN1ObjectIdentifier named ? named.getId() : "explicit or missing parameters"));
            return;
        }
        if (PKCSObjectIdentifiers.rsaEncryption.equals(oid)) {
            RSAPublicKey rsa;
            try {
                rsa = RSAPublicKey.getInstance(key.parsePublicKey());
            } catch (IOException | IllegalArgumentException e) {
                throw new EstRefusal(EstRefusal.BAD_REQUEST, "the CSR's RSA key cannot be read", e);
            }
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) throw new EstRefusal(EstRefusal.BAD_REQUEST,
                "the CSR's RSA key has " + bits + " bits, fewer than " + MIN_RSA_BITS);
            // e = 1 makes the "signature" the padded digest itself: a proof of possession anyone can forge, and a key
            // the JDK then refuses to read back from the signed certificate
            BigInteger e = rsa.getPublicExponent();
            if (e.compareTo(MIN_RSA_EXPONENT) < 0 || !e.testBit(0) || e.bitLength() > 256) throw new EstRefusal(EstRefusal.BAD_REQUEST,
                "the CSR's RSA key has the public exponent " + e + "; the MEF CA takes an odd exponent from 65537 to 2^256-1 (FIPS 186-5 A.1.1)");
            return;
        }
        throw new EstRefusal(EstRefusal.BAD_REQUEST,
            "the CSR's key algorithm " + oid.getId() + " is neither EC P-256 nor RSA of " + MIN_RSA_BITS + " bits or more");
    }

    private static void checkSubjectAltName(PKCS10CertificationRequest csr, CertSubject expected) throws EstRefusal {
        GeneralNames san = requestedSubjectAltName(csr);
        if (san == null) throw new EstRefusal(EstRefusal.BAD_REQUEST,
            "the CSR requests no subjectAltName; TS-0003 10.1.4 requires one carrying the " + expected.type()
                + " identifier as " + expected.type().uriPrefix() + "<id>");
        GeneralName[] names = san.getNames();
        if (names.length != 1) throw new EstRefusal(EstRefusal.BAD_REQUEST, "the CSR's subjectAltName holds "
            + names.length + " names (" + describe(names) + "); it shall hold exactly one, " + expected.uri());
        GeneralName name = names[0];
        String uri = name.getTagNo() == GeneralName.uniformResourceIdentifier
            ? DERIA5String.getInstance(name.getName()).getString() : null;
        if (uri == null || !uri.startsWith(expected.type().uriPrefix())) throw new EstRefusal(EstRefusal.BAD_REQUEST,
            "the CSR's subjectAltName " + describe(names) + " is not in the name form of a " + expected.type()
                + " identifier, a URI " + expected.type().uriPrefix() + "<id>");
        String id = uri.substring(expected.type().uriPrefix().length());
        if (!id.equals(expected.id())) throw new EstRefusal(EstRefusal.FORBIDDEN,
            "the CSR asks for " + expected.type() + " " + id + ", not for " + expected.id() + " which this client is authorised for");
    }

    /** The subjectAltName the CSR's extensionRequest (PKCS#9) attribute asks for, or null. */
    static GeneralNames requestedSubjectAltName(PKCS10CertificationRequest csr) throws EstRefusal {
        try {
            for (Attribute attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
                for (var value : attribute.getAttrValues()) {
                    Extensions extensions = Extensions.getInstance(value);
                    Extension extension = extensions.getExtension(Extension.subjectAlternativeName);
                    if (extension != null) return GeneralNames.getInstance(extension.getParsedValue());
                }
            }
            return null;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new EstRefusal(EstRefusal.BAD_REQUEST, "the CSR's extensionRequest cannot be read: " + e.getMessage(), e);
        }
    }

    private static String describe(GeneralName[] names) {
        return Arrays.stream(names).map(n -> tag(n.getTagNo()) + ":" + n.getName()).collect(Collectors.joining(", "));
    }

    private static String tag(int tag) {
        return switch (tag) {
            case GeneralName.otherName -> "otherName";
            case GeneralName.rfc822Name -> "email";
            case GeneralName.dNSName -> "DNS";
            case GeneralName.directoryName -> "DirName";
            case GeneralName.uniformResourceIdentifier -> "URI";
            case GeneralName.iPAddress -> "IP";
            case GeneralName.registeredID -> "RID";
            default -> "tag" + tag;
        };
    }
}
