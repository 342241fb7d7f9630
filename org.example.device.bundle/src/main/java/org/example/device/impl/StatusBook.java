package org.example.device.impl;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

import org.example.mef.api.EnrolmentStatus;
import org.example.mef.api.MoState;
import org.example.mgmtobj.api.MgmtObj;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The latest {@link MoState} per MO, with a log line on every transition (results are IDs, never key values). */
final class StatusBook implements EnrolmentStatus {
    private static final Logger LOG = LoggerFactory.getLogger(StatusBook.class);
    /** How many MOs that are gone (deleted or expired, their task ended) keep their last state, newest first. */
    static final int REMOVED_KEPT = 10_000;
    private final Map<String, MoState> states = new ConcurrentSkipListMap<>();
    private final Clock clock;
    private final int removedKept;
    /** The MOs gone, oldest first: beyond {@link #removedKept} their states are dropped (a device outlives many MOs). */
    private final java.util.Queue<String> removed = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger removedCount = new java.util.concurrent.atomic.AtomicInteger();

    StatusBook(Clock clock) { this(clock, REMOVED_KEPT); }

    StatusBook(Clock clock, int removedKept) {
        this.clock = clock;
        this.removedKept = removedKept;
    }

    Instant now() { return clock.instant(); }

    void pending(MgmtObj mo) { record(MoState.pending(mo.resourceId(), name(mo), now())); }

    void retrying(MgmtObj mo, Instant next, String reason) { record(MoState.retrying(mo.resourceId(), name(mo), next, reason, now())); }

    void done(MgmtObj mo, String result) { record(MoState.done(mo.resourceId(), name(mo), result, now())); }

    void failed(MgmtObj mo, String reason, int statusCode) { record(MoState.failed(mo.resourceId(), name(mo), reason, statusCode, now())); }

    /** The MO is gone and its last task has ended: its state stays visible among the last {@link #removedKept} such. */
    void removedEnded(String moResourceId) {
        removed.add(moResourceId);
        if (removedCount.incrementAndGet() <= removedKept) return;
        String oldest = removed.poll();
        if (oldest != null) {
            removedCount.decrementAndGet();
            states.remove(oldest);
        }
    }

    private static String name(MgmtObj mo) { return mo.specialization().longName(); }

    /**
     * PENDING at DEBUG: every MO change queues its MO, and the line that follows (DONE, FAILED or RETRYING) says what
     * became of it. At INFO both made two lines per MO; under figure 9's load about 17,000 lines a second.
     */
    private void record(MoState state) {
        states.put(state.resourceId(), state);
        if (state.state() == MoState.State.PENDING) LOG.debug("device enrolment: {}", state);
        else LOG.info("device enrolment: {}", state);
    }

    @Override
    public List<MoState> states() { return new ArrayList<>(states.values()); }

    @Override
    public Optional<MoState> state(String moResourceId) { return Optional.ofNullable(states.get(moResourceId)); }
}
