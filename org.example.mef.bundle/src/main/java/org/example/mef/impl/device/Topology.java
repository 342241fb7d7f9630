package org.example.mef.impl.device;

import static org.example.mgmtobj.api.Specialization.AUTHENTICATION_PROFILE;
import static org.example.mgmtobj.api.Specialization.DATA_COLLECTION;
import static org.example.mgmtobj.api.Specialization.MAF_CLIENT_REG_CFG;
import static org.example.mgmtobj.api.Specialization.MEF_CLIENT_REG_CFG;
import static org.example.mgmtobj.api.Specialization.REGISTRATION;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.example.mgmtobj.api.MgmtLink;
import org.example.mgmtobj.api.MgmtObj;
import org.example.mgmtobj.api.ResourceTree;
import org.example.mgmtobj.api.Specialization;

/**
 * The MO graph of an [authenticationProfile] with a MEF-established key SUID (21, 22, 23), resolved through the
 * {@link ResourceTree} and checked against TS-0003 8.3.9.9.2. Links, not nesting, make the relations (FACTS.md 1.3):
 * the child MEFClientRegCfg is the one the profile's mgmtLink points at; the parent is the registration, dataCollection
 * or MAFClientRegCfg whose mgmtLink points at the profile.
 */
final class Topology {
    /** The mandatory PSK suites of 10.2.2: TLS_PSK_WITH_AES_128_CBC_SHA256 (TLS) and TLS_PSK_WITH_AES_128_CCM_8 (DTLS). */
    static final long TLS_PSK_AES_128_CBC_SHA256 = 0x00AE, TLS_PSK_AES_128_CCM_8 = 0xC0A8;

    /** A profile whose graph satisfies 8.3.9.9.2, with what 8.3.9.9.4 takes from it. */
    static final class Resolved {
        final MgmtObj profile, mefCfg, parent;
        final int suid;
        final Duration keyRegDuration;
        final List<String> targetIds;

        Resolved(MgmtObj profile, MgmtObj mefCfg, MgmtObj parent, int suid, Duration keyRegDuration, List<String> targetIds) {
            this.profile = profile;
            this.mefCfg = mefCfg;
            this.parent = parent;
            this.suid = suid;
            this.keyRegDuration = keyRegDuration;
            this.targetIds = targetIds;
        }
    }

    private final ResourceTree tree;

    Topology(ResourceTree tree) { this.tree = tree; }

    /** The child MEFClientRegCfg the profile links to, if exactly one resolves. */
    Optional<MgmtObj> mefCfgOf(MgmtObj profile) {
        List<MgmtObj> children = linked(profile, MEF_CLIENT_REG_CFG);
        return children.size() == 1 ? Optional.of(children.get(0)) : Optional.empty();
    }

    /**
     * Over a real tree a profile always exists before its parent: the parent's mgmtLink must name an existing MO, so the
     * profile's CREATED event comes first. What is fixed at creation (the profile's own attributes and its link to the
     * MEFClientRegCfg, TS-0003 8.3.4.3) is judged at once; a parent that is missing is waited for ({@link RetryLater}).
     */
    Resolved resolve(MgmtObj profile, int suid) throws MoFailure, RetryLater {
        Specialization wanted = suid == 21 ? MAF_CLIENT_REG_CFG : suid == 22 ? REGISTRATION : DATA_COLLECTION;
        String durationText = profile.stringAttribute("MAFKeyRegDuration")
                .orElseThrow(() -> MoFailure.inconsistent("SUID " + suid + " needs keyRegDuration (MAFKeyRegDuration) (8.3.9.9.2)"));
        Duration duration;
        try {
            duration = Duration.parse(durationText);
        } catch (DateTimeParseException e) { // the tree accepts any positive xs:duration; years and months have no fixed length
            throw MoFailure.inconsistent("keyRegDuration " + durationText + " is not a duration of days, hours, minutes or seconds");
        }
        List<MgmtObj> children = linked(profile, MEF_CLIENT_REG_CFG);
        if (children.size() != 1) {
            throw MoFailure.inconsistent("SUID " + suid + " needs one child MEFClientRegCfg linked from the profile, found " + children.size()
                    + " (8.3.9.9.2)");
        }
        if (suid != 23 && !hasPskSuite(profile)) { // {21, 22} are TLS-PSK frameworks, 23 is not in that set (8.3.9.9.2)
            throw MoFailure.inconsistent("SUID " + suid + " needs TLSCiphersuites with 0x00AE or 0xC0A8 (10.2.2) (8.3.9.9.2)");
        }
        List<MgmtObj> parents = tree.mgmtObjsOf(profile.nodeId()).stream()
                .filter(mo -> mo.specialization() == REGISTRATION || mo.specialization() == DATA_COLLECTION || mo.specialization() == MAF_CLIENT_REG_CFG)
                .filter(mo -> mo.links().stream().anyMatch(l -> l.target().equals(profile.resourceId())))
                .collect(Collectors.toList());
        if (parents.isEmpty()) {
            throw new RetryLater("no parent " + wanted.longName() + " links to the profile yet (SUID " + suid + ", 8.3.9.9.2)");
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
        return new Resolved(profile, children.get(0), parent, suid, duration, List.of(targetId(parent)));
    }

    /** 8.3.9.9.4: the Registrar CSE-ID, the CSE-ID of containerPath, or the MAF's fqdn. */
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

    private static boolean hasPskSuite(MgmtObj profile) {
        Object suites = profile.attribute("TLSCiphersuites").orElse(null);
        if (!(suites instanceof List)) return false;
        return ((List<?>) suites).stream().anyMatch(s -> s instanceof Number
                && (((Number) s).longValue() == TLS_PSK_AES_128_CBC_SHA256 || ((Number) s).longValue() == TLS_PSK_AES_128_CCM_8));
    }

    private List<MgmtObj> linked(MgmtObj from, Specialization kind) {
        return from.links().stream().filter(l -> l.mgd() == kind.mgd()).map(MgmtLink::target).map(tree::mgmtObj)
                .flatMap(Optional::stream).filter(mo -> mo.specialization() == kind).collect(Collectors.toList());
    }

    static boolean isProfile(MgmtObj mo) { return mo.specialization() == AUTHENTICATION_PROFILE; }
}
