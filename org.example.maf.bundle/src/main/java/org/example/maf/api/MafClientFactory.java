package org.example.maf.api;

import org.osgi.annotation.versioning.ProviderType;

/** Makes MAF Clients; one per MAF and credential. */
@ProviderType
public interface MafClientFactory {
    MafClient create(MafClientConfig config);
}
