package org.example.mgmtobj.impl.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.ReentrantLock;

import org.example.mgmtobj.api.MgmtObjEvent;
import org.example.mgmtobj.impl.store.ResourceStore;
import org.example.mgmtobj.impl.store.StoredResource;
import org.example.onem2m.mvstore.DurabilityException;

/**
 * {@link TreeWriter}'s changes on their way to disk and to readers: each is applied to the writer's index and
 * queued for the store under the write lock ({@link #commit}), then:
 * <ul>
 * <li>On the store's writer thread, once the batch is on disk and in commit order ({@link Queued#durable}): apply
 * the change to the readers' index and hand its events to the {@link EventSink}. Only then is the writer
 * answered. Readers never see a change before it is durable, so no reader acts on data a crash could lose.</li>
 * <li>If the batch fails ({@link Queued#failed}): under the lock, every change still queued (this batch's and any
 * later one, each validated against it) is withdrawn and undone in the writer's index, newest first; their
 * writers get 5000 and nothing changed, for readers or on disk.</li>
 * </ul>
 */
final class ChangeQueue {
    private final ResourceStore store;
    private final EventSink events;
    /** Event snapshots, over {@link #published}: built on the store's writer thread before the change is applied to it. */
    private final Representations publishedViews;
    /** The writer's view: durable and queued changes; changed only under {@link #writeLock}. */
    private final ResourceIndex index;
    /** The readers' view: durable changes only; changed only by {@link Queued#durable}, in commit order. */
    private final ResourceIndex published;
    /** {@link TreeWriter}'s write lock, under which a failed batch's changes are withdrawn. */
    private final ReentrantLock writeLock;
    /** Changes applied to {@link #index} and queued, not yet durable, oldest first. */
    private final ConcurrentLinkedDeque<Queued> pending = new ConcurrentLinkedDeque<>();
    /** Takes the outbox records of a change once it is durable. */
    private final Outbox outbox;

    /**
     * @param index the writer's index, which this class changes under {@code writeLock}
     * @param published the readers' index, which this class changes once a change is durable
     */
    ChangeQueue(ResourceStore store, EventSink events, ResourceIndex index, ResourceIndex published, ReentrantLock writeLock,
            Representations publishedViews, Outbox outbox) {
        this.store = store;
        this.outbox = outbox;
        this.events = events;
        this.publishedViews = publishedViews;
        this.index = index;
        this.published = published;
        this.writeLock = writeLock;
    }

    /**
     * Under the write lock: applies the change to the writer's index and queues it for the store. Removals are
     * applied descendants first (a reader never finds a child whose parent is already gone), puts after.
     */
    Queued commit(List<StoredResource> puts, List<StoredResource> removals, List<PendingEvent> changeEvents) {
        Queued queued = new Queued(puts, removals, changeEvents, outbox.recordsFor(changeEvents));
        for (int i = removals.size() - 1; i >= 0; i--) index.remove(removals.get(i));
        for (StoredResource r : puts) {
            queued.previous.add(index.get(r.resourceId()));
            index.put(r);
        }
        pending.addLast(queued);
        try {
            queued.future = store.submit(queued);
        } catch (RuntimeException e) { // not queued (a closed store): undo it alone, nothing later was built on it
            if (pending.remove(queued) && !queued.withdrawn) {
                queued.withdrawn = true;
                queued.undo();
            }
            throw e;
        }
        return queued;
    }

    /**
     * Whether a failure of {@link Queued#awaitDurable} leaves the change's fate open: the store did not confirm it in
     * time, or the wait was interrupted ({@code ResourceStore.await}); it may be stored later.
     */
    static boolean unconfirmed(RuntimeException failure) {
        return failure.getCause() instanceof java.util.concurrent.TimeoutException || failure.getCause() instanceof InterruptedException;
    }

    /** Under the write lock: a batch failed; every queued change was checked against it, so all of them are undone. */
    private void withdrawPending() {
        for (Queued q = pending.pollLast(); q != null; q = pending.pollLast()) {
            q.withdrawn = true;
            q.undo();
        }
    }

    /** One change on its way to the store; the store calls its hooks on its writer thread, in commit order. */
    final class Queued implements ResourceStore.Change {
        final List<StoredResource> puts;
        final List<StoredResource> removals;
        final List<String> removedIds;
        final List<PendingEvent> changeEvents;
        /** the outbox records of the events, stored with the change but kept out of the indexes */
        final List<StoredResource> records;
        /** what the store writes: the puts and the records */
        final List<StoredResource> stored;
        /** per put, what the writer's index held under its resourceID before (null: nothing) */
        final List<StoredResource> previous = new ArrayList<>();
        volatile boolean withdrawn;
        volatile CompletableFuture<Void> future;

        Queued(List<StoredResource> puts, List<StoredResource> removals, List<PendingEvent> changeEvents, List<StoredResource> records) {
            this.puts = puts;
            this.records = records;
            if (records.isEmpty()) {
                this.stored = puts;
            } else {
                this.stored = new ArrayList<>(puts);
                stored.addAll(records);
            }
            this.removals = removals;
            this.removedIds = new ArrayList<>(removals.size());
            for (StoredResource r : removals) removedIds.add(r.resourceId());
            this.changeEvents = changeEvents;
        }

        @Override public List<StoredResource> puts() { return stored; }
        @Override public List<String> removedResourceIds() { return removedIds; }
        @Override public boolean withdrawn() { return withdrawn; }

        /**
         * Durable: readers see it now, then listeners hear of it; both in commit order. The events' snapshots are
         * made from the readers' index before the change is applied to it: it then holds what the writer's held when
         * the change was made (every change queued before this one, in order), so they are what they were made of.
         */
        @Override
        public void durable() {
            if (changeEvents.isEmpty()) applyToReaders();
            else events.publish(this::buildEvents, this::applyToReaders);
        }

        private void applyToReaders() {
            outbox.durable(records); // before any listener can register and ask for its replay: delivered once
            for (int i = removals.size() - 1; i >= 0; i--) published.remove(removals.get(i));
            for (StoredResource r : puts) published.put(r);
            pending.remove(this); // the head: changes become durable in the order they were queued
        }

        private List<EventSink.Draft> buildEvents() {
            List<EventSink.Draft> drafted = new ArrayList<>(changeEvents.size());
            for (PendingEvent e : changeEvents) drafted.add(e.draft(publishedViews));
            return drafted;
        }

        @Override
        public void failed(RuntimeException cause) {
            writeLock.lock();
            try {
                if (!withdrawn) withdrawPending();
            } finally {
                writeLock.unlock();
            }
        }

        /** Under the write lock: the writer's index as it was before this change. */
        void undo() {
            for (int i = puts.size() - 1; i >= 0; i--) {
                StoredResource before = previous.get(i);
                if (before != null) index.put(before);
                else index.remove(puts.get(i));
            }
            for (StoredResource r : removals) index.put(r);
        }

        /** Waits, outside the lock, until the change is durable; a change that is not answers 5000 (changes nothing). */
        void awaitDurable() {
            ResourceStore.await(future);
            if (withdrawn) throw new DurabilityException("not stored: a change queued before it, against which it was checked, "
                    + "could not be made durable; nothing was changed", null);
        }
    }
}
