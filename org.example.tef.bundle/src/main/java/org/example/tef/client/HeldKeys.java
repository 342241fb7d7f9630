package org.example.tef.client;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where a client keeps the keys it registered or retrieved, by Key Identifier, so that a Target does not ask for a key
 * it holds again (TS-0003 8.8.2.8 NOTE, 8.3.4.3). The client drops a key when it finds it expired or de-registers
 * it. The MAF Client keeps them in memory ({@link #inMemory()}); a MEF Client keeps them with its durable state.
 * Key Identifiers arrive as {@link #canonical(String)} gives them.
 */
@ConsumerType
public interface HeldKeys {
    Optional<DistributedKey> get(String keyIdentifier);

    void put(DistributedKey key);

    void remove(String keyIdentifier);

    /** The relative part is case-insensitive (10.6) and the FQDN is a DNS name: one key, one look-up key. */
    static String canonical(String keyIdentifier) { return keyIdentifier.toLowerCase(Locale.ROOT); }

    /** Keys in the heap, lost with the process. */
    static HeldKeys inMemory() {
        Map<String, DistributedKey> keys = new ConcurrentHashMap<>();
        return new HeldKeys() {
            @Override public Optional<DistributedKey> get(String id) { return Optional.ofNullable(keys.get(canonical(id))); }
            @Override public void put(DistributedKey key) { keys.put(canonical(key.keyIdentifier), key); }
            @Override public void remove(String id) { keys.remove(canonical(id)); }
        };
    }
}
