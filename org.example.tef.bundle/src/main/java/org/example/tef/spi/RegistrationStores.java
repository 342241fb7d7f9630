package org.example.tef.spi;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Opens the registration stores this bundle provides, for plain Java (benchmarks, tools, a MAF wired by hand): the
 * caller owns what it opens and closes it. In OSGi this is not a service; a MAF or MEF references a
 * {@link RegistrationStore} service instead (see there), whose lifecycle belongs to the component that registers it.
 */
@ProviderType
public interface RegistrationStores {

    /** The embedded durable store in one file (created if missing); writes are durable when they return. */
    RegistrationStore openDurable(Path file);

    /** A store that keeps nothing across restarts. */
    RegistrationStore inMemory();
}
