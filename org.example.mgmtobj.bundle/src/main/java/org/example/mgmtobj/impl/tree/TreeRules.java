package org.example.mgmtobj.impl.tree;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.mgmtobj.api.Specialization;
import org.example.mgmtobj.impl.schema.Rejection;
import org.example.onem2m.primitive.M2mTimestamp;
import org.example.mgmtobj.impl.store.StoredResource;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The rules a single attribute's type check cannot judge: who may ask, and those that need more than one
 * attribute or more than one resource. The per-attribute checks are {@code RepresentationValidator}'s.
 * <p>
 * The rules that read siblings or link targets read only live resources from the writer's {@link ResourceIndex}
 * (which holds the changes queued for the store too); {@link TreeWriter} calls them under its write lock, so what
 * they checked is still true when it queues its change.
 */
final class TreeRules {
    /**
     * An unreserved or sub-delim character of RFC 3986, or ':' or '@': one path segment needs no escaping. Not ';':
     * servlet containers cut a segment at it (a path parameter, Servlet 4.0 3.5), so {@code DELETE .../a;b} reached {@code a}.
     */
    private static final Pattern RESOURCE_NAME = Pattern.compile("[A-Za-z0-9._~:@!$&'()*+,=-]+");

    private final TreeConfig config;
    private final ResourceIndex index;

    TreeRules(TreeConfig config, ResourceIndex index) {
        this.config = config;
        this.index = index;
    }

    /** Device configuration is the admin's alone: the configured originators, nobody else, for every operation. */
    void checkOriginator(String from) {
        if (from == null || from.isBlank()) {
            throw Rejection.badRequest("the request has no originator (X-M2M-Origin)");
        }
        if (!config.adminOriginators().contains(from)) {
            throw new Rejection(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "originator '" + from
                    + "' may not access the device configuration of " + "/" + config.cseId()
                    + "; only the configured admin originators may (adminOriginators)");
        }
    }

    /** A resource that would be born (or updated) already expired is refused rather than swept at once. */
    static void checkExpirationInFuture(JsonObject attributes, Instant now) {
        JsonElement et = attributes.get("et");
        if (et == null || et.isJsonNull()) return;
        Instant expiry = M2mTimestamp.parse(et.getAsString());
        if (!expiry.isAfter(now)) {
            throw Rejection.badRequest("expirationTime (et) " + et.getAsString() + " is not in the future (now is "
                    + M2mTimestamp.format(now) + " UTC)");
        }
    }

    /** Whether a request's wrapper names the stored resource's type: its own wrapper or an input alias of it. */
    static boolean namesTypeOf(String wrapper, StoredResource r) {
        return wrapper.equals(r.wrapper()) || (r.resourceType() == ResourceTypes.MGMT_OBJ
                && Specialization.byInputName(wrapper).map(s -> s.shortName().equals(r.wrapper())).orElse(false));
    }

    /** resourceName is chosen by the originator or is the resourceID; either way one path segment of safe characters. */
    static void checkResourceName(String rn) {
        if (rn.isEmpty() || rn.length() > 255 || !RESOURCE_NAME.matcher(rn).matches()) {
            throw Rejection.badRequest("resourceName (rn) '" + rn
                    + "' must be 1 to 255 characters from A-Z a-z 0-9 . _ ~ - : @ ! $ & ' ( ) * + , =");
        }
        // RFC 3986 5.2.4: a client or the container removes these segments before the tree sees the path, so such a
        // resource could not be addressed by name and a DELETE of it would reach its parent
        if (rn.equals(".") || rn.equals("..")) {
            throw Rejection.badRequest("resourceName (rn) '" + rn + "' is a dot-segment of a URI path (RFC 3986 5.2.4); "
                    + "it would address the parent, not the resource");
        }
    }

    /** The wrapper names the specialization, so its mgmtDefinition is fixed (TS-0004 table 6.3.4.2.22-1; FACTS.md 1.1). */
    static void checkMgd(Specialization specialization, String wrapper, JsonObject attributes) {
        int mgd = attributes.get("mgd").getAsInt();
        if (mgd != specialization.mgd()) throw Rejection.badRequest("'" + wrapper + "' is " + ResourceTypes.withArticle(specialization.longName())
                + " whose mgmtDefinition (mgd) is " + specialization.mgd() + ", but the request says " + mgd);
    }

    /** MAFClientRegCfg and MEFClientRegCfg are 0..1 under a {@code <node>} (TS-0001 table 9.6.18-1). O(1): the index keeps them by specialization. */
    void checkNoSibling(String nodeId, Specialization specialization) {
        index.liveSingleton(nodeId, specialization).ifPresent(sibling -> {
            throw new Rejection(ResponseStatusCode.CONFLICT, "node " + nodeId + " already has " + ResourceTypes.withArticle(specialization.longName())
                    + " (" + sibling.resourceId() + "); a <node> may have at most one (TS-0001 table 9.6.18-1)");
        });
    }

    /** Sibling names are unique, or a structured address (TS-0001 9.3.1) would not name one resource. O(1). */
    void checkNameFree(String parentId, String name) {
        index.liveChild(parentId, name).ifPresent(sibling -> {
            throw new Rejection(ResponseStatusCode.CONFLICT, "a resource named '" + name + "' already exists under "
                    + parentId + " (" + sibling.resourceId() + ")");
        });
    }

    /**
     * The rules that need more than one attribute or more than one resource, checked on the representation
     * as it would be stored.
     *
     * @param old the resource before an UPDATE, or null for a CREATE
     */
    void checkCrossAttributeRules(Specialization specialization, JsonObject attributes, String nodeId, StoredResource old) {
        // FACTS.md 1.4 (ACME DATC.validate): a schedule or an interval, never both. Presence decides, so the list and
        // the single-object form of mesc count alike (an empty list is refused earlier, by its type check).
        if (specialization == Specialization.DATA_COLLECTION && attributes.has("mesc") && attributes.has("meil")) {
            throw Rejection.badRequest("a dataCollection may have measurementSchedule (mesc) or measurementInterval (meil), not both");
        }
        checkLinks(specialization, attributes, nodeId, old);
        if (specialization != Specialization.AUTHENTICATION_PROFILE) return;
        boolean linksMefNow = linksMefClientRegCfg(attributes);
        boolean linkedMefBefore = old != null && linksMefClientRegCfg(old.attributes()); // each link's typ was checked when written
        if (linksMefNow) {
            // TS-0003 8.3.8: beside a MEFClientRegCfg the MEF does not use symmKeyValue; the key comes from Symmetric
            // Key Provisioning (8.3.5), so a profile that carried one would contradict the key the MEF registers.
            String skv = specialization.shortNameOf("symmKeyValue");
            if (attributes.has(skv)) {
                throw Rejection.badRequest("an authenticationProfile that links a MEFClientRegCfg may not carry symmKeyValue ("
                        + skv + "): the key is provisioned by MEF Key Registration (TS-0003 8.3.4.5)");
            }
            // 8.3.8: such a profile "shall carry ... MAFKeyRegDuration"; without it the MEF Key Registration cannot be made
            String mkrd = specialization.shortNameOf("MAFKeyRegDuration");
            if (!linkedMefBefore && !attributes.has(mkrd)) {
                throw Rejection.badRequest("an authenticationProfile that links a MEFClientRegCfg needs MAFKeyRegDuration (" + mkrd
                        + "), the duration of the key the MEF registers (TS-0003 8.3.8)");
            }
        }
        // Seed 000 (TS-0003 8.3.4.3 CR): "only the expirationTime can be subsequently updated in the MO". symmKeyID is
        // what the device side writes once the MEF registered the key (8.3.4.3); labels are not the profile's content.
        if (linkedMefBefore) {
            JsonObject before = old.attributes();
            for (String longName : List.of("SUID", "TLSCiphersuites", "MAFKeyRegDuration", "MAFKeyRegLabels", "myCertFingerprint",
                    "rawPubKeyID", "mgmtLink")) {
                String name = longName.equals("mgmtLink") ? "cmlk" : specialization.shortNameOf(longName);
                if (!Objects.equals(before.get(name), attributes.get(name))) {
                    throw Rejection.badRequest("in an authenticationProfile that links a MEFClientRegCfg only expirationTime may change after "
                            + "creation, not " + name + " (" + longName + ") (TS-0003 8.3.4.3)");
                }
            }
        }
    }

    /**
     * mgmtLinks express TS-0003's parent/child MO relations (TS-0022 7.1.6; FACTS.md 1.3), so each must
     * point at an existing mgmtObj of the type it says, that the specialization may link, on the same device.
     *
     * A link an UPDATE keeps as it was is not checked again: its target may have been deleted or have expired since,
     * and that must not make the linking MO impossible to update (its expirationTime, its labels).
     */
    private void checkLinks(Specialization specialization, JsonObject attributes, String nodeId, StoredResource old) {
        JsonElement cmlk = attributes.get("cmlk");
        if (cmlk == null || cmlk.isJsonNull()) return;
        JsonElement before = old == null ? null : old.attributes().get("cmlk");
        for (JsonElement e : cmlk.getAsJsonArray()) {
            if (before != null && before.isJsonArray() && before.getAsJsonArray().contains(e)) continue;
            JsonObject link = e.getAsJsonObject();
            String val = link.get("val").getAsString();
            int typ = link.get("typ").getAsInt();
            String label = link.has("nm") ? "mgmtLink '" + link.get("nm").getAsString() + "'" : "mgmtLink to " + val;
            StoredResource target = index.findLinkTarget(val).orElseThrow(() -> Rejection.badRequest(
                    label + " refers to " + val + ", which does not exist"));
            Optional<Specialization> targetType = target.resourceType() == ResourceTypes.MGMT_OBJ
                    ? Specialization.byShortName(target.wrapper()) : Optional.empty();
            if (targetType.isEmpty()) throw Rejection.badRequest(label + " refers to " + val + ", which is "
                    + ResourceTypes.withArticle(ResourceTypes.typeName(target)) + ", not a TS-0022 <mgmtObj>");
            if (targetType.get().mgd() != typ) throw Rejection.badRequest(label + " says typ " + typ + " but " + val
                    + " is " + ResourceTypes.withArticle(targetType.get().longName()) + " (mgd " + targetType.get().mgd() + ")");
            if (!specialization.mayLinkTo(targetType.get())) throw Rejection.badRequest(ResourceTypes.withArticle(specialization.longName())
                    + " cannot link " + ResourceTypes.withArticle(targetType.get().longName()) + " (" + label + ")");
            if (!target.parentId().equals(nodeId)) throw Rejection.badRequest(label + " refers to " + val
                    + ", which belongs to another <node> (" + target.parentId() + "); links stay within one device");
        }
    }

    private static boolean linksMefClientRegCfg(JsonObject attributes) {
        JsonElement cmlk = attributes.get("cmlk");
        if (cmlk == null || !cmlk.isJsonArray()) return false;
        for (JsonElement e : cmlk.getAsJsonArray()) {
            JsonElement typ = e.getAsJsonObject().get("typ");
            if (typ != null && typ.getAsInt() == Specialization.MEF_CLIENT_REG_CFG.mgd()) return true;
        }
        return false;
    }

    /**
     * The specialization a request's wrapper such as {@code dcfg:authp} (or an input alias such as {@code m2m:nycfc})
     * names, or BAD_REQUEST listing the supported ones.
     */
    static Specialization specializationOf(String wrapper) {
        return Specialization.byInputName(wrapper).orElseThrow(() -> Rejection.badRequest("'" + wrapper
                + "' is not a <mgmtObj> specialization this CSE supports; it supports " + supportedSpecializations()));
    }

    private static String supportedSpecializations() {
        StringBuilder sb = new StringBuilder();
        for (Specialization s : Specialization.values()) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(s.shortName()).append(" (").append(s.longName()).append(", mgd ").append(s.mgd()).append(')');
        }
        return sb.toString();
    }
}
