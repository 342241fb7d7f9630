/**
 * The certificate side of a MAF's or MEF's TLS endpoint (TS-0003 8.8.2.2, 8.3.5.2.2, 10.1, 10.2.3): the function's
 * certificate chain and EC key and the client trust anchors read from PEM files and checked at start, and the
 * provisioned client certificates (by SHA-256 fingerprint) with the client IDs they authenticate; and the rule by
 * which a certificate authenticates a TLS server's FQDN ({@link org.example.tef.core.certificates.ServerCertificateNames}, 1.3).
 */
@Export
@Version("1.3.0")
package org.example.tef.core.certificates;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
