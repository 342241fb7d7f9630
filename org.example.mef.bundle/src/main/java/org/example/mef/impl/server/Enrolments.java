package org.example.mef.impl.server;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import org.example.mef.impl.enrolment.EnrolmentKeyStore;
import org.example.mef.impl.enrolment.EnrolmentRecord;
import org.example.mef.impl.enrolment.EnrolmentTargets;
import org.example.mef.impl.protocol.MefFunction;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.tef.api.EnrolmentKey;
import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.SecureSession;
import org.slf4j.Logger;

/**
 * The Enrolment Keys an Enrolee's MEF Handshakes establish (TS-0003 8.3.2.1 step e, 10.3.1: Ke and RelativeKeID
 * exported with {@code EXPORTER-oneM2M-Bootstrap}). Every handshake exports one, but the MEF keeps the one of the
 * session in which the Enrolee registers (MEF Client Registration, 8.3.5.2.3), which is the one the MEF Client keeps:
 * the sessions a client opens only to retrieve commands or keys would otherwise leave a durable key each behind. It is
 * stored before the registration is processed, so that a 2001 answer means the Ke an Enrolment Target can fetch is on
 * disk; a registration refused after that leaves a key nobody uses, which expires. Enrolment Targets (they only
 * fetch credentials) establish none.
 */
final class Enrolments {
    private final String mefFqdn;
    private final EnrolmentKeyStore keys;
    private final Supplier<EnrolmentTargets> targets;
    private final Duration lifetime;
    private final Clock clock;
    private final Logger log;

    Enrolments(String mefFqdn, EnrolmentKeyStore keys, Supplier<EnrolmentTargets> targets, Duration lifetime, Clock clock, Logger log) {
        this.mefFqdn = mefFqdn;
        this.keys = keys;
        this.targets = targets;
        this.lifetime = lifetime;
        this.clock = clock;
        this.log = log;
    }

    /** A CREATE of a {@code sec:mefClientReg} (the shared procedures check the rest and refuse what is not one). */
    static boolean isRegistration(RequestPrimitive request) {
        return request.operation() == Operation.CREATE && request.content() != null
                && request.content().contains("\"" + MefFunction.CLIENT_REG + "\"");
    }

    /** Stores the Enrolment Key of this session's handshake for its authenticated Enrolee (durable on return). */
    void establish(SecureSession session) {
        String enrolee = session.peerId().orElse(null);
        if (enrolee == null || targets.get().isTarget(enrolee)) return;
        EnrolmentKey ke = EnrolmentKey.fromBootstrapExport(session.exported(KeyExport.BOOTSTRAP_LABEL), mefFqdn);
        keys.put(new EnrolmentRecord(ke, enrolee, clock.instant().plus(lifetime)));
        log.info("Enrolee {} enrolled: Enrolment Key {} established (expires in {})", enrolee, ke.keId(), lifetime);
    }
}
