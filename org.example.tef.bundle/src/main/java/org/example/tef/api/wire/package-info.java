/**
 * The MAF and MEF procedures as oneM2M request/response primitives in the HTTP binding (TS-0009), carried
 * inside the secure session. TS-0032 (the Mmaf/Mmef interface) could not be obtained; this is the design
 * ARCHITECTURE.md fixes until it can be (FACTS.md section 2).
 */
@Export
@Version("2.0.0")
package org.example.tef.api.wire;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
