package org.example.mef.impl.enrolment;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;

import org.example.mef.impl.protocol.MefFunction;
import org.example.onem2m.primitive.M2mTimestamp;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.tef.core.FetchCredentialsWire;
import org.example.tef.core.Rejection;
import org.slf4j.Logger;

import com.google.gson.JsonObject;

/**
 * "Use of Remotely Provisioned Credential" (TS-0003 8.3.2.1 step f): an Enrolment Target that authenticated to the
 * MEF RETRIEVEs {@code /fetchCredentials/<KeID>/<SUID>}; the MEF finds Ke for the KeID, checks that this target may
 * fetch with this SUID, and answers the usage-constrained key of 10.3.7 (HMAC-SHA-256 of Ke over the label, the SUID
 * and the target's ID) with the Enrolee's ID and the key's lifetime (table 8.3.2.1-5). Every failure (table
 * 8.3.2.1-6, Status False) is a oneM2M error whose message is the ErrorString; nothing is changed by any request.
 * <p>
 * The target is the handshake's authenticated client; the originator field is informational (as everywhere in this
 * project), so a target cannot fetch for another by naming it.
 */
public final class CredentialFetch {
    /** The success answer's wrapper (tef's {@link FetchCredentialsWire}, shared with the MAF that asks). */
    public static final String WRAPPER = FetchCredentialsWire.WRAPPER;

    private final EnrolmentKeyStore keys;
    private final Supplier<EnrolmentTargets> targets;
    private final java.util.function.BiPredicate<String, String> enroleeAllows;
    private final Clock clock;
    private final Logger log;

    /**
     * @param enroleeAllows whether an Enrolee (first) may be provisioned for an Enrolment Target (second): its own
     *        configuration may name the targets it is meant for (8.3.2.1 f ii: "for the Enrolee")
     */
    public CredentialFetch(EnrolmentKeyStore keys, Supplier<EnrolmentTargets> targets, java.util.function.BiPredicate<String, String> enroleeAllows,
                           Clock clock, Logger log) {
        this.keys = keys;
        this.targets = targets;
        this.enroleeAllows = enroleeAllows;
        this.clock = clock;
        this.log = log;
    }

    /** Whether {@code path} (its segments, empty ones dropped) is a fetch: {@code fetchCredentials/<KeID>/<SUID>}. */
    public static boolean addresses(java.util.List<String> path) {
        return !path.isEmpty() && path.get(0).equals(MefFunction.FETCH_CREDENTIALS);
    }

    /** @param target the Enrolment Target the handshake authenticated */
    public ResponsePrimitive fetch(String target, java.util.List<String> path, RequestPrimitive request) {
        if (request.operation() != Operation.RETRIEVE) throw new Rejection(ResponseStatusCode.OPERATION_NOT_ALLOWED,
                request.operation() + " is not allowed on fetchCredentials; an Enrolment Target RETRIEVEs /fetchCredentials/<KeID>/<SUID> (8.3.2.1)");
        if (path.size() != 3) throw Rejection.badRequest("the target of a credential fetch is /fetchCredentials/<KeID>/<SUID> (8.3.2.1), not " + request.to());
        String keId = path.get(1);
        int suid;
        try {
            suid = Integer.parseInt(path.get(2));
        } catch (NumberFormatException e) {
            throw Rejection.badRequest("the last segment of a credential fetch is a SUID (8.3.2.1), not '" + path.get(2) + "'");
        }
        if (!targets.get().mayFetch(target, suid)) throw new Rejection(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE,
                target + " is not an Enrolment Target allowed to fetch credentials with SUID " + suid + " from this MEF (8.3.2.1 f ii)");
        Instant now = clock.instant();
        EnrolmentRecord record = keys.byKeId(keId).filter(r -> r.liveAt(now)).orElseThrow(() -> new Rejection(ResponseStatusCode.NOT_FOUND,
                "no live Enrolment Key " + keId + " at this MEF (8.3.2.1 f i): unknown, expired, or of another MEF"));
        if (!enroleeAllows.test(record.enroleeId(), target)) throw new Rejection(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE,
                target + " is not an Enrolment Target of the Enrolee of " + keId + " (its configuration names others; 8.3.2.1 f ii)");
        byte[] credential = record.key().usageConstrainedKey(suid, target);
        JsonObject body = new JsonObject();
        body.addProperty(FetchCredentialsWire.STATUS, true);
        body.addProperty(FetchCredentialsWire.CREDENTIAL, Base64.getEncoder().encodeToString(credential));
        body.addProperty(FetchCredentialsWire.ENROLEE_ID, record.enroleeId());
        body.addProperty(FetchCredentialsWire.LIFETIME, M2mTimestamp.format(record.expiresAt()));
        JsonObject wrapped = new JsonObject();
        wrapped.add(WRAPPER, body);
        log.info("Enrolment Target {} fetched the SUID {} credential of {} (Enrolee {})", target, suid, record.keId(), record.enroleeId());
        return new ResponsePrimitive(ResponseStatusCode.OK, request.requestId(), wrapped.toString(), null);
    }
}
