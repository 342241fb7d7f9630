package org.example.mgmtobj.impl.events;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.example.mgmtobj.api.MgmtObjEvent;
import org.example.mgmtobj.api.MgmtObjListener;
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

    private final Map<MgmtObjListener, ExecutorService> listeners = new ConcurrentHashMap<>();
    /**
     * Held while a change is made visible with its events, and while a listener registers: a listener either
     * registers first and receives the change's events, or after, and finds the change in the tree's state.
     */
    private final Object registration = new Object();

    public void addListener(MgmtObjListener listener) {
        synchronized (registration) {
            listeners.computeIfAbsent(listener, l -> Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "mgmtobj-events-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            }));
        }
    }

    public void removeListener(MgmtObjListener listener) {
        ExecutorService executor = listeners.remove(listener);
        if (executor != null) executor.shutdownNow();
    }

    @Override
    public void publish(List<MgmtObjEvent> events) {
        for (Map.Entry<MgmtObjListener, ExecutorService> entry : listeners.entrySet()) {
            MgmtObjListener listener = entry.getKey();
            try {
                entry.getValue().execute(() -> deliver(listener, events));
            } catch (java.util.concurrent.RejectedExecutionException removedMeanwhile) {
                LOG.debug("listener {} went away before {} could be delivered", listener, events);
            }
        }
    }

    /** Builds the events only when someone listens: with no listener (the usual case) a write makes no snapshots. */
    @Override
    public void publish(Supplier<List<MgmtObjEvent>> events, Runnable apply) {
        synchronized (registration) {
            if (listeners.isEmpty()) apply.run();
            else EventSink.super.publish(events, apply);
        }
    }

    private static void deliver(MgmtObjListener listener, List<MgmtObjEvent> events) {
        for (MgmtObjEvent event : events) {
            try {
                listener.mgmtObjChanged(event);
            } catch (RuntimeException e) {
                LOG.error("listener {} failed on {}; it still receives the events that follow", listener, event, e);
            }
        }
    }

    /** Lets queued events finish for up to the given time, then stops every listener thread. */
    public void close(long waitMillis) {
        for (ExecutorService executor : listeners.values()) executor.shutdown();
        long deadline = System.currentTimeMillis() + waitMillis;
        for (ExecutorService executor : listeners.values()) {
            try {
                executor.awaitTermination(Math.max(0, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor.shutdownNow();
        }
        listeners.clear();
    }
}
