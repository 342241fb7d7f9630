package org.example.device.impl;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.example.mgmtobj.api.MgmtObj;
import org.example.mgmtobj.api.ResourceTree;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.osgi.service.component.ComponentServiceObjects;

/**
 * The resource tree, taken from SCR at its first use rather than when the engine is activated. The engine is a
 * MgmtObjListener: the tree's bind of it is what activates the engine, and that may happen while the tree itself is
 * activating (its first user, the servlet say, got it); taking the tree then is a circular reference, which Felix SCR
 * refuses ("Circular reference detected" in Equinox's log) and did not retry: in OM2M the engine stayed unactivated and
 * no MO was ever processed. By the first use the tree's activation is over (or another thread waits for it).
 */
final class TreeAtFirstUse implements ResourceTree {
    private final ComponentServiceObjects<ResourceTree> objects;
    private volatile ResourceTree tree;

    TreeAtFirstUse(ComponentServiceObjects<ResourceTree> objects) {
        this.objects = objects;
    }

    /** The tree's service properties (its configuration), known without taking the tree. */
    Map<String, Object> properties() {
        Map<String, Object> properties = new java.util.HashMap<>();
        org.osgi.framework.ServiceReference<ResourceTree> reference = objects.getServiceReference();
        for (String key : reference.getPropertyKeys()) properties.put(key, reference.getProperty(key));
        return properties;
    }

    private ResourceTree tree() {
        ResourceTree t = tree;
        if (t == null) {
            synchronized (this) {
                if (tree == null) tree = objects.getService();
                t = tree;
            }
            // SCR answers null when it waited too long for the tree's activation, or the tree is going away: said, and
            // asked again at the next use (the MO's task is retried)
            if (t == null) throw new IllegalStateException("the resource tree service could not be obtained from SCR (still activating,"
                    + " or going away); it is asked for again at the next use");
        }
        return t;
    }

    @Override public ResponsePrimitive handle(RequestPrimitive request) { return tree().handle(request); }
    @Override public Optional<MgmtObj> mgmtObj(String resourceId) { return tree().mgmtObj(resourceId); }
    @Override public List<MgmtObj> mgmtObjsOf(String nodeResourceId) { return tree().mgmtObjsOf(nodeResourceId); }
    @Override public List<MgmtObj> mgmtObjsLinkingTo(String resourceId) { return tree().mgmtObjsLinkingTo(resourceId); }
    @Override public List<MgmtObj> allMgmtObjs() { return tree().allMgmtObjs(); }
    @Override public void acknowledge(String receipt) { tree().acknowledge(receipt); }
}
