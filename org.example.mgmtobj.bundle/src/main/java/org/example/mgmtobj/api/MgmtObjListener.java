package org.example.mgmtobj.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: register one to be told about every committed change to a TS-0022 {@code <mgmtObj>}.
 *
 * <p>Events reach each listener after the change is durable, in commit order (so in order per resource),
 * on a thread of the listener's own: a slow listener delays neither requests nor other listeners.
 * A listener that needs the state as it stood before it registered reads {@link ResourceTree#allMgmtObjs()}.
 */
@ConsumerType
public interface MgmtObjListener {
    void mgmtObjChanged(MgmtObjEvent event);
}
