package org.example.mgmtobj.impl.tree;

import static org.example.mgmtobj.impl.tree.DeviceConfigurationLifecycleTest.EXAMPLES;
import static org.example.mgmtobj.impl.tree.TreeFixture.CSE;
import static org.example.mgmtobj.impl.tree.TreeFixture.ri;
import static org.example.onem2m.primitive.ResponseStatusCode.INTERNAL_SERVER_ERROR;
import static org.example.onem2m.primitive.ResponseStatusCode.NOT_FOUND;
import static org.example.onem2m.primitive.ResponseStatusCode.OK;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.example.mgmtobj.api.Specialization;
import org.example.mgmtobj.impl.store.StoredResource;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.testsupport.TemporaryValue;
import org.junit.Rule;
import org.junit.Test;

/**
 * A write the store has queued but not confirmed when the request stops waiting (its 30 s passed, or its thread was
 * interrupted, as here) may still be stored: the answer must not say "nothing was changed", and the change, stored
 * late, is there.
 */
public class UnconfirmedWritesTest {
    @Rule public final TemporaryValue<Integer> partsOfThree = TemporaryValue.of(() -> SubtreeRemoval.perChange, v -> SubtreeRemoval.perChange = v, 3);

    private static String trustAnchor(int i) {
        return EXAMPLES.get(Specialization.TRUST_ANCHOR_CRED).replace("\"rn\":\"ta\"", "\"rn\":\"ta" + i + "\"");
    }

    /** Sends the request on a thread of its own and interrupts it once the store holds its write. */
    private static ResponsePrimitive interruptedWhileTheStoreHoldsIt(TreeFixture tree, Supplier<ResponsePrimitive> request) throws Exception {
        FutureTask<ResponsePrimitive> task = new FutureTask<>(request::get);
        Thread caller = new Thread(task, "request");
        caller.start();
        tree.store.awaitHeld();
        caller.interrupt();
        return task.get(10, TimeUnit.SECONDS);
    }

    private static boolean stored(TreeFixture tree, String resourceName) {
        return tree.store.loadAll().stream().map(StoredResource::resourceName).anyMatch(resourceName::equals);
    }

    @Test
    public void aCreateTheStoreDidNotConfirmIsAnswered5000MayOrMayNotBeMadeAndIsThereOnceStored() throws Exception {
        TreeFixture tree = new TreeFixture();
        ri(tree.createNode("dev1"));
        tree.store.holdNextWrite = true;

        ResponsePrimitive answer = interruptedWhileTheStoreHoldsIt(tree, () -> tree.createMo("dev1", trustAnchor(0)));
        assertEquals(INTERNAL_SERVER_ERROR, answer.status());
        assertTrue(answer.content(), answer.content().contains("the store did not confirm the change in time; it may or may not be made"));
        assertFalse(answer.content(), answer.content().contains("nothing was changed"));
        assertFalse("not stored yet", stored(tree, "ta0"));

        tree.store.releaseHeld();
        assertTrue("stored late", stored(tree, "ta0"));
        assertEquals(OK, tree.retrieve(CSE + "/dev1/ta0").status());
    }

    @Test
    public void aDeletionWhosePartTheStoreDidNotConfirmSaysWhatWasDeletedAndThatTheRestMayOrMayNotBe() throws Exception {
        TreeFixture tree = new TreeFixture();
        ri(tree.createNode("dev1"));
        for (int i = 0; i < 10; i++) ri(tree.createMo("dev1", trustAnchor(i)));
        tree.store.writesBeforeHold.set(1);
        tree.store.holdNextWrite = true;

        ResponsePrimitive answer = interruptedWhileTheStoreHoldsIt(tree, () -> tree.delete(CSE + "/dev1"));
        assertEquals(INTERNAL_SERVER_ERROR, answer.status());
        assertTrue(answer.content(), answer.content().contains("3 of the 11 resources of this subtree were deleted, the deepest first,"
                + " before a write was not confirmed in time"));
        assertTrue(answer.content(), answer.content().contains("may or may not be deleted: RETRIEVE it, and DELETE it again if it is there"));
        assertEquals("not deleted for readers while the store holds it", OK, tree.retrieve(CSE + "/dev1").status());
        assertTrue(stored(tree, "dev1"));
        assertEquals("the 7 mgmtObjs of the parts held are still stored", 7,
                java.util.stream.IntStream.range(0, 10).filter(i -> stored(tree, "ta" + i)).count());

        tree.store.releaseHeld();
        assertEquals(NOT_FOUND, tree.retrieve(CSE + "/dev1").status());
        assertFalse("the node's removal was stored late", stored(tree, "dev1"));
        for (int i = 0; i < 10; i++) assertFalse("ta" + i, stored(tree, "ta" + i));
    }
}
