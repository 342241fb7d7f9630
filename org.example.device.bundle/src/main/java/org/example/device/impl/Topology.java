package org.example.device.impl;

import static org.example.mgmtobj.api.Specialization.DATA_COLLECTION;
import static org.example.mgmtobj.api.Specialization.MAF_CLIENT_REG_CFG;
import static org.example.mgmtobj.api.Specialization.MEF_CLIENT_REG_CFG;
import static org.example.mgmtobj.api.Specialization.REGISTRATION;
import static org.example.mgmtobj.api.Specialization.TRUST_ANCHOR_CRED;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.example.tef.api.channel.CipherSuites;
import org.example.mgmtobj.api.MgmtLink;
import org.example.mgmtobj.api.MgmtObj;
import org.example.mgmtobj.api.ResourceTree;
import org.example.mgmtobj.api.Specialization;

/**
 * The MO graph of an [authenticationProfile], resolved through the {@link ResourceTree} and checked against TS-0003
 * 8.3.9.9.2 step 4 for every SUID group. Links, not nesting, make the relations (FACTS.md 1.3): a child (MEFClientRegCfg,
 * MAFClientRegCfg, trustAnchorCred) is an MO the profile's mgmtLink points at; the parent is the registration,
 * dataCollection or MAFClientRegCfg whose mgmtLink points at the profile.
 */
final class Topology {
    /**
     * The mandatory certificate suite of DTLS in 10.2.3, TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8: tef's {@link CipherSuites}
     * lists the suites its TLS offers, and this one is not among them; the other three mandatory suites are tef's.
     */
    static final int TLS_ECDHE_ECDSA_AES_128_CCM_8 = 0xC0AE;

    /** A profile whose graph satisfies 8.3.9.9.2, with what 8.3.9.9.3-.6 take from it. */
    static final class Resolved {
        final MgmtObj profile;
        /** The child MEFClientRegCfg (SUID 21-23) or MAFClientRegCfg (31-33); null for the other groups. */
        final MgmtObj serverCfg;
        final int suid;
        /** null for the SUIDs without a key registration */
        final Duration keyRegDuration;
        final List<String> targetIds;

        Resolved(MgmtObj profile, MgmtObj serverCfg, int suid, Duration keyRegDuration, List<String> targetIds) {
            this.profile = profile;
            this.serverCfg = serverCfg;
            this.suid = suid;
            this.keyRegDuration = keyRegDuration;
            this.targetIds = targetIds;
        }
    }

    private final ResourceTree tree;

    Topology(ResourceTree tree) { this.tree = tree; }

    /** The SUID group: 1 pre-provisioned, 2 MEF-established, 3 MAF-established symmetric key, 4 certificate (8.3.9.9.2). */
    static int group(int suid) { return suid / 10; }

    /** An authenticationProfile's SUID, 0 when it has none. */
    static int suid(MgmtObj profile) { return profile.longAttribute("SUID").map(Long::intValue).orElse(0); }

    /** The child client configuration the SUID group needs: MEFClientRegCfg for 21-23, MAFClientRegCfg for 31-33. */
    static Optional<Specialization> serverCfgOf(int suid) {
        return group(suid) == 2 ? Optional.of(MEF_CLIENT_REG_CFG) : group(suid) == 3 ? Optional.of(MAF_CLIENT_REG_CFG) : Optional.empty();
    }

    /**
     * Over a real tree a profile always exists before its parent: the parent's mgmtLink must name an existing MO, so the
     * profile's CREATED event comes first. What is fixed at creation (the profile's own attributes and its links to its
     * children, TS-0003 8.3.4.3) is judged at once; a parent that is missing is waited for ({@link RetryLater}).
     */
    Resolved resolve(MgmtObj profile, int suid) throws MoFailure, RetryLater {
        int group = group(suid);
        if (group < 1 || group > 4 || suid % 10 < 1 || suid % 10 > 3) {
            throw MoFailure.inconsistent("SUID " + suid + " is not one of 11-13, 21-23, 31-33, 41-43 that 8.3.9.9.2 processes");
        }
        // SUID 31 (parent MAFClientRegCfg and child MAFClientRegCfg) is not in TS-0004 (FACTS.md 6.1): the tree refuses it at
        // CREATE, so only 32 and 33 reach here; the rule is applied as written all the same.
        Specialization wanted = suid % 10 == 1 ? MAF_CLIENT_REG_CFG : suid % 10 == 2 ? REGISTRATION : DATA_COLLECTION;
        Duration duration = null;
        MgmtObj serverCfg = null;
        if (group == 1 && profile.stringAttribute("symmKeyID").isEmpty()) {
            throw MoFailure.inconsistent("SUID " + suid + " needs symmKeyID (8.3.9.9.2)");
        }
        if (group == 2 || group == 3) {
            duration = keyRegDuration(profile, suid);
            Specialization kind = serverCfgOf(suid).get();
            List<MgmtObj> children = linked(profile, kind);
            if (children.size() != 1) {
                throw MoFailure.inconsistent("SUID " + suid + " needs one child " + kind.longName() + " linked from the profile, found "
                        + children.size() + " (8.3.9.9.2)");
            }
            serverCfg = children.get(0);
        }
        if (suid % 10 != 3 && group != 4 && !hasSuite(profile, CipherSuites.TLS_PSK_WITH_AES_128_CBC_SHA256, CipherSuites.TLS_PSK_WITH_AES_128_CCM_8)) {
            // {11, 12, 21, 22, 31, 32} are the TLS-PSK frameworks (8.3.9.9.2)
            throw MoFailure.inconsistent("SUID " + suid + " needs TLSCiphersuites with 0x00AE or 0xC0A8 (10.2.2) (8.3.9.9.2)");
        }
        if (group == 4) certificateChecks(profile, suid);
        MgmtObj parent = parent(profile, suid, wanted);
        return new Resolved(profile, serverCfg, suid, duration, group == 2 || group == 3 ? List.of(targetId(parent)) : List.of());
    }

    private static Duration keyRegDuration(MgmtObj profile, int suid) throws MoFailure {
        String text = profile.stringAttribute("MAFKeyRegDuration")
                .orElseThrow(() -> MoFailure.inconsistent("SUID " + suid + " needs keyRegDuration (MAFKeyRegDuration) (8.3.9.9.2)"));
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) { // the tree accepts any positive xs:duration; years and months have no fixed length
            throw MoFailure.inconsistent("keyRegDuration " + text + " is not a duration of days, hours, minutes or seconds");
        }
    }

    /**
     * 41-43 (8.3.9.9.2): myCertFingerprint, a 10.2.3 suite, and trustAnchorCred children. The clause fails the profile
     * when it "has one or more" trustAnchorCred children, which would forbid the trust anchors a certificate framework
     * needs: FACTS.md 6.2 reads it as "has none", which is what is checked here.
     */
    private void certificateChecks(MgmtObj profile, int suid) throws MoFailure {
        if (profile.stringAttribute("myCertFingerprint").isEmpty()) {
            throw MoFailure.inconsistent("SUID " + suid + " needs myCertFingerprint (8.3.9.9.2)");
        }
        if (!hasSuite(profile, CipherSuites.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, TLS_ECDHE_ECDSA_AES_128_CCM_8)) {
            throw MoFailure.inconsistent("SUID " + suid + " needs TLSCiphersuites with 0xC023 or 0xC0AE (10.2.3) (8.3.9.9.2)");
        }
        if (linked(profile, TRUST_ANCHOR_CRED).isEmpty()) {
            throw MoFailure.inconsistent("SUID " + suid + " needs at least one child trustAnchorCred linked from the profile "
                    + "(8.3.9.9.2 says 'has one or more' fails; read as 'has none', FACTS.md 6.2)");
        }
    }

    private MgmtObj parent(MgmtObj profile, int suid, Specialization wanted) throws MoFailure, RetryLater {
        // the tree finds the MOs linking to the profile without a snapshot of every mgmtObj of the node (BENCHMARKS.md,
        // figure 12: those snapshots were most of the device side's CPU with many MOs on one node)
        List<MgmtObj> parents = tree.mgmtObjsLinkingTo(profile.resourceId()).stream()
                .filter(mo -> mo.specialization() == REGISTRATION || mo.specialization() == DATA_COLLECTION || mo.specialization() == MAF_CLIENT_REG_CFG)
                .collect(Collectors.toList());
        if (parents.isEmpty()) {
            // an MO change waits for its parent; an MO_NODE command finds the graph incomplete: 304 (8.3.9.9.2 step 4)
            throw new RetryLater("no parent " + wanted.longName() + " links to the profile yet (SUID " + suid + ", 8.3.9.9.2)",
                    MoFailure.INCONSISTENT_CONFIG);
        }
        if (parents.size() != 1) {
            throw MoFailure.inconsistent("SUID " + suid + " needs exactly one parent " + wanted.longName() + " linking to the profile, found "
                    + parents.size() + " parents (8.3.9.9.2)");
        }
        MgmtObj parent = parents.get(0);
        if (parent.specialization() != wanted) {
            throw MoFailure.inconsistent("SUID " + suid + " needs a parent " + wanted.longName() + ", the parent " + parent.resourceId()
                    + " is a " + parent.specialization().longName() + " (8.3.9.9.2)");
        }
        return parent;
    }

    /** 8.3.9.9.4, 8.3.9.9.5: the Registrar CSE-ID, the CSE-ID of containerPath, or the MAF's fqdn. */
    private static String targetId(MgmtObj parent) throws MoFailure {
        switch (parent.specialization()) {
            case REGISTRATION:
                return parent.stringAttribute("CSE-ID").orElseThrow(() -> MoFailure.inconsistent("the parent registration "
                        + parent.resourceId() + " has no CSE-ID of its Registrar CSE (8.3.9.9.4)"));
            case DATA_COLLECTION:
                return cseIdOf(parent.stringAttribute("containerPath").orElse(""))
                        .orElseThrow(() -> MoFailure.inconsistent("the containerPath of " + parent.resourceId()
                                + " names no CSE-ID: use an SP-relative (/cse-id/...) or absolute (//sp/cse-id/...) path (8.3.9.9.4)"));
            default:
                return parent.stringAttribute("fqdn").orElseThrow(() -> MoFailure.inconsistent("the parent MAFClientRegCfg has no fqdn"));
        }
    }

    /** The CSE-ID part of a resource address (TS-0001 7.2): "/cse-id/..." gives "/cse-id", "//sp/cse-id/..." gives "//sp/cse-id". */
    static Optional<String> cseIdOf(String path) {
        int start;
        if (path.startsWith("//")) {
            int sp = path.indexOf('/', 2);
            if (sp < 0) return Optional.empty();
            start = sp + 1;
        } else if (path.startsWith("/")) {
            start = 1;
        } else {
            return Optional.empty(); // CSE-relative: the container is on some CSE this path does not name
        }
        int end = path.indexOf('/', start);
        String id = path.substring(0, end < 0 ? path.length() : end);
        return id.length() > start ? Optional.of(id) : Optional.empty();
    }

    private static boolean hasSuite(MgmtObj profile, long one, long other) {
        Object suites = profile.attribute("TLSCiphersuites").orElse(null);
        if (!(suites instanceof List)) return false;
        return ((List<?>) suites).stream().anyMatch(s -> s instanceof Number
                && (((Number) s).longValue() == one || ((Number) s).longValue() == other));
    }

    private List<MgmtObj> linked(MgmtObj from, Specialization kind) { return linked(tree, from, kind); }

    /** The MOs of {@code kind} that {@code from}'s mgmtLinks name and that exist (also MafHandshakeCertificate's). */
    static List<MgmtObj> linked(ResourceTree tree, MgmtObj from, Specialization kind) {
        return from.links().stream().filter(l -> l.mgd() == kind.mgd()).map(MgmtLink::target).map(tree::mgmtObj)
                .flatMap(Optional::stream).filter(mo -> mo.specialization() == kind).collect(Collectors.toList());
    }

    /** A MEFClientRegCfg or MAFClientRegCfg: an MO that has a client of its own. */
    static boolean isClientCfg(MgmtObj mo) { return mo.specialization() == MEF_CLIENT_REG_CFG || mo.specialization() == MAF_CLIENT_REG_CFG; }
}
