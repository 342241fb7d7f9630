/**
 * The administrating stakeholder's interface to a running MEF server (TS-0003 8.3), and the MEF server outside OSGi
 * ({@link org.example.mef.api.MefServerBuilder}): MEF Client Commands (8.3.9)
 * queued for a registered MEF Client and their status.
 */
@Export
@Version("1.1.0")
package org.example.mef.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
