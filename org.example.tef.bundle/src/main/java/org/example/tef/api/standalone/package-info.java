/**
 * The supported way in for code that runs outside an OSGi framework (a command line tool, a test, a benchmark, an
 * application on a plain class path): this bundle's implementations of {@code SecureChannels},
 * {@code PrimitiveTransport} and {@code RegistrationStores}, the same classes its DS components are, built directly.
 * In OSGi, use the services instead.
 */
@Export
@Version("1.0.0")
package org.example.tef.api.standalone;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
