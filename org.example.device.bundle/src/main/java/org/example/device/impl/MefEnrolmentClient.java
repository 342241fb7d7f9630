package org.example.device.impl;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.example.mef.api.MefClient;
import org.example.tef.client.DistributedKey;
import org.example.tef.client.KeyRequest;
import org.example.tef.client.Registration;
import org.example.tef.client.TefException;

/** A MEF Client as the device side uses it; it keeps its registrations and keys in its own state file. */
final class MefEnrolmentClient implements EnrolmentClient {
    final MefClient client;

    MefEnrolmentClient(MefClient client) { this.client = client; }

    @Override public String function() { return "MEF"; }
    @Override public String clientId() { return client.clientId(); }

    @Override public List<Registration> registrations() { return client.registrations(); }

    @Override
    public Registration register(String adminFqdn, Instant et, List<String> labels) throws TefException {
        return client.register(adminFqdn, et, labels);
    }

    @Override
    public void updateRegistration(String registrationId, Instant et, List<String> labels) throws TefException {
        client.updateRegistration(registrationId, et, labels);
    }

    @Override public void deregister(String registrationId) throws TefException { client.deregister(registrationId); }
    @Override public DistributedKey registerKey(KeyRequest request) throws TefException { return client.registerKey(request); }

    @Override
    public Instant updateKeyExpiration(String relativeKeyId, Instant expiration) throws TefException {
        return client.updateKey(relativeKeyId, expiration, null, null).expirationTime().orElse(expiration);
    }

    @Override public void deregisterKey(String relativeKeyId) throws TefException { client.deregisterKey(relativeKeyId); }
    @Override public Optional<DistributedKey> heldKey(String keyIdentifier) { return client.heldKey(keyIdentifier); }
    @Override
    public List<DistributedKey> registeredKeys() {
        return client.heldKeys().stream().filter(k -> k.sourceClientId.equals(client.clientId())).collect(java.util.stream.Collectors.toList());
    }

    @Override public void close() { client.close(); }
}
