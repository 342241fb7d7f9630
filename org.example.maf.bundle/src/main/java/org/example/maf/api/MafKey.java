package org.example.maf.api;

import org.example.tef.client.DistributedKey;

import java.time.Instant;
import java.util.List;

/**
 * A symmetric key distributed by a MAF, as its Source registered it or a Target retrieved it (TS-0003 tables
 * 8.8.2.7-2 and 8.8.2.8-2), with its Key Identifier {@code RelativeKeyID@MAF-FQDN} (10.3.5). The value is not
 * printed by {@link #toString()}. The fields and key halves are tef's shared {@link DistributedKey}'s.
 */
public final class MafKey extends DistributedKey {
    public MafKey(String keyIdentifier, String relativeKeyId, Instant expirationTime, String sourceClientId, String adminFqdn,
                  int suid, List<String> targetIds, List<String> labels, byte[] value) {
        super(keyIdentifier, relativeKeyId, expirationTime, sourceClientId, adminFqdn, suid, targetIds, labels, value);
    }

    @Override
    public String toString() { return "MafKey[" + keyIdentifier + ", SUID " + suid + ", from " + sourceClientId + ", until " + expirationTime + "]"; }
}
