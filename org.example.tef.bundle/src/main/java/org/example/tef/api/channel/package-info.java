/**
 * The secure channel of the MAF and MEF procedures (TS-0003 8.8.2.2, 8.3.5.2.2, 10.2): TLS 1.2 with PSK
 * (RFC 4279) or ECDHE_ECDSA certificates, SNI, and the RFC 5705 exporter, provided as a service.
 */
@Export
@Version("1.2.0")
package org.example.tef.api.channel;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
