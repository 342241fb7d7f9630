/**
 * The MEF Client (TS-0003 8.3.5.2: every registration and key procedure, Source and Target side; 8.3.9: MEF Client
 * Commands, client side) with its pluggable command executors, and the administrating stakeholder's interface to a
 * running MEF server (MEF Client Commands queued for a registered MEF Client and their status), and the MEF server
 * outside OSGi ({@link org.example.mef.api.MefServerBuilder}). The registration and
 * key results are tef's shared client types ({@code org.example.tef.client}), as the MAF Client's are in substance.
 * 1.9: {@code MefClientConfig.withCertificateHandshake} (the MEF Handshake with the client's provisioned certificate).
 */
@Export
@Version("1.10.0")
package org.example.mef.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
