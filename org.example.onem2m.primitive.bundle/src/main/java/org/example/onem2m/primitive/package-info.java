/**
 * The oneM2M request and response primitives (TS-0004 7.2.1, 7.2.2), the operations, the response status
 * codes of TS-0004 6.6.3 with their HTTP status (TS-0009 table 6.3.2-1), m2m:timestamp (TS-0004 6.3.3) and the
 * media-type rules of the HTTP binding (TS-0009 6.4.2), and {@link org.example.onem2m.primitive.LogText} for what a
 * peer sent that goes into a log line: the one vocabulary that the device-configuration resource
 * tree and the trust-enabling functions (MAF, MEF) speak, so that a status code or a timestamp means the same
 * in both.
 */
@Export
@Version("1.1.0")
package org.example.onem2m.primitive;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
