package org.example.device.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.example.mef.api.MoState;
import org.example.mgmtobj.api.MgmtObj;
import org.example.mgmtobj.api.Specialization;
import org.junit.Test;

/** The operator's view of every MO's procedure (enrolment:status): MOs that are gone stay in it, but not for ever. */
public class StatusBookTest {
    private static MgmtObj mo(String ri) {
        return FakeTree.mo(ri, Specialization.AUTHENTICATION_PROFILE, null, List.of(), Map.of("suid", 22L));
    }

    @Test
    public void onlyTheLastMosThatAreGoneKeepTheirState() {
        StatusBook book = new StatusBook(Clock.systemUTC(), 2);
        book.done(mo("live"), "key k1@mef.example.com");
        for (String ri : List.of("gone1", "gone2", "gone3")) {
            book.done(mo(ri), "de-registered");
            book.removedEnded(ri);
        }
        assertTrue("the oldest of the MOs gone is forgotten", book.state("gone1").isEmpty());
        assertEquals("de-registered", book.state("gone3").flatMap(MoState::result).orElseThrow());
        assertEquals("de-registered", book.state("gone2").flatMap(MoState::result).orElseThrow());
        assertEquals("an MO still there keeps its state", "key k1@mef.example.com", book.state("live").flatMap(MoState::result).orElseThrow());
        assertEquals(3, book.states().size());
    }
}
