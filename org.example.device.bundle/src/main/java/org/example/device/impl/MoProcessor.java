package org.example.device.impl;

import static org.example.mgmtobj.api.Specialization.AUTHENTICATION_PROFILE;
import static org.example.mgmtobj.api.Specialization.MAF_CLIENT_REG_CFG;
import static org.example.mgmtobj.api.Specialization.MEF_CLIENT_REG_CFG;
import static org.example.mgmtobj.api.Specialization.TRUST_ANCHOR_CRED;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.example.device.impl.trust.TrustAnchorException;
import org.example.device.impl.trust.TrustAnchors;
import org.example.mgmtobj.api.MgmtObj;
import org.example.mgmtobj.api.MgmtObjEvent.Kind;
import org.example.mgmtobj.api.ResourceTree;
import org.example.mgmtobj.api.Specialization;
import org.example.tef.client.DistributedKey;
import org.example.tef.client.TefException;

/**
 * "Process this MO node" (TS-0003 8.3.9.9): the one implementation that MO changes (seed 000: 8.3.4.2, 8.3.4.3) and
 * MO_NODE commands (8.3.9.9.1) both call. MEFClientRegCfg and MAFClientRegCfg go to {@link ClientRegCfgProcessing},
 * authenticationProfile to {@link ProfileProcessing}, trustAnchorCred to {@link TrustAnchors}. Returns what was done, or empty when the change asks for nothing;
 * throws {@link RetryLater} when the server did not answer or a precondition is not met yet, {@link MoFailure} otherwise.
 */
final class MoProcessor implements MoLanes.Procedures {
    /** The specializations whose changes are processed. */
    static final Set<Specialization> PROCESSED = Set.of(MEF_CLIENT_REG_CFG, MAF_CLIENT_REG_CFG, AUTHENTICATION_PROFILE, TRUST_ANCHOR_CRED);

    private final ProfileProcessing profiles;
    private final ClientRegCfgProcessing cfgs;
    private final TrustAnchors trustAnchors;

    MoProcessor(ResourceTree tree, DeviceClients clients, TrustAnchors trustAnchors, StatusBook clock, String cseId, String adminOriginator,
            String deviceClientId, DeviceCertificate deviceCertificate) {
        this.profiles = new ProfileProcessing(tree, clients, clock, cseId, adminOriginator, deviceCertificate);
        this.cfgs = new ClientRegCfgProcessing(clients, profiles, clock, deviceClientId);
        this.trustAnchors = trustAnchors;
    }

    /** Whether this change asks for processing at all: only what 8.3.4.2, 8.3.4.3 and 8.3.9.9 name. */
    static boolean triggers(Kind kind, MgmtObj mo, MgmtObj previous) {
        if (!PROCESSED.contains(mo.specialization())) return false;
        if (kind != Kind.UPDATED || previous == null) return true;
        if (mo.specialization() == AUTHENTICATION_PROFILE) {
            // 8.3.4.3: only expirationTime may change after creation. This also ends the loop of our own symmKeyID UPDATE.
            return !Objects.equals(mo.expirationTime(), previous.expirationTime());
        }
        return !Objects.equals(mo.attributes(), previous.attributes()) || !Objects.equals(mo.expirationTime(), previous.expirationTime())
                || !mo.labels().equals(previous.labels());
    }

    @Override
    public Optional<String> process(Kind kind, MgmtObj mo, MgmtObj previous) throws RetryLater, MoFailure {
        try {
            if (mo.specialization() == AUTHENTICATION_PROFILE) return profiles.process(kind, mo);
            if (Topology.isClientCfg(mo)) return cfgs.process(kind, mo, previous);
            if (mo.specialization() == TRUST_ANCHOR_CRED) return Optional.of(trustAnchor(kind, mo));
            return Optional.empty();
        } catch (TefException e) {
            String server = mo.specialization() == MAF_CLIENT_REG_CFG || (mo.specialization() == AUTHENTICATION_PROFILE
                    && Topology.group(Topology.suid(mo)) == 3) ? "MAF" : "MEF";
            if (e.rsc() == 0) throw new RetryLater("no answer from the " + server + ": " + e.getMessage());
            throw MoFailure.processing("the " + server + " refused with " + e.rsc() + ": " + e.getMessage());
        }
    }

    /**
     * 8.3.9.9.7: the certificate certFingerprint names, held or fetched from URI (HTTPS) and checked, is kept as a trust
     * anchor associated with the MO; deletion or expiry ends the association. Any failure is PROCESSING_FAILED.
     */
    private String trustAnchor(Kind kind, MgmtObj tac) throws MoFailure {
        if (kind == Kind.DELETED || kind == Kind.EXPIRED) {
            trustAnchors.forget(tac.resourceId());
            return "trust anchor no longer used";
        }
        try {
            X509Certificate c = trustAnchors.process(tac.resourceId(), tac.stringAttribute("certFingerprint").orElse(""),
                    tac.stringAttribute("URI").orElse(null));
            return "trust anchor " + c.getSubjectX500Principal().getName();
        } catch (TrustAnchorException e) {
            throw MoFailure.processing(e.getMessage() + " (8.3.9.9.7)");
        }
    }

    Optional<DistributedKey> keyOfProfile(String profileResourceId, Instant now) { return profiles.keyOfProfile(profileResourceId, now); }

    Optional<DistributedKey> keyByIdentifier(String keyIdentifier, Instant now) { return profiles.keyByIdentifier(keyIdentifier, now); }
}
