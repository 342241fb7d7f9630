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

/** The latest {@link MoState} per MO, with an INFO line on every transition (results are IDs, never key values). */
final class StatusBook implements EnrolmentStatus {
    private static final Logger LOG = LoggerFactory.getLogger(StatusBook.class);
    private final Map<String, MoState> states = new ConcurrentSkipListMap<>();
    private final Clock clock;

    StatusBook(Clock clock) { this.clock = clock; }

    Instant now() { return clock.instant(); }

    void pending(MgmtObj mo) { record(MoState.pending(mo.resourceId(), name(mo), now())); }

    void retrying(MgmtObj mo, Instant next, String reason) { record(MoState.retrying(mo.resourceId(), name(mo), next, reason, now())); }

    void done(MgmtObj mo, String result) { record(MoState.done(mo.resourceId(), name(mo), result, now())); }

    void failed(MgmtObj mo, String reason, int statusCode) { record(MoState.failed(mo.resourceId(), name(mo), reason, statusCode, now())); }

    private static String name(MgmtObj mo) { return mo.specialization().longName(); }

    private void record(MoState state) {
        states.put(state.resourceId(), state);
        LOG.info("device enrolment: {}", state);
    }

    @Override
    public List<MoState> states() { return new ArrayList<>(states.values()); }

    @Override
    public Optional<MoState> state(String moResourceId) { return Optional.ofNullable(states.get(moResourceId)); }
}
