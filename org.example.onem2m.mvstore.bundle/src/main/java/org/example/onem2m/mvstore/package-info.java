/**
 * Durable writes to an embedded H2 MVStore file with group commit: {@link org.example.onem2m.mvstore.MVStoreFiles}
 * opens a file the way the writer needs it, and {@link org.example.onem2m.mvstore.GroupCommitWriter} is the one
 * thread that changes its maps, committing and forcing to disk everything queued at a time once, so that each writer
 * is answered only after its change is on disk while concurrent writers share one fsync. It knows nothing of what
 * the maps hold: the device-configuration resource tree (mgmtobj) and the trust-enabling functions' registration
 * store (tef) both use it, and neither may depend on the other, so it lives below both.
 */
@Export
@Version("1.0.0")
package org.example.onem2m.mvstore;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
