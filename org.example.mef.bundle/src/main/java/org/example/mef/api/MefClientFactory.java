package org.example.mef.api;

import org.osgi.annotation.versioning.ProviderType;

/** Makes MEF Clients; one per MEF, credential and state file (a state file is open in one client at a time). */
@ProviderType
public interface MefClientFactory {
    /** @throws IllegalStateException when the state file cannot be opened (for example, another client holds it) */
    MefClient create(MefClientConfig config);
}
