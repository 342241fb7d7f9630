package org.example.device.impl;

import static org.example.mgmtobj.api.Specialization.AUTHENTICATION_PROFILE;
import static org.example.mgmtobj.api.Specialization.MEF_CLIENT_REG_CFG;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.example.mef.api.MoState;
import org.example.mgmtobj.api.MgmtLink;
import org.example.mgmtobj.api.MgmtObj;
import org.example.mgmtobj.api.MgmtObjEvent.Kind;
import org.junit.After;
import org.junit.Test;

/**
 * The device side's lanes on their own, with procedures the test orders: a profile waits for its MEFClientRegCfg to be
 * registered (TS-0003 8.3.9.9.4/8.3.9.9.5 precondition B), and the cfg's registration wakes it. Retries here are an hour
 * apart, so a profile done within the test's wait was woken, not retried.
 */
public class MoLanesTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private final StatusBook status = new StatusBook(Clock.systemUTC());
    private MoLanes lanes;

    @After
    public void stop() {
        if (lanes != null) lanes.shutdown();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            assertTrue("not counted down within 20 s", latch.await(20, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static MoLanes.Task created(MgmtObj mo) {
        return new MoLanes.Task(Kind.CREATED, mo, null, Instant.now().plus(Duration.ofDays(1)), null, null);
    }

    /**
     * The profile's attempt has read that the cfg is not registered, the cfg's registration ends before that attempt
     * does: the wake-up comes while nothing waits yet, and must still make the profile try again at once (it was lost:
     * the profile slept its whole retry delay, up to maxRetryMillis, 10 minutes by default).
     */
    @Test
    public void aProfileWhoseAttemptRunsWhileItsCfgIsRegisteredIsTriedAgainAtOnce_8_3_9_9_4() throws Exception {
        MgmtObj cfg = FakeTree.mo("mefcr1", MEF_CLIENT_REG_CFG, null, List.of(), Map.of());
        MgmtObj profile = FakeTree.mo("ap1", AUTHENTICATION_PROFILE, null, List.of(new MgmtLink(null, MEF_CLIENT_REG_CFG.mgd(), "mefcr1")), Map.of());
        CountDownLatch profileReadTheTree = new CountDownLatch(1), cfgRegistered = new CountDownLatch(1);
        AtomicInteger profileAttempts = new AtomicInteger();
        lanes = new MoLanes((kind, mo, previous) -> {
            if (mo == cfg) return Optional.of("mfr-1");
            if (profileAttempts.incrementAndGet() == 1) {
                profileReadTheTree.countDown();
                awaitUninterruptibly(cfgRegistered);
                throw new RetryLater("the MEFClientRegCfg mefcr1 is not registered yet");
            }
            return Optional.of("key@mef.example.com");
        }, status, receipt -> {}, 2, HOUR, HOUR);

        lanes.add(created(profile));
        assertTrue(profileReadTheTree.await(20, TimeUnit.SECONDS));
        lanes.add(created(cfg));
        MoStates.await(status, "mefcr1", MoStates.is(MoState.State.DONE));
        // the cfg's lane is gone once its task has ended, after the wake-up of its dependents: that came first
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (lanes.activeLanes() > 1 && System.nanoTime() < end) Thread.sleep(5);
        assertEquals("only the profile's lane is left", 1, lanes.activeLanes());
        cfgRegistered.countDown();

        MoState done = MoStates.await(status, "ap1", MoStates.is(MoState.State.DONE));
        assertEquals("key@mef.example.com", done.result().get());
        assertEquals(2, profileAttempts.get());
    }

    /** The same wake-up for a profile already waiting for its retry (the path that worked before). */
    @Test
    public void aProfileWaitingForItsRetryIsTriedAgainWhenItsCfgIsRegistered_8_3_9_9_4() throws Exception {
        MgmtObj cfg = FakeTree.mo("mefcr1", MEF_CLIENT_REG_CFG, null, List.of(), Map.of());
        MgmtObj profile = FakeTree.mo("ap1", AUTHENTICATION_PROFILE, null, List.of(new MgmtLink(null, MEF_CLIENT_REG_CFG.mgd(), "mefcr1")), Map.of());
        AtomicInteger profileAttempts = new AtomicInteger();
        lanes = new MoLanes((kind, mo, previous) -> {
            if (mo == cfg) return Optional.of("mfr-1");
            if (profileAttempts.incrementAndGet() == 1) throw new RetryLater("the MEFClientRegCfg mefcr1 is not registered yet");
            return Optional.of("key@mef.example.com");
        }, status, receipt -> {}, 2, HOUR, HOUR);

        lanes.add(created(profile));
        MoStates.await(status, "ap1", MoStates.is(MoState.State.RETRYING));
        lanes.add(created(cfg));
        assertEquals("key@mef.example.com", MoStates.await(status, "ap1", MoStates.is(MoState.State.DONE)).result().get());
    }

    /**
     * A MEFClientRegCfg's creation fails "retry later" (its port is wrong) while an UPDATE that corrects it arrives during
     * the attempt: the UPDATE is not queued behind retries an hour apart; the creation is tried again at once with the
     * updated MO (a creation still: nothing was registered), and both outbox records are acknowledged once, at its end.
     */
    @Test
    public void aChangeArrivingDuringAFailingAttemptTakesItsPlaceAtOnce_8_3_4_2() throws Exception {
        MgmtObj wrongPort = FakeTree.mo("mefcr1", MEF_CLIENT_REG_CFG, null, List.of(), Map.of("hprt", 443L));
        MgmtObj rightPort = FakeTree.mo("mefcr1", MEF_CLIENT_REG_CFG, null, List.of(), Map.of("hprt", 8444L));
        CountDownLatch attempting = new CountDownLatch(1), updateQueued = new CountDownLatch(1);
        List<String> attempts = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> acknowledged = new java.util.concurrent.CopyOnWriteArrayList<>();
        lanes = new MoLanes((kind, mo, previous) -> {
            attempts.add(kind + " " + mo.attribute("httpPort").orElse(null));
            if (mo == wrongPort) {
                attempting.countDown();
                awaitUninterruptibly(updateQueued);
                throw new RetryLater("no answer at port 443");
            }
            return Optional.of("mfr-1");
        }, status, acknowledged::add, 2, HOUR, HOUR);

        lanes.add(new MoLanes.Task(Kind.CREATED, wrongPort, null, Instant.now().plus(Duration.ofDays(1)), null, "r-create"));
        assertTrue(attempting.await(20, TimeUnit.SECONDS));
        lanes.add(new MoLanes.Task(Kind.UPDATED, rightPort, wrongPort, Instant.now().plus(Duration.ofDays(1)), null, "r-update"));
        updateQueued.countDown();

        assertEquals("mfr-1", MoStates.await(status, "mefcr1", MoStates.is(MoState.State.DONE)).result().get());
        assertEquals(List.of("CREATED 443", "CREATED 8444"), attempts);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (acknowledged.size() < 2 && System.nanoTime() < end) Thread.sleep(5);
        assertEquals(List.of("r-create", "r-update"), acknowledged);
    }
}
