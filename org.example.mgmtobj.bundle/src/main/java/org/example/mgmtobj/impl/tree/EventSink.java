package org.example.mgmtobj.impl.tree;

import java.util.List;

import org.example.mgmtobj.api.MgmtObjEvent;

/** Receives the events of each committed change, in commit order, on the committing thread; must not block. */
public interface EventSink {
    void publish(List<MgmtObjEvent> events);
}
