package org.example.mef.impl.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.example.mef.api.MefException;
import org.junit.Test;
import org.slf4j.LoggerFactory;

/** When a MEF Client retrieves its commands by itself (TS-0003 8.3.4.6, 8.3.9.6), in virtual time. */
public class CommandScheduleTest {
    private final VirtualTimer timer = new VirtualTimer();
    private final List<Long> runsAt = new ArrayList<>();
    private final Deque<Object> answers = new ArrayDeque<>(); // a Duration (NO_MORE_COMMANDS) or a MefException
    private final CommandSchedule schedule = new CommandSchedule(reg -> {
        runsAt.add(timer.now);
        Object a = answers.isEmpty() ? Duration.ofSeconds(60) : answers.poll();
        if (a instanceof MefException) throw (MefException) a;
        return (Duration) a;
    }, timer, LoggerFactory.getLogger(CommandScheduleTest.class));

    @Test
    public void aRegistrationIsFollowedAtOnceByACommandRetrieve_8_3_4_6() {
        schedule.registered("mfr-1");
        timer.advance(Duration.ZERO);
        assertEquals(List.of(0L), runsAt);
    }

    @Test
    public void noMoreCommandsBringsTheNextRetrieveAfterItsRetryDuration_8_3_9_6() {
        schedule.registered("mfr-1");
        timer.advance(Duration.ofSeconds(59));
        assertEquals(1, runsAt.size());
        timer.advance(Duration.ofSeconds(1));
        assertEquals(List.of(0L, 60_000L), runsAt);
    }

    @Test
    public void anInteractionBeforeTheRetryDurationPostponesTheRetrieve_8_3_4_6() {
        schedule.registered("mfr-1");
        timer.advance(Duration.ofSeconds(30));
        schedule.interacted(); // e.g. a key registration: the retryDuration starts again
        timer.advance(Duration.ofSeconds(40)); // 70 s: past the first due time (60 s)
        assertEquals("not retrieved at 60 s", 1, runsAt.size());
        timer.advance(Duration.ofSeconds(20)); // 90 s = 30 + 60
        assertEquals(List.of(0L, 90_000L), runsAt);
    }

    @Test
    public void anInteractionDoesNotPutOffTheRetrieveDueAfterARegistration_8_3_4_6() {
        schedule.registered("mfr-1");
        schedule.interacted(); // a key registration before the retrieve ran: the retrieve stays due now
        timer.advance(Duration.ZERO);
        assertEquals(List.of(0L), runsAt);
    }

    @Test
    public void aMefWithoutAnswerIsTriedAgainWithGrowingWaitsUpToTheRetryDuration() {
        for (int i = 0; i < 6; i++) answers.add(new MefException(0, "no answer", null));
        schedule.registered("mfr-1");
        timer.advance(Duration.ofMinutes(5));
        // 0, then after 5, 10, 20, 40, 80 s (the next, 160 s later, is past the 5 minutes)
        assertEquals(List.of(0L, 5_000L, 15_000L, 35_000L, 75_000L, 155_000L), runsAt);
    }

    @Test
    public void theWaitsWithoutAnswerStopGrowingAtTheLastRetryDuration_8_3_9_6() {
        answers.add(Duration.ofSeconds(30)); // NO_MORE_COMMANDS with retryDuration 30 s
        for (int i = 0; i < 5; i++) answers.add(new MefException(0, "no answer", null));
        schedule.registered("mfr-1");
        timer.advance(Duration.ofMinutes(3));
        // 0 (answered, 30 s), 30 (no answer), then waits of 5, 10, 20, 30 (capped), 30 s
        assertEquals(List.of(0L, 30_000L, 35_000L, 45_000L, 65_000L, 95_000L, 125_000L), runsAt);
    }

    @Test
    public void aRegistrationTheMefNoLongerKnowsIsLeftAlone() {
        answers.add(new MefException(4004, "no MEF Client Registration mfr-1", null));
        schedule.registered("mfr-1");
        timer.advance(Duration.ofHours(2));
        assertEquals(1, runsAt.size());
        assertFalse(schedule.scheduled("mfr-1"));
    }

    @Test
    public void aDeRegistrationStopsTheRetrieves() {
        schedule.registered("mfr-1");
        timer.advance(Duration.ZERO);
        assertTrue(schedule.scheduled("mfr-1"));
        schedule.deregistered("mfr-1");
        timer.advance(Duration.ofHours(2));
        assertEquals(1, runsAt.size());
    }
}
