package org.example.mef.api;

import java.util.Optional;

import org.example.tef.client.DistributedKey;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The keys the device side obtained through its MOs (TS-0003 8.3.4.3, 8.3.9.9.4), for the CSE's security layer: a TLS
 * stack that needs the PSK of an authenticationProfile's association, or of a Key Identifier a peer sent as its
 * psk_identity. Offered here and never over the resource tree (the profile shows only the Key Identifier, symmKeyID).
 * A key is offered while the device holds it and it has not expired; the value is the key's, to be used as 8.3.5.1
 * says (one key: the first half; two: both halves).
 *
 * @since 1.6
 */
@ProviderType
public interface DeviceKeys {

    /** The key registered for this authenticationProfile (by its resource ID). */
    Optional<DistributedKey> byProfile(String profileResourceId);

    /** The key with this Key Identifier ({@code RelativeKeyID@MEF-FQDN}, the relative part compared ignoring case). */
    Optional<DistributedKey> byKeyIdentifier(String keyIdentifier);
}
