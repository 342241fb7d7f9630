package org.example.mef.impl.server;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import org.example.mef.impl.enrolment.EnrolmentKeyStore;
import org.example.mef.impl.enrolment.EnrolmentRecord;
import org.example.mef.impl.enrolment.EnrolmentTargets;
import org.example.tef.api.EnrolmentKey;
import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.channel.SessionHandler;
import org.example.tef.api.wire.PrimitiveHandler;
import org.example.tef.api.wire.PrimitiveTransport;
import org.slf4j.Logger;

/**
 * Each MEF session: an Enrolee's handshake establishes an Enrolment Key (TS-0003 8.3.2.1 step e, 10.3.1: Ke and
 * RelativeKeID exported with {@code EXPORTER-oneM2M-Bootstrap}), stored durably before the first request is served,
 * so that the Ke an Enrolee derived is the one an Enrolment Target can later fetch from; then the session's requests
 * are served. An Enrolment Target's session (it only fetches credentials) establishes none.
 */
final class EnrolmentSessions implements SessionHandler {
    private final String mefFqdn;
    private final EnrolmentKeyStore keys;
    private final Supplier<EnrolmentTargets> targets;
    private final Duration lifetime;
    private final Clock clock;
    private final PrimitiveTransport transport;
    private final PrimitiveHandler procedures;
    private final Logger log;

    EnrolmentSessions(String mefFqdn, EnrolmentKeyStore keys, Supplier<EnrolmentTargets> targets, Duration lifetime, Clock clock,
                      PrimitiveTransport transport, PrimitiveHandler procedures, Logger log) {
        this.mefFqdn = mefFqdn;
        this.keys = keys;
        this.targets = targets;
        this.lifetime = lifetime;
        this.clock = clock;
        this.transport = transport;
        this.procedures = procedures;
        this.log = log;
    }

    @Override
    public void serve(SecureSession session) throws IOException {
        String enrolee = session.peerId().orElse(null);
        if (enrolee != null && !targets.get().isTarget(enrolee)) {
            EnrolmentKey ke = EnrolmentKey.fromBootstrapExport(session.exported(KeyExport.BOOTSTRAP_LABEL), mefFqdn);
            keys.put(new EnrolmentRecord(ke, enrolee, clock.instant().plus(lifetime)));
            log.info("Enrolee {} enrolled: Enrolment Key {} established (expires in {})", enrolee, ke.keId(), lifetime);
        }
        transport.serve(session, procedures);
    }
}
