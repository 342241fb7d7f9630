package org.example.tef.spi;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/** Opens the registration stores this bundle provides, for a MAF or MEF that is not given one of its own. */
@ProviderType
public interface RegistrationStores {

    /** The embedded durable store in one file (created if missing); writes are durable when they return. */
    RegistrationStore openDurable(Path file);

    /** A store that keeps nothing across restarts. */
    RegistrationStore inMemory();
}
