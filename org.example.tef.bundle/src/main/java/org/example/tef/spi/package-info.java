/**
 * Where MAF and MEF keep client and key registrations: a small SPI with an in-memory and an embedded durable
 * implementation, each registered as a {@link org.example.tef.spi.RegistrationStore} service per configuration, and
 * room for a server database behind the same interface: a new bundle registering its own stores, nothing else changed.
 */
@Export
@Version("1.1.0")
package org.example.tef.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
