/**
 * The registration and key procedures a MAF (TS-0003 8.8.2.3 to 8.8.2.10) and a MEF (8.3.5.2.3 to 8.3.5.2.10) share,
 * parameterized by a {@link org.example.tef.core.TefFunction}: routing, client registration, configuration
 * retrieval, key registration, retrieval, update and de-registration, the stakeholders and their limits, and the
 * strict reading of a primitive's JSON content.
 */
@Export
@Version("1.4.0")
package org.example.tef.core;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
