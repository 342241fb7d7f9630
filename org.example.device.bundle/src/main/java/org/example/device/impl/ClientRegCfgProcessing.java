package org.example.device.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.example.mgmtobj.api.MgmtObj;
import org.example.mgmtobj.api.MgmtObjEvent.Kind;
import org.example.tef.client.DistributedKey;
import org.example.tef.client.Registration;
import org.example.tef.client.TefException;

/**
 * A MEFClientRegCfg (TS-0003 8.3.4.2) or MAFClientRegCfg (8.3.9.9.8) MO: created, Client Registration with the server
 * it names, and the answer's checks; updated, Registration Update, or a new registration when the server changed;
 * deleted or expired, its keys and registration end and its credentials are deleted. One flow for both, over the
 * {@link EnrolmentClient} of the MO.
 */
final class ClientRegCfgProcessing {
    /** Proposed when the MO has no expirationTime; the server caps it to the stakeholder's maximum (8.3.5.2.3, 8.8.2.3). */
    static final Duration OPEN_ENDED = Duration.ofDays(365);
    /** What names the server and the stakeholder: a change of one of them is a registration elsewhere. */
    private static final List<String> WHERE = List.of("fqdn", "adminFQDN", "httpPort", "coapPort", "websocketPort");

    private final DeviceClients clients;
    private final ProfileProcessing profiles;
    private final StatusBook clock;
    private final String deviceClientId;

    ClientRegCfgProcessing(DeviceClients clients, ProfileProcessing profiles, StatusBook clock, String deviceClientId) {
        this.clients = clients;
        this.profiles = profiles;
        this.clock = clock;
        this.deviceClientId = deviceClientId;
    }

    Optional<String> process(Kind kind, MgmtObj cfg, MgmtObj previous) throws TefException, MoFailure, RetryLater {
        switch (kind) {
            case CREATED: return Optional.of(register(cfg));
            case UPDATED: return update(cfg, previous);
            default: return Optional.of(end(cfg)); // DELETED, EXPIRED
        }
    }

    private String register(MgmtObj cfg) throws TefException, MoFailure, RetryLater {
        String admin = adminOf(cfg);
        EnrolmentClient client = clients.open(cfg);
        Optional<Registration> held = client.registration();
        if (held.isPresent()) return held.get().registrationId; // a repeated trigger (a restart): not registered twice
        Registration r = client.register(admin, cfg.expirationTime().orElse(clock.now().plus(OPEN_ENDED)), cfg.labels());
        String mismatch = verify(r, admin);
        if (mismatch != null) {
            try {
                end(cfg);
            } catch (TefException e) { // the local record goes anyway, so that a retry registers anew rather than accepts it
                clients.discard(cfg.resourceId());
            }
            throw MoFailure.processing("the " + client.function() + " Client Registration answer did not verify: " + mismatch);
        }
        return r.registrationId;
    }

    /** 8.3.9.9.8 step 3 (and the same of the MEF's answer): not expired, about this device, for the stakeholder asked. */
    private String verify(Registration r, String admin) {
        if (r.expirationTime != null && !r.expirationTime.isAfter(clock.now())) return "expirationTime " + r.expirationTime + " has passed";
        if (r.clientId != null && !r.clientId.equals(deviceClientId)) return "the client ID " + r.clientId + " is not " + deviceClientId;
        if (r.adminFqdn != null && !r.adminFqdn.equalsIgnoreCase(admin)) return "adminFQDN " + r.adminFqdn + " is not " + admin;
        return null;
    }

    /** What names the server and the stakeholder of a client configuration MO: its {@link #WHERE} attributes. */
    static List<Object> server(MgmtObj cfg) {
        return WHERE.stream().map(cfg::attribute).collect(java.util.stream.Collectors.toList());
    }

    private Optional<String> update(MgmtObj cfg, MgmtObj previous) throws TefException, MoFailure, RetryLater {
        Optional<EnrolmentClient> client = clients.existing(cfg.resourceId());
        if (client.isEmpty() || client.get().registration().isEmpty()) return Optional.of(register(cfg));
        for (String a : WHERE) {
            if (!Objects.equals(cfg.attribute(a), previous.attribute(a))) {
                // Another server or stakeholder: the registration made with the old values ends, one is made with the new.
                String ended = end(previous);
                return Optional.of(ended + "; " + a + " changed, registered again as " + register(cfg));
            }
        }
        String reg = client.get().registration().get().registrationId;
        Instant et = cfg.expirationTime().equals(previous.expirationTime()) ? null : cfg.expirationTime().orElse(null);
        List<String> labels = cfg.labels().equals(previous.labels()) ? null : cfg.labels();
        if (et == null && labels == null) return Optional.empty();
        client.get().updateRegistration(reg, et, labels); // 8.3.5.2.5, 8.8.2.5
        return Optional.of(reg + " updated");
    }

    /** Stop using it, end its keys, delete its credentials, De-Registration (8.3.5.2.6, 8.8.2.6). */
    private String end(MgmtObj cfg) throws TefException {
        Optional<EnrolmentClient> client = clients.existingOrReopened(cfg); // reopened: a change replayed after a restart
        if (client.isEmpty()) {
            clients.discard(cfg.resourceId());
            return "nothing was registered";
        }
        Set<String> gone = new HashSet<>();
        try {
            profiles.deregisterKeysOf(cfg.resourceId(), client.get());
            // also those no profile holds in memory: registered before a restart whose profile went with this MO
            for (DistributedKey k : client.get().registeredKeys()) ProfileProcessing.deregisterKeyUnlessGone(client.get(), k.relativeKeyId);
            for (Registration r : client.get().registrations()) {
                try {
                    client.get().deregister(r.registrationId);
                } catch (TefException e) {
                    if (!EnrolmentClient.alreadyGone(e)) throw e;
                }
                gone.add(r.registrationId);
            }
        } catch (TefException e) {
            // 8.3.4.2: the credentials are deleted whatever the server answers; only "no answer" keeps them for a retry
            if (e.rsc() != 0) clients.discard(cfg.resourceId());
            throw e;
        }
        clients.discard(cfg.resourceId());
        return gone.isEmpty() ? "nothing was registered" : "de-registered " + gone;
    }

    private static String adminOf(MgmtObj cfg) throws MoFailure {
        return cfg.stringAttribute("adminFQDN").orElseThrow(() -> MoFailure.inconsistent(cfg.specialization().longName() + " without adminFQDN"));
    }
}
