package org.example.mgmtobj.impl.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.example.mgmtobj.api.MgmtObjEvent;
import org.example.mgmtobj.api.MgmtObjListener;
import org.example.mgmtobj.api.Specialization;
import org.example.mgmtobj.impl.tree.Outbox;
import org.example.mgmtobj.impl.tree.EventSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each committed change to every {@link MgmtObjListener}, each on a single thread of its own: events
 * keep their commit order per listener, the committing request never waits, and a slow or failing listener
 * holds up only itself.
 */
public final class EventDispatcher implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Map<MgmtObjListener, Delivery> listeners = new ConcurrentHashMap<>();
    /** Listeners whose addListener runs and that were not removed meanwhile (its subscription's write may take a while). */
    private final Set<MgmtObjListener> joining = ConcurrentHashMap.newKeySet();
    /** Set by {@link #close}, under {@link #registration}. */
    private boolean closed;
    /**
     * Held while a change is made visible with its events, and while a listener registers: a listener either
     * registers first and receives the change's events, or after, and finds the change in the tree's state (or, for a
     * durable subscription, in the outbox records replayed to it).
     */
    private final Object registration = new Object();
    /** Set once the tree is loaded; until then a subscribed listener waits for its replay. */
    private volatile Outbox outbox;
    /** Set with {@link #outbox}: what a listener that asks for a snapshot receives first. */
    private volatile Snapshot snapshots;

    /** One listener: its own thread, and its durable subscription if it has one. */
    private static final class Delivery {
        final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mgmtobj-events-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        /** null: no durable subscription */
        final String subscription;
        final Set<Specialization> specializations;
        /** {@link MgmtObjListener#SNAPSHOT}: the mgmtObjs there at registration first */
        final boolean snapshot;
        /** under {@link #registration}: its outbox was replayed to it */
        boolean replayed;

        Delivery(String subscription, Set<Specialization> specializations, boolean snapshot) {
            this.subscription = subscription;
            this.specializations = specializations;
            this.snapshot = snapshot;
        }
    }

    public void addListener(MgmtObjListener listener) { addListener(listener, null, Set.of(), false); }

    /**
     * @param subscription the name of the listener's durable subscription, or null
     * @param specializations what the subscription records and the snapshot holds (empty: every mgmtObj)
     * @param snapshot whether it receives the mgmtObjs in the tree first ({@link MgmtObjListener#SNAPSHOT})
     */
    public void addListener(MgmtObjListener listener, String subscription, Set<Specialization> specializations, boolean snapshot) {
        Delivery delivery = new Delivery(subscription, specializations, snapshot);
        joining.add(listener);
        // Subscribed before it joins, and outside the lock (the write waits for the store's writer thread, which
        // publishes under it): a change committed before the join is in the snapshot, one committed after has a record.
        // A subscription that cannot be stored does not keep the listener out: it joins as it did before subscriptions
        // were written first (live events, no records), and the failure is thrown after.
        Outbox known = outbox;
        RuntimeException notStored = null;
        if (subscription != null && known != null) {
            try {
                known.subscribe(subscription, specializations);
            } catch (RuntimeException e) {
                notStored = e;
            }
        }
        Outbox current;
        synchronized (registration) { // with attach(): either it sees this listener, or this sees its outbox
            if (closed || !joining.remove(listener)) { // removed while its subscription was written, or closed: it does not join
                delivery.executor.shutdown();
                if (notStored != null) LOG.warn("durable subscription '{}' of listener {}, removed meanwhile, could not be stored: {}",
                        subscription, listener, notStored.toString());
                return;
            }
            Delivery replaced = listeners.put(listener, delivery);
            if (replaced != null) replaced.executor.shutdown();
            current = outbox;
            // In the block that joins the listeners, as publish runs under this lock: a change published before is in
            // the snapshot or among the records, one published after comes after both, so a record never overtakes
            // a later change of its MO (a replayed CREATED after a live DELETED would register what is gone).
            if (current != null) {
                sendSnapshot(listener, delivery, snapshots);
                replay(listener, delivery, current);
            }
        }
        // Attached between the read above and the join (start-up only): attach() did not see this listener, so it is
        // subscribed here, after joining; a change in between reaches it without a record (a restart's snapshot has it)
        if (subscription != null && known == null && current != null) current.subscribe(subscription, specializations);
        if (notStored != null) throw notStored;
    }

    /**
     * The tree is loaded: the listeners that registered before it get their snapshots and records, and their
     * subscriptions are made durable.
     *
     * @param snapshot what a listener asking for it receives first ({@link MgmtObjListener#SNAPSHOT})
     */
    public void attach(Outbox loaded, Snapshot snapshot) {
        Map<MgmtObjListener, Delivery> before;
        synchronized (registration) {
            before = Map.copyOf(listeners);
        }
        // subscribed before they join, outside the lock, as in addListener
        for (Delivery d : before.values()) subscribeOrLog(loaded, d);
        Map<MgmtObjListener, Delivery> joined;
        synchronized (registration) {
            outbox = loaded;
            snapshots = snapshot;
            joined = Map.copyOf(listeners);
            joined.forEach((listener, delivery) -> {
                sendSnapshot(listener, delivery, snapshot);
                replay(listener, delivery, loaded);
            });
        }
        // those that registered between the two blocks saw no outbox and left their subscription to this
        joined.forEach((listener, d) -> {
            if (before.get(listener) != d) subscribeOrLog(loaded, d);
        });
    }

    /** At attach, where a failure must not keep the tree or the other listeners from starting: said, not thrown. */
    private static void subscribeOrLog(Outbox loaded, Delivery d) {
        if (d.subscription == null) return;
        try {
            loaded.subscribe(d.subscription, d.specializations);
        } catch (RuntimeException e) {
            LOG.error("durable subscription '{}' could not be stored: {}; its listener receives changes without outbox records"
                    + " until it registers again", d.subscription, e.getMessage(), e);
        }
    }

    /** The tree's side of a snapshot: called under {@link #registration}, so it must be quick and take no other lock. */
    @FunctionalInterface
    public interface Snapshot {
        /**
         * A CREATED event of sequence 0, without receipt, for each mgmtObj readers see of these specializations (all
         * when empty), in drafts whose MgmtObj views may be made later on the listener's thread.
         */
        List<Draft> of(Set<Specialization> specializations);
    }

    /**
     * Under {@link #registration}, so that no change falls between the snapshot and the live events: the listener's
     * snapshot, before anything else it is sent (only the drafts are made here: views without links are made on its
     * thread, as a live event's are).
     */
    private static void sendSnapshot(MgmtObjListener listener, Delivery delivery, Snapshot snapshot) {
        if (!delivery.snapshot) return;
        List<Draft> events = snapshot.of(delivery.specializations);
        LOG.info("listener {}{}: {} mgmtObj(s) in the tree, sent first as CREATED", listener,
                delivery.subscription == null ? "" : " (subscription '" + delivery.subscription + "')", events.size());
        if (events.isEmpty()) return;
        try {
            delivery.executor.execute(() -> deliver(listener, events, null));
        } catch (java.util.concurrent.RejectedExecutionException removedMeanwhile) {
            LOG.debug("listener {} went away before its snapshot could be delivered", listener);
        }
    }

    /**
     * Under {@link #registration}: the records not acknowledged go first, before any live event of the listener. Only
     * their receipts are taken under the lock; the snapshots are made on the listener's thread (the store's writer
     * thread takes this lock for every durable change, and a long outbox would hold it up).
     */
    private void replay(MgmtObjListener listener, Delivery delivery, Outbox from) {
        if (delivery.subscription == null || delivery.replayed) return;
        delivery.replayed = true;
        List<String> receipts = from.pendingReceipts(delivery.subscription);
        if (receipts.isEmpty()) return;
        LOG.info("delivering {} change(s) not acknowledged by subscription '{}' again, oldest first", receipts.size(), delivery.subscription);
        // replayed events carry their receipts already
        delivery.executor.execute(() -> deliver(listener, from.replay(receipts).stream().map(Draft::of).toList(), null));
    }

    public void removeListener(MgmtObjListener listener) {
        Delivery delivery;
        synchronized (registration) { // with addListener's join: a listener removed before it joined never joins
            joining.remove(listener);
            delivery = listeners.remove(listener);
        }
        if (delivery != null) delivery.executor.shutdownNow();
    }

    @Override
    public void publish(List<Draft> events) {
        for (Map.Entry<MgmtObjListener, Delivery> entry : listeners.entrySet()) {
            MgmtObjListener listener = entry.getKey();
            List<String> receipts = receipts(entry.getValue(), events);
            try {
                entry.getValue().executor.execute(() -> deliver(listener, events, receipts));
            } catch (java.util.concurrent.RejectedExecutionException removedMeanwhile) {
                LOG.debug("listener {} went away before events {}.. could be delivered", listener, events.get(0).sequence());
            }
        }
    }

    /**
     * A subscriber's events carry the receipts of their records (made durable with the change, so held by now): one
     * per event, null where there is none; null for a listener without a subscription.
     */
    private List<String> receipts(Delivery delivery, List<Draft> events) {
        Outbox current = outbox;
        if (delivery.subscription == null || current == null) return null;
        List<String> receipts = new ArrayList<>(events.size());
        for (Draft e : events) {
            String receipt = Outbox.receipt(delivery.subscription, e.sequence());
            receipts.add(current.isPending(receipt) ? receipt : null);
        }
        return receipts;
    }

    /** Drafts the events only when someone listens: with no listener (the usual case) a write makes no snapshots. */
    @Override
    public void publish(Supplier<List<Draft>> events, Runnable apply) {
        synchronized (registration) {
            if (listeners.isEmpty()) apply.run();
            else EventSink.super.publish(events, apply);
        }
    }

    /** On the listener's thread, where a drafted event's snapshots are made (@param receipts as {@link #receipts}). */
    private static void deliver(MgmtObjListener listener, List<Draft> events, List<String> receipts) {
        for (int i = 0; i < events.size(); i++) {
            MgmtObjEvent event = null;
            try {
                event = events.get(i).event();
                String receipt = receipts == null ? null : receipts.get(i);
                listener.mgmtObjChanged(receipt == null ? event : event.withReceipt(receipt));
            } catch (RuntimeException e) {
                LOG.error("listener {} failed on {}; it still receives the events that follow", listener,
                        event != null ? event : "event " + events.get(i).sequence(), e);
            }
        }
    }

    /** Lets queued events finish for up to the given time, then stops every listener thread. */
    public void close(long waitMillis) {
        List<Delivery> deliveries;
        synchronized (registration) { // no listener joins after this (addListener checks closed in its block)
            closed = true;
            deliveries = List.copyOf(listeners.values());
            listeners.clear();
            joining.clear();
        }
        for (Delivery d : deliveries) d.executor.shutdown();
        long deadline = System.currentTimeMillis() + waitMillis;
        for (Delivery d : deliveries) {
            ExecutorService executor = d.executor;
            try {
                executor.awaitTermination(Math.max(0, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor.shutdownNow();
        }
    }
}
