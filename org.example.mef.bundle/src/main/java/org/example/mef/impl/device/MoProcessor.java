package org.example.mef.impl.device;

import static org.example.mgmtobj.api.Specialization.AUTHENTICATION_PROFILE;
import static org.example.mgmtobj.api.Specialization.MEF_CLIENT_REG_CFG;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.example.mef.api.MefClient;
import org.example.mef.api.MefException;
import org.example.mgmtobj.api.MgmtObj;
import org.example.mgmtobj.api.MgmtObjEvent.Kind;
import org.example.mgmtobj.api.ResourceTree;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.tef.client.DistributedKey;
import org.example.tef.client.KeyRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Process this MO node" for MEFClientRegCfg (TS-0003 8.3.4.2) and authenticationProfile with SUID 21-23 (8.3.4.3,
 * 8.3.9.9.2, 8.3.9.9.4): the one implementation the MO event engine calls, and that an MO_NODE command executor is to
 * call too. Returns what was done, or empty when the change asks for nothing; throws {@link RetryLater} when the MEF did
 * not answer or a precondition is not met yet, {@link MoFailure} otherwise.
 */
final class MoProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(MoProcessor.class);
    /** Proposed when the MO has no expirationTime; the MEF caps it to the stakeholder's maximum (8.3.5.2.3). */
    static final Duration OPEN_ENDED = Duration.ofDays(365);

    private final ResourceTree tree;
    private final Topology topology;
    private final DeviceClients clients;
    private final StatusBook clock;
    private final String cseId, adminOriginator;
    /** profile resource ID → the key its processing registered and the MEFClientRegCfg whose client holds it. */
    private final Map<String, HeldKey> keys = new ConcurrentHashMap<>();

    private static final class HeldKey {
        final String cfgId;
        final DistributedKey key;

        HeldKey(String cfgId, DistributedKey key) { this.cfgId = cfgId; this.key = key; }
    }

    /** The key this profile's processing registered, while held and not expired at {@code now}. */
    java.util.Optional<DistributedKey> keyOfProfile(String profileResourceId, java.time.Instant now) {
        HeldKey held = keys.get(profileResourceId);
        return held == null || held.key.expiredAt(now) ? java.util.Optional.empty() : java.util.Optional.of(held.key);
    }

    /** The key with this Key Identifier among those held, relative part compared ignoring case (10.6). */
    java.util.Optional<DistributedKey> keyByIdentifier(String keyIdentifier, java.time.Instant now) {
        for (HeldKey held : keys.values()) {
            if (held.key.keyIdentifier.equalsIgnoreCase(keyIdentifier) && !held.key.expiredAt(now)) return java.util.Optional.of(held.key);
        }
        return java.util.Optional.empty();
    }

    MoProcessor(ResourceTree tree, DeviceClients clients, StatusBook clock, String cseId, String adminOriginator) {
        this.tree = tree;
        this.topology = new Topology(tree);
        this.clients = clients;
        this.clock = clock;
        this.cseId = cseId;
        this.adminOriginator = adminOriginator;
    }

    /** Whether this change asks for processing at all: only these two specializations, and only what 8.3.4.2/8.3.4.3 name. */
    static boolean triggers(Kind kind, MgmtObj mo, MgmtObj previous) {
        if (mo.specialization() != MEF_CLIENT_REG_CFG && mo.specialization() != AUTHENTICATION_PROFILE) return false;
        if (kind != Kind.UPDATED || previous == null) return true;
        if (mo.specialization() == AUTHENTICATION_PROFILE) {
            // 8.3.4.3: only expirationTime may change after creation. This also ends the loop of our own symmKeyID UPDATE.
            return !Objects.equals(mo.expirationTime(), previous.expirationTime());
        }
        return !Objects.equals(mo.attributes(), previous.attributes()) || !Objects.equals(mo.expirationTime(), previous.expirationTime())
                || !mo.labels().equals(previous.labels());
    }

    Optional<String> process(Kind kind, MgmtObj mo, MgmtObj previous) throws RetryLater, MoFailure {
        try {
            if (mo.specialization() == MEF_CLIENT_REG_CFG) return clientRegCfg(kind, mo, previous);
            if (mo.specialization() == AUTHENTICATION_PROFILE) return profile(kind, mo);
            return Optional.empty();
        } catch (MefException e) {
            if (e.rsc() == 0) throw new RetryLater("no answer from the MEF: " + e.getMessage());
            throw MoFailure.processing("the MEF refused with " + e.rsc() + ": " + e.getMessage());
        }
    }

    // --- 8.3.4.2: MEFClientRegCfg ---

    private Optional<String> clientRegCfg(Kind kind, MgmtObj cfg, MgmtObj previous) throws MefException, MoFailure {
        String admin = cfg.stringAttribute("adminFQDN").orElseThrow(() -> MoFailure.inconsistent("MEFClientRegCfg without adminFQDN"));
        switch (kind) {
            case CREATED: {
                MefClient client = clients.open(cfg);
                if (!client.registrations().isEmpty()) return Optional.of(client.registrations().get(0).registrationId); // restarted
                return Optional.of(client.register(admin, cfg.expirationTime().orElse(clock.now().plus(OPEN_ENDED)), cfg.labels()).registrationId);
            }
            case UPDATED: {
                Optional<MefClient> client = clients.existing(cfg.resourceId());
                if (client.isEmpty() || client.get().registrations().isEmpty()) return clientRegCfg(Kind.CREATED, cfg, null);
                for (String a : List.of("fqdn", "adminFQDN", "httpPort", "coapPort", "websocketPort")) {
                    if (!cfg.attribute(a).equals(previous.attribute(a))) {
                        throw MoFailure.processing("not supported yet: a change of " + a + " (delete and re-create the MEFClientRegCfg)");
                    }
                }
                String reg = client.get().registrations().get(0).registrationId;
                Instant et = cfg.expirationTime().equals(previous.expirationTime()) ? null : cfg.expirationTime().orElse(null);
                List<String> labels = cfg.labels().equals(previous.labels()) ? null : cfg.labels();
                if (et == null && labels == null) return Optional.empty();
                client.get().updateRegistration(reg, et, labels); // 8.3.5.2.5
                return Optional.of(reg + " updated");
            }
            default: { // DELETED, EXPIRED: stop using it, delete its credentials, De-Registration (8.3.5.2.6)
                Optional<MefClient> client = clients.existingOrReopened(cfg); // reopened: a change replayed after a restart
                if (client.isEmpty()) { clients.discard(cfg.resourceId()); return Optional.of("nothing was registered"); }
                for (Map.Entry<String, HeldKey> e : Set.copyOf(keys.entrySet())) {
                    if (e.getValue().cfgId.equals(cfg.resourceId())) deregisterKey(client.get(), e.getKey());
                }
                Set<String> gone = new HashSet<>();
                for (var r : client.get().registrations()) {
                    try {
                        client.get().deregister(r.registrationId);
                    } catch (MefException e) {
                        if (e.rsc() != 4004) throw e; // 4004: the MEF has already forgotten it
                    }
                    gone.add(r.registrationId);
                }
                clients.discard(cfg.resourceId());
                return Optional.of("de-registered " + gone);
            }
        }
    }

    // --- 8.3.4.3, 8.3.9.9.4: authenticationProfile with SUID 21-23 ---

    private Optional<String> profile(Kind kind, MgmtObj profile) throws MefException, RetryLater, MoFailure {
        int suid = profile.longAttribute("SUID").map(Long::intValue).orElse(0);
        if (kind == Kind.DELETED || kind == Kind.EXPIRED) return Optional.of(deregisterHeld(profile));
        if (suid < 21 || suid > 23) throw MoFailure.processing("not supported yet: SUID " + suid + " (only 21, 22 and 23 are processed)");
        if (kind == Kind.CREATED) return Optional.of(registerKey(topology.resolve(profile, suid)));
        // UPDATED: expirationTime changed (8.3.4.3)
        Instant et = profile.expirationTime().orElse(null);
        HeldKey held = keys.get(profile.resourceId());
        if (et != null && !et.isAfter(clock.now())) return Optional.of(deregisterHeld(profile)); // in the past: as an expiry
        if (held == null) return Optional.of(registerKey(topology.resolve(profile, suid))); // not established yet: with the latest parameters
        if (et == null || !et.isBefore(held.key.expirationTime)) return Optional.empty(); // after the key's expiry: nothing
        MefClient client = clients.existing(held.cfgId).orElseThrow(() -> MoFailure.processing("the MEFClientRegCfg's client is gone"));
        client.updateKey(held.key.relativeKeyId, et, null, null); // 8.3.5.2.9
        keys.put(profile.resourceId(), new HeldKey(held.cfgId, held.key.updated(et, null, null)));
        return Optional.of(held.key.keyIdentifier + " until " + et);
    }

    private String registerKey(Topology.Resolved g) throws MefException, RetryLater, MoFailure {
        Optional<MefClient> client = clients.existing(g.mefCfg.resourceId());
        // 8.3.9.9.4 precondition B: a current registration with the MEF of the child MEFClientRegCfg (its own queue makes it)
        if (client.isEmpty() || client.get().registrations().isEmpty()) {
            throw new RetryLater("the MEFClientRegCfg " + g.mefCfg.resourceId() + " is not registered yet (8.3.9.9.4 precondition B)");
        }
        String admin = g.mefCfg.stringAttribute("adminFQDN").orElseThrow(() -> MoFailure.inconsistent("MEFClientRegCfg without adminFQDN"));
        Optional<String> known = g.profile.stringAttribute("symmKeyID");
        if (known.isPresent() && client.get().heldKey(known.get()).isPresent()) { // a restarted device: the key is still held
            keys.put(g.profile.resourceId(), new HeldKey(g.mefCfg.resourceId(), client.get().heldKey(known.get()).get()));
            return known.get();
        }
        List<String> labels = g.profile.attribute("MAFKeyRegLabels").map(v -> ((List<?>) v).stream().map(String::valueOf)
                .collect(Collectors.toList())).orElse(List.of());
        // no key value: the key is exported from the session (8.3.9.9.4 "keyValue: shall not be present")
        DistributedKey key = client.get().registerKey(KeyRequest.exported(admin, clock.now().plus(g.keyRegDuration), g.suid, g.targetIds, labels));
        String mismatch = verify(key, client.get().clientId(), admin, g);
        if (mismatch != null) {
            deregisterQuietly(client.get(), key);
            throw MoFailure.processing("the Key Registration answer did not verify: " + mismatch + " (8.3.9.9.4)");
        }
        keys.put(g.profile.resourceId(), new HeldKey(g.mefCfg.resourceId(), key));
        showKeyIdentifier(g.profile, key.keyIdentifier);
        return key.keyIdentifier;
    }

    /** 8.3.9.9.4 step 10: the answer echoes what was asked and is about this client, and has not expired. */
    private String verify(DistributedKey key, String clientId, String admin, Topology.Resolved g) {
        if (!key.expirationTime.isAfter(clock.now())) return "expirationTime " + key.expirationTime + " has passed";
        if (!clientId.equals(key.sourceClientId)) return "Source MEF Client ID " + key.sourceClientId + " is not " + clientId;
        if (!admin.equalsIgnoreCase(key.adminFqdn)) return "adminFQDN " + key.adminFqdn + " is not " + admin;
        if (key.suid != g.suid) return "SUID " + key.suid + " is not " + g.suid;
        if (!Set.copyOf(key.targetIds).equals(Set.copyOf(g.targetIds))) return "targetIDs " + key.targetIds + " are not " + g.targetIds;
        return null;
    }

    /**
     * 8.3.4.3: "the profile's symmKeyID shows its Key Identifier", written as the CSE's admin. The UPDATED event this
     * causes changes no expirationTime, so {@link #triggers} lets it pass without processing (no loop).
     */
    private void showKeyIdentifier(MgmtObj profile, String keyIdentifier) {
        String content = "{\"" + profile.specialization().shortName() + "\":{\"" + profile.specialization().shortNameOf("symmKeyID")
                + "\":\"" + keyIdentifier + "\"}}";
        ResponsePrimitive r = tree.handle(RequestPrimitive.of(Operation.UPDATE, "/" + cseId + "/" + profile.resourceId())
                .from(adminOriginator).requestId("mef-device-" + UUID.randomUUID()).content(content).build());
        if (!r.status().isSuccess()) LOG.warn("the symmKeyID of {} could not be set to {}: {}", profile.resourceId(), keyIdentifier, r);
    }

    /** 8.3.4.3 deletion or expiry: cease using the key and end its registration (8.3.5.2.10). */
    private String deregisterHeld(MgmtObj profile) throws MefException {
        HeldKey held = keys.get(profile.resourceId());
        if (held == null) held = heldBeforeARestart(profile);
        if (held == null) return "no key was registered";
        Optional<MefClient> client = clients.existing(held.cfgId);
        if (client.isPresent()) deregisterKey(client.get(), profile.resourceId());
        keys.remove(profile.resourceId());
        return "key " + held.key.keyIdentifier + " de-registered";
    }

    /**
     * A change replayed after a restart (the engine's durable subscription): the key this profile registered before is
     * found through its symmKeyID and its MEFClientRegCfg's client state, and held again so that it can be ended.
     */
    private HeldKey heldBeforeARestart(MgmtObj profile) {
        Optional<String> keyId = profile.stringAttribute("symmKeyID");
        if (keyId.isEmpty()) return null;
        for (var link : profile.links()) {
            if (link.mgd() != MEF_CLIENT_REG_CFG.mgd()) continue;
            Optional<MefClient> client = tree.mgmtObj(link.target()).flatMap(clients::existingOrReopened);
            Optional<DistributedKey> key = client.flatMap(c -> c.heldKey(keyId.get()));
            if (key.isPresent()) {
                HeldKey held = new HeldKey(link.target(), key.get());
                keys.put(profile.resourceId(), held);
                return held;
            }
        }
        return null;
    }

    private void deregisterKey(MefClient client, String profileId) throws MefException {
        HeldKey held = keys.get(profileId);
        try {
            client.deregisterKey(held.key.relativeKeyId);
        } catch (MefException e) {
            if (e.rsc() != 4004) throw e; // 4004: the MEF has already forgotten it (expired)
        }
        keys.remove(profileId);
    }

    private static void deregisterQuietly(MefClient client, DistributedKey key) {
        try {
            client.deregisterKey(key.relativeKeyId);
        } catch (MefException e) {
            LOG.warn("could not de-register key {} whose answer did not verify: {}", key.keyIdentifier, e.getMessage());
        }
    }
}
