package org.example.onem2m.bench.jmh;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.example.tef.spi.ClientRegistration;
import org.example.tef.spi.KeyRegistration;
import org.example.tef.spi.RegistrationStore;

/**
 * The least {@link RegistrationStore} (tef's exported, consumer-implemented SPI) the procedure benchmark needs
 * outside OSGi: two concurrent maps, RelativeKeyIDs without regard to case (TS-0003 10.6). tef's own stores are
 * private to its bundle.
 */
final class MapRegistrationStore implements RegistrationStore {
    private final Map<String, ClientRegistration> clients = new ConcurrentHashMap<>();
    private final Map<String, KeyRegistration> keys = new ConcurrentHashMap<>();

    private static String keyOf(String relativeKeyId) { return relativeKeyId.toLowerCase(Locale.ROOT); }

    @Override public void putClientRegistration(ClientRegistration r) { clients.put(r.registrationId(), r); }
    @Override public Optional<ClientRegistration> clientRegistration(String id) { return Optional.ofNullable(clients.get(id)); }
    @Override public List<ClientRegistration> clientRegistrationsOf(String clientId) {
        return clients.values().stream().filter(r -> r.clientId().equals(clientId)).collect(Collectors.toList());
    }
    @Override public boolean removeClientRegistration(String id) { return clients.remove(id) != null; }
    @Override public void putKeyRegistration(KeyRegistration r) { keys.put(keyOf(r.relativeKeyId()), r); }
    @Override public Optional<KeyRegistration> keyRegistration(String id) { return Optional.ofNullable(keys.get(keyOf(id))); }
    @Override public boolean removeKeyRegistration(String id) { return keys.remove(keyOf(id)) != null; }
    @Override public int removeExpired(Instant now) {
        int before = clients.size() + keys.size();
        clients.values().removeIf(r -> r.expiredAt(now));
        keys.values().removeIf(k -> k.expiredAt(now));
        return before - clients.size() - keys.size();
    }
    @Override public long clientRegistrationCount() { return clients.size(); }
    @Override public long keyRegistrationCount() { return keys.size(); }
    @Override public String location() { return "memory (benchmark)"; }
    @Override public void close() {}
}
