/**
 * Where MAF and MEF keep client and key registrations: a small SPI with an in-memory and an embedded durable
 * implementation, and room for a server database behind the same interface.
 */
@Export
@Version("1.0.0")
package org.example.tef.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
