/**
 * The MAF Client (TS-0003 8.8.2: every procedure, Source and Target side) and the administrating
 * stakeholder's interface to a running MAF server.
 */
@Export
@Version("1.2.0")
package org.example.maf.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
