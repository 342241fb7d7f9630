/**
 * Durable writes to an embedded H2 MVStore file with group commit: {@link org.example.onem2m.mvstore.MVStoreFiles}
 * opens a file the way the writer needs it, and {@link org.example.onem2m.mvstore.GroupCommitWriter} is the one
 * thread that changes its maps, journaling and forcing to disk everything queued at a time once (the MVStore file
 * itself is written at checkpoints), so that each writer is answered only after its change is on disk while
 * concurrent writers share one sync. It knows nothing of what
 * the maps hold: the device-configuration resource tree (mgmtobj) and the trust-enabling functions' registration
 * store (tef) both use it, and neither may depend on the other, so it lives below both.
 */
@Export
@Version("1.3.0")
package org.example.onem2m.mvstore;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
