package org.example.mgmtobj.impl.events;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.example.mgmtobj.api.MgmtObj;
import org.example.mgmtobj.api.MgmtObjEvent;
import org.example.mgmtobj.api.MgmtObjListener;
import org.example.mgmtobj.api.Specialization;
import org.junit.After;
import org.junit.Test;

public class EventDispatcherTest {
    private final EventDispatcher dispatcher = new EventDispatcher();

    @After
    public void close() {
        dispatcher.close(1000);
    }

    private static org.example.mgmtobj.impl.tree.EventSink.Draft draft(long sequence) {
        return org.example.mgmtobj.impl.tree.EventSink.Draft.of(event(sequence));
    }

    private static MgmtObjEvent event(long sequence) {
        MgmtObj mo = new MgmtObj("mgo" + sequence, "mo", "nod1", Specialization.TRUST_ANCHOR_CRED, null, List.of(), List.of(),
                Map.of(), "{}");
        return new MgmtObjEvent(MgmtObjEvent.Kind.CREATED, mo, null, Instant.EPOCH, sequence);
    }

    @Test
    public void aBlockedListenerStallsNeitherThePublisherNorTheOtherListeners() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blockedOne = new CountDownLatch(1);
        MgmtObjListener stuck = e -> {
            blockedOne.countDown();
            try {
                release.await();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        };
        CountDownLatch othersGotAll = new CountDownLatch(3);
        MgmtObjListener other = e -> othersGotAll.countDown();
        dispatcher.addListener(stuck);
        dispatcher.addListener(other);

        for (long i = 1; i <= 3; i++) dispatcher.publish(List.of(draft(i)));

        assertTrue("the stuck listener received its first event", blockedOne.await(10, TimeUnit.SECONDS));
        assertTrue("the other listener received all three while the first is still stuck", othersGotAll.await(10, TimeUnit.SECONDS));
        assertEquals("publishing returned while the stuck listener still holds its first event", 1, release.getCount());
        release.countDown();
    }

    @Test
    public void eachListenerReceivesEventsInCommitOrder() throws Exception {
        receivesAHundredEventsInOrder(null);
    }

    @Test
    public void aListenerThatFailsOnAnEventStillReceivesTheRest() throws Exception {
        receivesAHundredEventsInOrder(5L);
    }

    /** Publishes events 1..100 in batches to a listener that throws on {@code failingOn} (if not null); it must get all 100 in order. */
    private void receivesAHundredEventsInOrder(Long failingOn) throws Exception {
        List<Long> received = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        dispatcher.addListener(e -> {
            received.add(e.sequence());
            if (failingOn != null && e.sequence() == failingOn) throw new IllegalStateException("listener bug");
            if (e.sequence() == 100) done.countDown();
        });
        List<org.example.mgmtobj.impl.tree.EventSink.Draft> batch = new ArrayList<>();
        for (long i = 1; i <= 100; i++) {
            batch.add(draft(i));
            if (i % 7 == 0 || i == 100) {
                dispatcher.publish(List.copyOf(batch));
                batch.clear();
            }
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(java.util.stream.LongStream.rangeClosed(1, 100).boxed().collect(Collectors.toList()), received);
    }

    @Test
    public void aRemovedListenerHearsNothingMore() throws Exception {
        List<Long> received = new CopyOnWriteArrayList<>();
        MgmtObjListener listener = e -> received.add(e.sequence());
        CountDownLatch witness = new CountDownLatch(1);
        dispatcher.addListener(listener);
        dispatcher.removeListener(listener);
        dispatcher.addListener(e -> witness.countDown());
        dispatcher.publish(List.of(draft(1)));
        assertTrue(witness.await(10, TimeUnit.SECONDS));
        assertTrue(received.isEmpty());
    }

    @Test
    public void withoutAListenerAChangeIsAppliedAndNoEventIsBuilt() {
        List<String> steps = new ArrayList<>();
        dispatcher.publish(() -> {
            steps.add("built");
            return List.of(draft(1));
        }, () -> steps.add("applied"));
        assertEquals(List.of("applied"), steps);
    }

    @Test
    public void withAListenerTheEventsAreBuiltBeforeTheChangeIsAppliedAndDelivered() throws Exception {
        List<String> steps = new CopyOnWriteArrayList<>();
        CountDownLatch delivered = new CountDownLatch(1);
        dispatcher.addListener(e -> {
            steps.add("delivered " + e.sequence());
            delivered.countDown();
        });
        dispatcher.publish(() -> {
            steps.add("built");
            return List.of(draft(7));
        }, () -> steps.add("applied"));
        assertTrue(delivered.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("built", "applied", "delivered 7"), steps);
    }
}
