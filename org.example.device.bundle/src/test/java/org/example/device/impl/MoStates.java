package org.example.device.impl;

import java.time.Duration;
import java.util.function.Predicate;

import org.example.mef.api.EnrolmentStatus;
import org.example.mef.api.MoState;

/** Waiting, in the device side's tests, for an MO to reach a state (bounded: 20 s, then a failure that shows the state). */
final class MoStates {
    private MoStates() {}

    static MoState await(EnrolmentStatus engine, String ri, Predicate<MoState> condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            MoState s = engine.state(ri).orElse(null);
            if (s != null && condition.test(s)) return s;
            Thread.sleep(20);
        }
        throw new AssertionError("not reached in 20 s; state of " + ri + ": " + engine.state(ri));
    }

    static Predicate<MoState> is(MoState.State state) { return s -> s.state() == state; }
}
