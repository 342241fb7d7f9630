package org.example.tef.impl.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.example.tef.api.Identifiers;
import org.example.tef.spi.ClientRegistration;
import org.example.tef.spi.KeyRegistration;
import org.example.tef.spi.RegistrationStore;

/**
 * A registration store that keeps everything in the heap: for tests and for deployments that accept losing every
 * registration on restart. It is <em>not</em> durable, whatever {@link RegistrationStore} promises about writes;
 * {@link #location()} says so.
 */
public final class InMemoryRegistrationStore implements RegistrationStore {
    private final ConcurrentHashMap<String, ClientRegistration> clients = new ConcurrentHashMap<>();
    /** By RelativeKeyID in lower case (Locale.ROOT), so that look-ups ignore case (TS-0003 10.6). */
    private final ConcurrentHashMap<String, KeyRegistration> keys = new ConcurrentHashMap<>();
    /** clientId -> registration IDs; only changed inside {@code clients.compute} of the registration concerned. */
    private final ConcurrentHashMap<String, Set<String>> registrationsByClient = new ConcurrentHashMap<>();
    private volatile boolean closed;

    @Override
    public void putClientRegistration(ClientRegistration registration) {
        Objects.requireNonNull(registration, "registration");
        checkOpen();
        String id = registration.registrationId();
        clients.compute(id, (k, old) -> {
            if (old != null && !old.clientId().equals(registration.clientId())) unindex(old.clientId(), id);
            registrationsByClient.compute(registration.clientId(), (c, ids) -> {
                Set<String> set = ids != null ? ids : ConcurrentHashMap.newKeySet();
                set.add(id);
                return set;
            });
            return registration;
        });
    }

    @Override
    public Optional<ClientRegistration> clientRegistration(String registrationId) {
        checkOpen();
        return Optional.ofNullable(clients.get(registrationId));
    }

    @Override
    public List<ClientRegistration> clientRegistrationsOf(String clientId) {
        checkOpen();
        Set<String> ids = registrationsByClient.get(clientId);
        List<ClientRegistration> result = new ArrayList<>();
        if (ids == null) return result;
        for (String id : ids) {
            ClientRegistration r = clients.get(id);
            // a concurrent change may have moved the registration to another client since we read the index
            if (r != null && r.clientId().equals(clientId)) result.add(r);
        }
        result.sort(Comparator.comparing(ClientRegistration::registrationId)); // the same order as the MVStore index
        return result;
    }

    @Override
    public boolean removeClientRegistration(String registrationId) {
        checkOpen();
        boolean[] removed = {false};
        clients.computeIfPresent(registrationId, (k, old) -> {
            unindex(old.clientId(), k);
            removed[0] = true;
            return null;
        });
        return removed[0];
    }

    @Override
    public void putKeyRegistration(KeyRegistration registration) {
        Objects.requireNonNull(registration, "registration");
        checkOpen();
        keys.put(canonical(registration.relativeKeyId()), registration);
    }

    @Override
    public Optional<KeyRegistration> keyRegistration(String relativeKeyId) {
        checkOpen();
        return Optional.ofNullable(keys.get(canonical(relativeKeyId)));
    }

    @Override
    public boolean removeKeyRegistration(String relativeKeyId) {
        checkOpen();
        return keys.remove(canonical(relativeKeyId)) != null;
    }

    @Override
    public int removeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        checkOpen();
        int removed = 0;
        for (Map.Entry<String, ClientRegistration> e : clients.entrySet()) {
            if (e.getValue().expiredAt(now) && removeClientIfUnchanged(e.getKey(), e.getValue())) removed++;
        }
        for (Map.Entry<String, KeyRegistration> e : keys.entrySet()) {
            // conditional: a registration renewed meanwhile stays
            if (e.getValue().expiredAt(now) && keys.remove(e.getKey(), e.getValue())) removed++;
        }
        return removed;
    }

    @Override
    public long clientRegistrationCount() {
        checkOpen();
        return clients.size();
    }

    @Override
    public long keyRegistrationCount() {
        checkOpen();
        return keys.size();
    }

    @Override
    public String location() { return "memory (not durable)"; }

    @Override
    public void close() {
        closed = true;
        clients.clear();
        keys.clear();
        registrationsByClient.clear();
    }

    private boolean removeClientIfUnchanged(String id, ClientRegistration expected) {
        boolean[] removed = {false};
        clients.computeIfPresent(id, (k, current) -> {
            if (current != expected) return current;
            unindex(current.clientId(), k);
            removed[0] = true;
            return null;
        });
        return removed[0];
    }

    private void unindex(String clientId, String registrationId) {
        registrationsByClient.computeIfPresent(clientId, (c, ids) -> {
            ids.remove(registrationId);
            return ids.isEmpty() ? null : ids;
        });
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("the in-memory registration store is closed");
    }

    private static String canonical(String relativeKeyId) {
        return Identifiers.relativeIdLookupKey(relativeKeyId);
    }
}
