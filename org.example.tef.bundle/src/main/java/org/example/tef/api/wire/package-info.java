/**
 * The MAF and MEF procedures as oneM2M request/response primitives in the HTTP binding (TS-0009), carried
 * inside the secure session, and (since 2.1) plain HTTP/1.1 messages of another protocol in such a session, e.g. the
 * MEF's EST server (RFC 7030). TS-0032 (the Mmaf/Mmef interface) could not be obtained; this is the design
 * ARCHITECTURE.md fixes until it can be (FACTS.md section 2).
 */
@Export
@Version("2.1.0")
package org.example.tef.api.wire;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
