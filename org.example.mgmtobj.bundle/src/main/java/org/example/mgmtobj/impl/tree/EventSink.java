package org.example.mgmtobj.impl.tree;

import java.util.List;
import java.util.function.Supplier;

import org.example.mgmtobj.api.MgmtObjEvent;

/** Receives the events of each durable change, in commit order, on the store's writer thread; must not block. */
public interface EventSink {

    /**
     * An event whose MgmtObj snapshots may be made later, by the thread of the first listener that needs it (once,
     * however many listen). Made on the store's writer thread, which every write of the tree waits for, they were
     * most of that thread's time (BENCHMARKS.md, figure 9 with the device side on).
     */
    interface Draft {
        /** The event's sequence number, known without making it. */
        long sequence();

        /** The event; the first call makes it, the others return the same. */
        MgmtObjEvent event();

        /** An event made already. */
        static Draft of(MgmtObjEvent made) {
            return new Draft() {
                @Override public long sequence() { return made.sequence(); }
                @Override public MgmtObjEvent event() { return made; }
            };
        }
    }

    void publish(List<Draft> events);

    /**
     * Makes a durable change visible to readers ({@code apply}) and hands its events to whoever listens at that
     * moment. {@code events} drafts them from the readers' state before {@code apply}, so it runs first. A sink that
     * knows nobody listens need not call it (the MgmtObj snapshots were a tenth of a write's CPU), provided that a
     * listener registering meanwhile then finds the change in the readers' state. This default always drafts them.
     */
    default void publish(Supplier<List<Draft>> events, Runnable apply) {
        List<Draft> drafted = events.get();
        apply.run();
        if (!drafted.isEmpty()) publish(drafted);
    }
}
