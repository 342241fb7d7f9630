package org.example.device.impl;

import static org.example.mgmtobj.api.Specialization.AUTHENTICATION_PROFILE;
import static org.example.mgmtobj.api.Specialization.TRUST_ANCHOR_CRED;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.example.device.impl.trust.TrustAnchorException;
import org.example.device.impl.trust.TrustAnchors;
import org.example.mef.api.ProvisionedCertificate;
import org.example.mgmtobj.api.MgmtObj;
import org.example.mgmtobj.api.ResourceTree;
import org.example.tef.api.channel.CertificateCredential;

/**
 * Whether a MAFClientRegCfg's MAF Handshake (TS-0003 8.8.2.2) is certificate-based: it is when the MAFClientRegCfg links
 * to an authenticationProfile with SUID 41, "a certificate intended to be shared with a MAF" (TS-0004 6.3.4.2.39; a
 * MAFClientRegCfg is the parent 8.3.9.9.2 requires of SUIDs 11, 21, 31 and 41). The MAF Client then authenticates with
 * the local certificate the profile's myCertFingerprint names (8.3.9.9.6: configured or MEF-provisioned) and checks the
 * MAF's certificate against the profile's trustAnchorCred certificates (8.3.9.9.7). What is not there yet (the
 * certificate a CERT_PROV command will provision, a trustAnchorCred still being fetched) is waited for.
 */
final class MafHandshakeCertificate {
    static final int SUID_CERTIFICATE_WITH_MAF = 41;

    /** What the MAF Client authenticates with and trusts. */
    record Choice(CertificateCredential credential, List<X509Certificate> mafTrustAnchors, String description) {}

    private final ResourceTree tree;
    private final DeviceCertificate configured;
    private final TrustAnchors anchors;

    /** @param configured the device's own certificate, or null */
    MafHandshakeCertificate(ResourceTree tree, DeviceCertificate configured, TrustAnchors anchors) {
        this.tree = tree;
        this.configured = configured;
        this.anchors = anchors;
    }

    /** Empty: no SUID 41 profile, the handshake stays TLS-PSK. */
    Optional<Choice> of(MgmtObj mafClientRegCfg, List<ProvisionedCertificate> provisioned) throws MoFailure, RetryLater {
        List<MgmtObj> profiles = Topology.linked(tree, mafClientRegCfg, AUTHENTICATION_PROFILE).stream()
                .filter(p -> p.longAttribute("SUID").orElse(0L) == SUID_CERTIFICATE_WITH_MAF).collect(Collectors.toList());
        if (profiles.isEmpty()) return Optional.empty();
        if (profiles.size() > 1) throw MoFailure.inconsistent("the MAFClientRegCfg links to " + profiles.size() + " SUID 41 profiles; one says how it authenticates");
        MgmtObj profile = profiles.get(0);
        String fingerprint = profile.stringAttribute("myCertFingerprint")
                .orElseThrow(() -> MoFailure.inconsistent("SUID 41 profile " + profile.resourceId() + " without myCertFingerprint (8.3.9.9.2)"));
        LocalCertificates.Local local;
        try {
            local = new LocalCertificates(configured, provisioned).named(fingerprint).orElseThrow(() -> new RetryLater("no local certificate"
                    + " is the one myCertFingerprint " + fingerprint + " of profile " + profile.resourceId() + " names yet (8.3.9.9.6)"));
        } catch (TrustAnchorException e) {
            throw MoFailure.processing(e.getMessage() + " (myCertFingerprint of " + profile.resourceId() + ")");
        }
        List<X509Certificate> trusted = new ArrayList<>();
        for (MgmtObj tac : Topology.linked(tree, profile, TRUST_ANCHOR_CRED)) {
            trusted.add(anchors.of(tac.resourceId()).orElseThrow(() -> new RetryLater("the trustAnchorCred " + tac.resourceId()
                    + " of profile " + profile.resourceId() + " holds no certificate yet (8.3.9.9.7)")));
        }
        if (trusted.isEmpty()) throw MoFailure.inconsistent("SUID 41 profile " + profile.resourceId() + " links to no trustAnchorCred (8.3.9.9.2, FACTS.md 6.2)");
        return Optional.of(new Choice(local.credential(), trusted, local.description()));
    }
}
