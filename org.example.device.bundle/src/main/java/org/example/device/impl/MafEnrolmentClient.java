package org.example.device.impl;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.example.maf.api.ClientRegistrationInfo;
import org.example.maf.api.KeyRegistrationRequest;
import org.example.maf.api.MafClient;
import org.example.maf.api.MafKey;
import org.example.tef.client.ClientRecords;
import org.example.tef.client.DistributedKey;
import org.example.tef.client.StateMaps;
import org.example.tef.client.KeyRequest;
import org.example.tef.client.Registration;
import org.example.tef.client.TefException;

/**
 * A MAF Client as the device side uses it (the MEF Client "acting as a MAF Client", TS-0003 8.3.9.9.5, 8.3.9.9.8). A
 * MAF Client keeps the keys it holds in memory and no list of registrations, so the device side keeps both in records
 * of its own (tef's {@link ClientRecords}, as a MEF Client keeps its own): a restarted device recognises the registration
 * and the key it made, offers the key to the CSE's security layer, and can end them.
 */
final class MafEnrolmentClient implements EnrolmentClient {
    /** The maps of the records file, in the order its journal knows them: keep it. */
    static final List<String> MAPS = List.of(ClientRecords.REGISTRATIONS, ClientRecords.KEYS);

    private final MafClient client;
    private final StateMaps maps;
    private final ClientRecords records;

    MafEnrolmentClient(MafClient client, StateMaps maps) {
        this.client = client;
        this.maps = maps;
        this.records = new ClientRecords(maps);
    }

    @Override public String function() { return "MAF"; }
    @Override public String clientId() { return client.clientId(); }

    @Override public List<Registration> registrations() { return records.registrations(); }

    @Override
    public Registration register(String adminFqdn, Instant et, List<String> labels) throws TefException {
        ClientRegistrationInfo r = client.register(adminFqdn, et, labels);
        Registration kept = new Registration(r.registrationId, r.labels, r.expirationTime, r.clientId, r.adminFqdn);
        records.putRegistration(kept);
        return kept;
    }

    @Override
    public void updateRegistration(String registrationId, Instant et, List<String> labels) throws TefException {
        ClientRegistrationInfo r = client.updateRegistration(registrationId, et, labels);
        Registration before = registration().orElse(null);
        if (before != null) {
            records.putRegistration(new Registration(registrationId, r.labels != null ? r.labels : before.labels,
                    r.expirationTime != null ? r.expirationTime : before.expirationTime, before.clientId, before.adminFqdn));
        }
    }

    @Override
    public void deregister(String registrationId) throws TefException {
        try {
            client.deregister(registrationId);
        } catch (TefException e) {
            if (EnrolmentClient.alreadyGone(e)) records.removeRegistration(registrationId);
            throw e;
        }
        records.removeRegistration(registrationId);
    }

    @Override
    public DistributedKey registerKey(KeyRequest r) throws TefException {
        MafKey key = client.registerKey(KeyRegistrationRequest.exported(r.adminFqdn, r.expirationTime, r.suid, r.targetIds, r.labels));
        records.put(key);
        return key;
    }

    @Override
    public Instant updateKeyExpiration(String relativeKeyId, Instant expiration) throws TefException {
        Instant assigned = client.updateKey(relativeKeyId, expiration, null, null).expirationTime().orElse(expiration);
        String keyIdentifier = relativeKeyId + "@" + client.mafFqdn();
        records.get(keyIdentifier).ifPresent(k -> records.put(k.updated(assigned, null, null)));
        return assigned;
    }

    @Override
    public void deregisterKey(String relativeKeyId) throws TefException {
        try {
            client.deregisterKey(relativeKeyId);
        } catch (TefException e) {
            if (EnrolmentClient.alreadyGone(e)) records.remove(relativeKeyId + "@" + client.mafFqdn());
            throw e;
        }
        records.remove(relativeKeyId + "@" + client.mafFqdn());
    }

    @Override
    public Optional<DistributedKey> heldKey(String keyIdentifier) {
        Optional<DistributedKey> held = records.get(keyIdentifier);
        return held.isPresent() ? held : client.heldKey(keyIdentifier).map(k -> k);
    }

    @Override
    public List<DistributedKey> registeredKeys() {
        String me = client.clientId();
        return records.keys().stream().filter(k -> me != null && k.sourceClientId.equals(me)).collect(java.util.stream.Collectors.toList());
    }

    @Override
    public void close() {
        client.close();
        maps.close();
    }
}
