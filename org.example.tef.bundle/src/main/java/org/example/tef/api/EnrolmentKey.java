package org.example.tef.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An Enrolment Key Ke and its identifier KeID (TS-0003 10.3.1, 10.3.4), and the keys derived from it (10.3.2, 10.3.3,
 * 10.3.7). After a MEF Handshake both the Enrolee and the MEF export 48 bytes with {@code EXPORTER-oneM2M-Bootstrap};
 * Ke is the 32 least significant bytes, RelativeKeID the 16 most significant, and
 * {@code KeID = hexBinary(RelativeKeID)@MEF-FQDN}.
 * <p>
 * Every derivation is HMAC-SHA-256 keyed with Ke over a label and identifiers encoded as UTF-8 after Unicode
 * normalisation form KC (the clauses require NFKC, so "ｍａｆ.example.com" and "maf.example.com" derive the same key).
 * The JDK's {@link Mac} computes it; the clauses define nothing a library would add.
 */
public final class EnrolmentKey {
    /** 10.3.2: Km for a MAF, from its MAF-ID. */
    public static final String MASTER_CREDENTIAL_LABEL = "oneM2M Enrolment Key to Master Credential derivation";
    /** 10.3.3: Kpsa for Enrolee B, from its CSE-ID or AE-ID. */
    public static final String PROVISIONED_SECURE_CONNECTION_LABEL = "oneM2M Enrolment Key to Provisioned Secure Connection Key derivation";
    /** 10.3.7: a key for one SUID and one Enrolment Target. */
    public static final String USAGE_CONSTRAINED_LABEL = "oneM2M Enrolment Key to Usage-Constrained Symmetric Key derivation";

    private final byte[] ke;
    private final String relativeKeId;
    private final String mefFqdn;

    private EnrolmentKey(byte[] ke, String relativeKeId, String mefFqdn) {
        this.ke = ke;
        this.relativeKeId = relativeKeId;
        this.mefFqdn = mefFqdn;
    }

    /**
     * Ke and RelativeKeID from the 48 bytes exported with {@link KeyExport#BOOTSTRAP_LABEL} (10.3.1).
     *
     * @throws IllegalArgumentException if the export is not 48 bytes or the FQDN is not one
     */
    public static EnrolmentKey fromBootstrapExport(byte[] exported, String mefFqdn) {
        KeyExport split = KeyExport.split(exported);
        return of(split.relativeKeyId(), split.key(), mefFqdn);
    }

    /** A stored Enrolment Key: its RelativeKeID (hexBinary), its 32-byte value and its MEF's FQDN. */
    public static EnrolmentKey of(String relativeKeId, byte[] ke, String mefFqdn) {
        Objects.requireNonNull(ke, "ke");
        if (ke.length != 32) throw new IllegalArgumentException("an Enrolment Key is 32 bytes (10.3.1), not " + ke.length);
        Identifiers.join(relativeKeId, mefFqdn); // checks both parts
        return new EnrolmentKey(ke.clone(), relativeKeId, mefFqdn.toLowerCase(java.util.Locale.ROOT));
    }

    /** {@code hexBinary(RelativeKeID)@MEF-FQDN} (10.3.4). */
    public String keId() { return Identifiers.join(relativeKeId, mefFqdn); }

    public String relativeKeId() { return relativeKeId; }

    public String mefFqdn() { return mefFqdn; }

    /** The 32 bytes of Ke; a copy. */
    public byte[] value() { return ke.clone(); }

    /** Km := HMAC-SHA-256(Ke, label || MAF-ID) (10.3.2). */
    public byte[] masterCredential(String mafId) {
        return hmac(MASTER_CREDENTIAL_LABEL + nfkc(mafId, "MAF-ID"));
    }

    /** Kpsa := HMAC-SHA-256(Ke, label || Enrolee-B-ID) (10.3.3). */
    public byte[] provisionedSecureConnectionKey(String enroleeBId) {
        return hmac(PROVISIONED_SECURE_CONNECTION_LABEL + nfkc(enroleeBId, "Enrolee-B-ID"));
    }

    /**
     * HMAC-SHA-256(Ke, label || SUID || Enrolment-Target-ID) (10.3.7): the credential a MEF gives an Enrolment Target
     * such as a MAF through fetchCredentials (8.3.2.1). The clause does not say how the SUID is encoded; it is its
     * decimal digits here (FACTS.md 3.6, an assumption), e.g. "21".
     */
    public byte[] usageConstrainedKey(int suid, String enrolmentTargetId) {
        if (suid < 0) throw new IllegalArgumentException("a SUID is not negative: " + suid);
        return hmac(USAGE_CONSTRAINED_LABEL + suid + nfkc(enrolmentTargetId, "Enrolment-Target-ID"));
    }

    private static String nfkc(String id, String what) {
        if (id == null || id.isEmpty()) throw new IllegalArgumentException(what + " is empty");
        return Normalizer.normalize(id, Normalizer.Form.NFKC);
    }

    private byte[] hmac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(ke, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available in this JVM", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnrolmentKey && Arrays.equals(ke, ((EnrolmentKey) o).ke) && keId().equals(((EnrolmentKey) o).keId());
    }

    @Override
    public int hashCode() { return keId().hashCode(); }

    /** The KeID only: the key's value never reaches a log. */
    @Override
    public String toString() { return "EnrolmentKey[" + keId() + ", Ke=(32 bytes)]"; }
}
