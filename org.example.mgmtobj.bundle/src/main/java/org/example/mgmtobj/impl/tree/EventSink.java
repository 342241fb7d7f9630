package org.example.mgmtobj.impl.tree;

import java.util.List;
import java.util.function.Supplier;

import org.example.mgmtobj.api.MgmtObjEvent;

/** Receives the events of each durable change, in commit order, on the store's writer thread; must not block. */
public interface EventSink {
    void publish(List<MgmtObjEvent> events);

    /**
     * Makes a durable change visible to readers ({@code apply}) and hands its events to whoever listens at that
     * moment. {@code events} builds them from the readers' state before {@code apply}, so it runs first. A sink that
     * knows nobody listens need not call it (the MgmtObj snapshots were a tenth of a write's CPU), provided that a
     * listener registering meanwhile then finds the change in the readers' state. This default always builds them.
     */
    default void publish(Supplier<List<MgmtObjEvent>> events, Runnable apply) {
        List<MgmtObjEvent> built = events.get();
        apply.run();
        if (!built.isEmpty()) publish(built);
    }
}
