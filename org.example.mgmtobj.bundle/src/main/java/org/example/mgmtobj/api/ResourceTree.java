package org.example.mgmtobj.api;

import org.example.onem2m.primitive.ResponsePrimitive;

import org.example.onem2m.primitive.RequestPrimitive;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The host port: what the enrolment functions need from the CSE that holds the device configuration
 * (ARCHITECTURE.md, "The host CSE"). The built-in implementation is a resource tree of {@code <node>}
 * and TS-0022 {@code <mgmtObj>} resources served over the oneM2M HTTP binding; a CSE such as OM2M can
 * provide its own.
 */
@ProviderType
public interface ResourceTree {

    /**
     * Serves one oneM2M request primitive: the originator is checked, the content validated, and nothing
     * changes unless the response is a success.
     */
    ResponsePrimitive handle(RequestPrimitive request);

    /** A TS-0022 mgmtObj by resource ID; empty if there is none or it has expired. */
    Optional<MgmtObj> mgmtObj(String resourceId);

    /** The TS-0022 mgmtObjs under one {@code <node>}. */
    List<MgmtObj> mgmtObjsOf(String nodeResourceId);

    /**
     * The mgmtObjs whose mgmtLinks name this one (a link stays within its {@code <node>}): the "parent MO nodes" of
     * TS-0003 8.3.9.9.2. Only the candidates whose stored bytes can name it are made into snapshots, so the cost hardly
     * grows with the node's other mgmtObjs (how the device side finds a profile's parent among many).
     */
    List<MgmtObj> mgmtObjsLinkingTo(String resourceId);

    /** Every TS-0022 mgmtObj in the tree (a listener that needs the state before it registered asks for {@link MgmtObjListener#SNAPSHOT}). */
    List<MgmtObj> allMgmtObjs();

    /**
     * Ends the outbox record of a durable subscription's event ({@link MgmtObjEvent#receipt()}): the listener has done
     * what the change asked for (or given up on it), so the event is not delivered again. It does not wait for the disk:
     * an acknowledgement lost in a crash means the event is delivered again (a subscriber processes a change twice
     * without harm). An unknown or already acknowledged receipt is ignored, so a listener may acknowledge twice.
     */
    void acknowledge(String receipt);
}
