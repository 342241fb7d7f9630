package org.example.device.impl;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.example.mgmtobj.api.MgmtLink;
import org.example.mgmtobj.api.MgmtObj;
import org.example.mgmtobj.api.Specialization;
import org.example.mgmtobj.api.MgmtObjEvent.Kind;
import org.example.mgmtobj.api.ResourceTree;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.tef.client.DistributedKey;
import org.example.tef.client.KeyRequest;
import org.example.tef.client.TefException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Processing an [authenticationProfile] MO Node" (TS-0003 8.3.9.9.2 step 5) and its lifecycle (8.3.4.3): SUIDs 21-23
 * register a key with the MEF of the child MEFClientRegCfg (8.3.9.9.4) and 31-33 with the MAF of the child
 * MAFClientRegCfg (8.3.9.9.5), through one flow over {@link EnrolmentClient}; 11-13 check for the pre-provisioned key
 * (8.3.9.9.3) and 41-43 for the certificate (8.3.9.9.6). Holds, per profile, the key its processing registered.
 */
final class ProfileProcessing {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileProcessing.class);

    private final ResourceTree tree;
    private final Topology topology;
    private final DeviceClients clients;
    private final StatusBook clock;
    private final String cseId, adminOriginator;
    /** The device's own certificate and key (8.3.9.9.6), or null when none is configured. */
    private final DeviceCertificate deviceCertificate;
    /** profile resource ID → the key its processing registered and the client configuration MO whose client holds it. */
    private final Map<String, HeldKey> keys = new ConcurrentHashMap<>();

    record HeldKey(String cfgId, DistributedKey key) {}

    ProfileProcessing(ResourceTree tree, DeviceClients clients, StatusBook clock, String cseId, String adminOriginator,
            DeviceCertificate deviceCertificate) {
        this.deviceCertificate = deviceCertificate;
        this.tree = tree;
        this.topology = new Topology(tree);
        this.clients = clients;
        this.clock = clock;
        this.cseId = cseId;
        this.adminOriginator = adminOriginator;
    }

    Optional<String> process(Kind kind, MgmtObj profile) throws TefException, RetryLater, MoFailure {
        if (kind == Kind.DELETED || kind == Kind.EXPIRED) return Optional.of(deregisterHeld(profile));
        int suid = Topology.suid(profile);
        int group = Topology.group(suid);
        if (kind == Kind.UPDATED && (group == 2 || group == 3)) return expirationChanged(profile, suid);
        Topology.Resolved g = topology.resolve(profile, suid);
        switch (group) {
            case 1: return Optional.of(preProvisioned(profile));
            case 4: return Optional.of(certificate(profile));
            default: return Optional.of(registerKey(g));
        }
    }

    /** 8.3.4.3: only expirationTime changes after creation; the three cases of seed 000. */
    private Optional<String> expirationChanged(MgmtObj profile, int suid) throws TefException, RetryLater, MoFailure {
        Instant et = profile.expirationTime().orElse(null);
        HeldKey held = keys.get(profile.resourceId());
        if (et != null && !et.isAfter(clock.now())) return Optional.of(deregisterHeld(profile)); // in the past: as an expiry
        if (held == null) return Optional.of(registerKey(topology.resolve(profile, suid))); // not established yet: the latest parameters
        if (et == null || !et.isBefore(held.key().expirationTime)) return Optional.empty(); // after the key's expiry: nothing
        EnrolmentClient client = clients.existing(held.cfgId()).orElseThrow(() -> MoFailure.processing("the profile's client is gone"));
        // 8.3.5.2.9, 8.8.2.9: what the function assigned is what holds, not what was asked
        Instant assigned = client.updateKeyExpiration(held.key().relativeKeyId, et);
        keys.put(profile.resourceId(), new HeldKey(held.cfgId(), held.key().updated(assigned, null, null)));
        return Optional.of(held.key().keyIdentifier + " until " + assigned);
    }

    /**
     * 8.3.9.9.3: the key value is in the profile, or a key of that symmKeyID is held by one of this device's clients.
     * A key held elsewhere (a secure element) is not visible here: that case fails, with the reason.
     */
    private String preProvisioned(MgmtObj profile) throws MoFailure {
        if (profile.attribute("symmKeyValue").isPresent()) return "pre-provisioned key value present";
        String keyId = profile.stringAttribute("symmKeyID").orElseThrow();
        if (heldAnywhere(keyId)) return "pre-provisioned key " + keyId + " held";
        throw MoFailure.processing("no local copy of the pre-provisioned key " + keyId + " (8.3.9.9.3)");
    }

    /**
     * 8.3.9.9.6 with its branches in the sensible order (FACTS.md 6.3: the clause has "not present" lead to an
     * association and "present" to OK): a local certificate with its private key that myCertFingerprint names, the
     * device's own (certificateChainFile, privateKeyFile) or one the MEF provisioned to a MEF Client of this device
     * (CERT_PROV, 8.3.9.7), is associated with the profile (OK); otherwise PROCESSING_FAILED.
     */
    private String certificate(MgmtObj profile) throws MoFailure, RetryLater {
        String fingerprint = profile.stringAttribute("myCertFingerprint").orElseThrow();
        LocalCertificates local = new LocalCertificates(deviceCertificate, clients.provisionedCertificates());
        if (local.isEmpty()) {
            waitForUnopenedMefClients(fingerprint);
            throw MoFailure.processing("no local certificate and private key match myCertFingerprint " + fingerprint
                    + ": this device side has no certificate of its own (certificateChainFile, privateKeyFile) and none provisioned by the MEF (8.3.9.9.6)");
        }
        Optional<LocalCertificates.Local> named;
        try {
            named = local.named(fingerprint);
        } catch (org.example.device.impl.trust.TrustAnchorException e) {
            throw MoFailure.processing(e.getMessage() + " (myCertFingerprint, 8.3.9.9.6)");
        }
        if (named.isPresent()) return named.get().description();
        waitForUnopenedMefClients(fingerprint);
        throw MoFailure.processing("no local certificate is the one myCertFingerprint " + fingerprint + " names (8.3.9.9.6)");
    }

    /**
     * A MEFClientRegCfg in the tree whose MEF Client this process has not opened yet (after a restart its task may run
     * after the profile's) may hold the provisioned certificate: the profile waits for it, and is woken when it is
     * registered ({@link MoLanes}), instead of failing for good. Once every one is open, a missing certificate fails.
     */
    private void waitForUnopenedMefClients(String fingerprint) throws RetryLater {
        for (MgmtObj cfg : tree.allMgmtObjs()) {
            if (cfg.specialization() == Specialization.MEF_CLIENT_REG_CFG && clients.existing(cfg.resourceId()).isEmpty()) {
                throw new RetryLater("no local certificate matches myCertFingerprint " + fingerprint + " yet, and the MEF Client of "
                        + cfg.resourceId() + " is not open yet: a certificate provisioned to it may be the one (8.3.9.9.6)");
            }
        }
    }

    private boolean heldAnywhere(String keyIdentifier) {
        return keys.values().stream().anyMatch(h -> h.key().keyIdentifier.equalsIgnoreCase(keyIdentifier));
    }

    /** 8.3.9.9.4 / 8.3.9.9.5: a Key Registration with the server of the child client configuration, and its checks. */
    private String registerKey(Topology.Resolved g) throws TefException, RetryLater, MoFailure {
        Optional<EnrolmentClient> found = clients.existing(g.serverCfg.resourceId());
        // precondition B: a current registration with the server of the child configuration (its own lane makes it)
        if (found.isEmpty() || found.get().registration().isEmpty()) {
            throw new RetryLater("the " + g.serverCfg.specialization().longName() + " " + g.serverCfg.resourceId()
                    + " is not registered yet (8.3.9.9.4/8.3.9.9.5 precondition B)");
        }
        EnrolmentClient client = found.get();
        String admin = g.serverCfg.stringAttribute("adminFQDN").orElseThrow(() -> MoFailure.inconsistent("client configuration without adminFQDN"));
        HeldKey already = keys.get(g.profile.resourceId());
        if (already != null && already.cfgId().equals(g.serverCfg.resourceId()) && !already.key().expiredAt(clock.now())) {
            return already.key().keyIdentifier; // processed twice (a start's catch-up and the outbox's replay): not registered twice
        }
        // the event's snapshot may predate the symmKeyID write (a replayed CREATED): the tree's current one has it
        Optional<String> known = g.profile.stringAttribute("symmKeyID")
                .or(() -> tree.mgmtObj(g.profile.resourceId()).flatMap(p -> p.stringAttribute("symmKeyID")));
        Optional<DistributedKey> stillHeld = known.flatMap(client::heldKey);
        if (stillHeld.isPresent()) { // a restarted device: the key is still held
            keys.put(g.profile.resourceId(), new HeldKey(g.serverCfg.resourceId(), stillHeld.get()));
            return known.get();
        }
        List<String> labels = g.profile.attribute("MAFKeyRegLabels").map(v -> ((List<?>) v).stream().map(String::valueOf)
                .collect(Collectors.toList())).orElse(List.of());
        // no key value: the key is exported from the session ("keyValue: shall not be present")
        DistributedKey key = client.registerKey(KeyRequest.exported(admin, clock.now().plus(g.keyRegDuration), g.suid, g.targetIds, labels));
        String mismatch = verify(key, client.clientId(), admin, g);
        if (mismatch != null) {
            deregisterQuietly(client, key);
            throw MoFailure.processing("the " + client.function() + " Key Registration answer did not verify: " + mismatch);
        }
        keys.put(g.profile.resourceId(), new HeldKey(g.serverCfg.resourceId(), key));
        showKeyIdentifier(g.profile, key.keyIdentifier);
        return key.keyIdentifier;
    }

    /** Step 10 of 8.3.5.2.7 / 8.8.2.7 as 8.3.9.9.4 and .5 check it: an echo of what was asked, about this client, not expired. */
    private String verify(DistributedKey key, String clientId, String admin, Topology.Resolved g) {
        if (!key.expirationTime.isAfter(clock.now())) return "expirationTime " + key.expirationTime + " has passed";
        if (clientId != null && !clientId.equals(key.sourceClientId)) return "the Source Client ID " + key.sourceClientId + " is not " + clientId;
        if (!admin.equalsIgnoreCase(key.adminFqdn)) return "adminFQDN " + key.adminFqdn + " is not " + admin;
        if (key.suid != g.suid) return "SUID " + key.suid + " is not " + g.suid;
        if (!Set.copyOf(key.targetIds).equals(Set.copyOf(g.targetIds))) return "targetIDs " + key.targetIds + " are not " + g.targetIds;
        return null;
    }

    /**
     * 8.3.4.3: "the profile's symmKeyID shows its Key Identifier", written as the CSE's admin. The UPDATED event this
     * causes changes no expirationTime, so {@link MoProcessor#triggers} lets it pass without processing (no loop).
     */
    private void showKeyIdentifier(MgmtObj profile, String keyIdentifier) {
        String content = "{\"" + profile.specialization().shortName() + "\":{\"" + profile.specialization().shortNameOf("symmKeyID")
                + "\":\"" + keyIdentifier + "\"}}";
        ResponsePrimitive r = tree.handle(RequestPrimitive.of(Operation.UPDATE, "/" + cseId + "/" + profile.resourceId())
                .from(adminOriginator).requestId("mef-device-" + UUID.randomUUID()).content(content).build());
        if (!r.status().isSuccess()) LOG.warn("the symmKeyID of {} could not be set to {}: {}", profile.resourceId(), keyIdentifier, r);
    }

    /** 8.3.4.3 deletion or expiry: cease using the key and end its registration (8.3.5.2.10, 8.8.2.10). */
    String deregisterHeld(MgmtObj profile) throws TefException {
        HeldKey held = keys.get(profile.resourceId());
        if (held == null) held = heldBeforeARestart(profile);
        if (held == null) return "no key was registered";
        Optional<EnrolmentClient> client = clients.existing(held.cfgId());
        if (client.isPresent()) deregisterKey(client.get(), profile.resourceId());
        keys.remove(profile.resourceId());
        return "key " + held.key().keyIdentifier + " de-registered";
    }

    /** The keys of one client configuration MO end with its registration (8.3.4.2 deletion). */
    void deregisterKeysOf(String cfgId, EnrolmentClient client) throws TefException {
        for (Map.Entry<String, HeldKey> e : Set.copyOf(keys.entrySet())) {
            if (e.getValue().cfgId().equals(cfgId)) deregisterKey(client, e.getKey());
        }
    }

    /**
     * A change replayed after a restart (the engine's durable subscription): the key this profile registered before is
     * found through its symmKeyID and its client configuration's client state, and held again so that it can be ended.
     */
    private HeldKey heldBeforeARestart(MgmtObj profile) {
        Optional<String> keyId = profile.stringAttribute("symmKeyID");
        if (keyId.isEmpty()) return null;
        for (MgmtLink link : profile.links()) {
            Optional<EnrolmentClient> client = tree.mgmtObj(link.target()).filter(mo -> Topology.isClientCfg(mo)).flatMap(clients::existingOrReopened);
            Optional<DistributedKey> key = client.flatMap(c -> c.heldKey(keyId.get()));
            if (key.isPresent()) {
                HeldKey held = new HeldKey(link.target(), key.get());
                keys.put(profile.resourceId(), held);
                return held;
            }
        }
        return null;
    }

    private void deregisterKey(EnrolmentClient client, String profileId) throws TefException {
        deregisterKeyUnlessGone(client, keys.get(profileId).key().relativeKeyId);
        keys.remove(profileId);
    }

    /** Key De-Registration (8.3.5.2.10, 8.8.2.10); done also when the server has already forgotten the key ({@link EnrolmentClient#alreadyGone}). */
    static void deregisterKeyUnlessGone(EnrolmentClient client, String relativeKeyId) throws TefException {
        try {
            client.deregisterKey(relativeKeyId);
        } catch (TefException e) {
            if (!EnrolmentClient.alreadyGone(e)) throw e;
        }
    }

    private static void deregisterQuietly(EnrolmentClient client, DistributedKey key) {
        try {
            client.deregisterKey(key.relativeKeyId);
        } catch (TefException e) {
            LOG.warn("could not de-register key {} whose answer did not verify: {}", key.keyIdentifier, e.getMessage());
        }
    }

    /** The key this profile's processing registered, while held and not expired at {@code now}. */
    Optional<DistributedKey> keyOfProfile(String profileResourceId, Instant now) {
        HeldKey held = keys.get(profileResourceId);
        return held == null || held.key().expiredAt(now) ? Optional.empty() : Optional.of(held.key());
    }

    /** The key with this Key Identifier among those held, relative part compared ignoring case (10.6). */
    Optional<DistributedKey> keyByIdentifier(String keyIdentifier, Instant now) {
        for (HeldKey held : keys.values()) {
            if (held.key().keyIdentifier.equalsIgnoreCase(keyIdentifier) && !held.key().expiredAt(now)) return Optional.of(held.key());
        }
        return Optional.empty();
    }
}
