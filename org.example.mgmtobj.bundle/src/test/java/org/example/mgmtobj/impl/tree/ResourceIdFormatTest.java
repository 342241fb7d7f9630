package org.example.mgmtobj.impl.tree;

import static org.example.mgmtobj.impl.tree.TreeFixture.ri;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.Test;

/**
 * A resourceID is its type's prefix and 12 lowercase hex digits (the creation second and a sequence), different for
 * every resource, and a later resource's is larger (the durable B-tree inserts at its right edge).
 */
public class ResourceIdFormatTest {

    @Test
    public void resourceIdsAreAPrefixAndTwelveLowercaseHexDigits() {
        TreeFixture tree = new TreeFixture();
        String node = ri(tree.createNode("dev1"));
        assertTrue(node, node.matches("nod[0-9a-f]{12}"));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String id = ri(tree.createMo("dev1", "{\"dcfg:tac\":{\"rn\":\"ta" + i + "\",\"mgd\":1024,\"cfp\":\"ab\"}}"));
            assertTrue(id, id.matches("mgo[0-9a-f]{12}"));
            ids.add(id);
        }
        assertEquals(200, ids.size());
    }

    @Test
    public void aLaterResourceHasALargerResourceIdAfterTheSequenceOfItsSecond() {
        TreeFixture tree = new TreeFixture();
        tree.createNode("dev1");
        String previous = "";
        for (int i = 0; i < 100; i++) {
            String id = ri(tree.createMo("dev1", "{\"dcfg:tac\":{\"rn\":\"ta" + i + "\",\"mgd\":1024,\"cfp\":\"ab\"}}"));
            assertTrue(id + " after " + previous, id.substring(3).compareTo(previous) > 0);
            previous = id.substring(3);
        }
    }
}
