package org.example.mgmtobj.impl.tree;

import java.util.List;

import org.example.mgmtobj.api.MgmtObjEvent;

/** Receives the events of each durable change, in commit order, on the store's writer thread; must not block. */
public interface EventSink {
    void publish(List<MgmtObjEvent> events);
}
