package org.example.device.impl;

import static org.junit.Assert.assertEquals;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.example.maf.api.MafClientBuilder;
import org.example.mef.api.MefClientBuilder;
import org.example.mgmtobj.api.ResourceTree;
import org.example.onem2m.testsupport.Configs;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;

/**
 * The engine is activated without taking the tree (SCR activates it inside the tree's own bind of it as a listener,
 * possibly while the tree is activating: taking the tree then is a circular reference SCR refuses), and reads the
 * tree's CSE-ID from its service properties.
 */
public class TreeAtFirstUseTest {
    @Rule public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void theEngineIsActivatedWithoutTakingTheTreeAndKnowsItsCseId() throws Exception {
        AtomicInteger taken = new AtomicInteger();
        FakeTree tree = new FakeTree();
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("cseId", "tef-cse");
        @SuppressWarnings("unchecked")
        ServiceReference<ResourceTree> reference = (ServiceReference<ResourceTree>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (self, m, args) -> switch (m.getName()) {
                    case "getPropertyKeys" -> properties.keySet().toArray(new String[0]);
                    case "getProperty" -> properties.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        @SuppressWarnings("unchecked")
        ComponentServiceObjects<ResourceTree> objects = (ComponentServiceObjects<ResourceTree>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ComponentServiceObjects.class}, (self, m, args) -> switch (m.getName()) {
                    case "getService" -> { taken.incrementAndGet(); yield tree; }
                    case "getServiceReference" -> reference;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        EnrolmentEngine engine = new EnrolmentEngine(objects, MefClientBuilder.create().buildFactory(), MafClientBuilder.create().buildFactory(),
                Configs.of(DeviceEnrolmentConfiguration.class, "clientId", "//sp.example.com/cse-device", "kpmId", "device-kpm@mef.example.com",
                        "kpm", "303132333435363738393a3b3c3d3e3f", "stateDirectory", folder.getRoot().toString()));
        try {
            assertEquals("activated without taking the tree", 0, taken.get());
            assertEquals("the tree's own CSE-ID, from its service properties", "tef-cse", engine.cseId());
            TreeAtFirstUse lazy = new TreeAtFirstUse(objects);
            lazy.allMgmtObjs();
            lazy.mgmtObjsOf("nod1");
            assertEquals("taken at its first use, once", 1, taken.get());
        } finally {
            engine.deactivate();
        }
    }

    /** SCR answers null when it waited too long for the tree, or it is going away: said, and asked again next time. */
    @Test
    public void aTreeScrCouldNotGiveIsSaidAndAskedForAgain() {
        FakeTree tree = new FakeTree();
        AtomicInteger asked = new AtomicInteger();
        @SuppressWarnings("unchecked")
        ComponentServiceObjects<ResourceTree> objects = (ComponentServiceObjects<ResourceTree>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ComponentServiceObjects.class}, (self, m, args) -> {
                    if (!m.getName().equals("getService")) throw new UnsupportedOperationException(m.getName());
                    return asked.incrementAndGet() == 1 ? null : tree;
                });
        TreeAtFirstUse lazy = new TreeAtFirstUse(objects);
        IllegalStateException refused = org.junit.Assert.assertThrows(IllegalStateException.class, lazy::allMgmtObjs);
        org.junit.Assert.assertTrue(refused.getMessage(), refused.getMessage().contains("could not be obtained"));
        assertEquals(List.of(), lazy.allMgmtObjs());
        assertEquals(2, asked.get());
    }
}
