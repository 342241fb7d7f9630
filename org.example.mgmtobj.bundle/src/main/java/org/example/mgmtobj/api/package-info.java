/**
 * The TS-0022 device-configuration {@code <mgmtObj>} specializations as data, the lifecycle events
 * the MEF and MAF Clients react to, and the host port through which they reach the CSE resource tree.
 */
@Export
@Version("2.3.0")
package org.example.mgmtobj.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
