package org.example.mgmtobj.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: register one to be told about every committed change to a TS-0022 {@code <mgmtObj>}.
 *
 * <p>Events reach each listener after the change is durable, in commit order (so in order per resource),
 * on a thread of the listener's own: a slow listener delays neither requests nor other listeners.
 * A listener that needs the state as it stood before it registered asks for it with {@link #SNAPSHOT}: reading
 * {@link ResourceTree#allMgmtObjs()} before it registers misses the changes made between the read and the registration.
 */
@ConsumerType
public interface MgmtObjListener {
    /**
     * Service property: the name of this listener's durable subscription. From the first registration of a listener
     * with this name on, every change it subscribes to is written to an outbox in the same durable commit as the change
     * itself (a crash between the client's answer and the listener's work loses nothing), its events carry a
     * {@link MgmtObjEvent#receipt() receipt}, and records not yet {@link ResourceTree#acknowledge acknowledged} are
     * delivered again, oldest first, each time a listener of that name registers. The subscription stays, and records
     * accumulate, while no listener of that name is registered (Gogo {@code tree:unsubscribe} ends it).
     */
    String SUBSCRIPTION = "mgmtobj.subscription";

    /**
     * Service property (String or String[]): the specializations' short names ({@code dcfg:mefcr}) or long names
     * ({@code MEFClientRegCfg}) whose changes the durable subscription records; absent or empty: every mgmtObj.
     */
    String SUBSCRIPTION_SPECIALIZATIONS = "mgmtobj.subscription.specializations";

    /**
     * Service property (Boolean or "true"): each time the listener registers, it first receives a CREATED event,
     * without receipt and with sequence 0, for every mgmtObj in the tree (of {@link #SUBSCRIPTION_SPECIALIZATIONS} if
     * given), taken at the moment it joins, so that every change is either in that snapshot or delivered after it. Then
     * come the records of its durable subscription not acknowledged, oldest first, then the changes made after it
     * joined. A change may so reach the listener twice (in the snapshot and in a record): it must bear that, as it
     * bears a record delivered again.
     *
     * @since 2.3
     */
    String SNAPSHOT = "mgmtobj.snapshot";

    void mgmtObjChanged(MgmtObjEvent event);
}
