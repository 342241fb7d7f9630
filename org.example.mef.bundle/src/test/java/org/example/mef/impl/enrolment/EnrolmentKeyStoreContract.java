package org.example.mef.impl.enrolment;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;

import org.example.tef.api.EnrolmentKey;
import org.junit.After;
import org.junit.Test;

/** What every {@link EnrolmentKeyStore} does; run against each implementation by a subclass. */
public abstract class EnrolmentKeyStoreContract {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    protected EnrolmentKeyStore store;

    protected abstract EnrolmentKeyStore open();

    @After
    public void close() { if (store != null) store.close(); }

    static EnrolmentRecord record(String relative, int fill, String enrolee, Instant expires) {
        byte[] ke = new byte[32];
        java.util.Arrays.fill(ke, (byte) fill);
        return new EnrolmentRecord(EnrolmentKey.of(relative, ke, "mef.example.com"), enrolee, expires);
    }

    @Test
    public void aStoredKeyIsFoundByItsKeIdIgnoringCase_10_3_4_10_6() {
        store = open();
        store.put(record("a0b1c2", 7, "//sp.example.com/cse-a", T0.plusSeconds(60)));
        EnrolmentRecord found = store.byKeId("A0B1C2@MEF.example.com").orElseThrow();
        assertEquals("a0b1c2@mef.example.com", found.keId());
        assertEquals("//sp.example.com/cse-a", found.enroleeId());
        assertEquals(T0.plusSeconds(60), found.expiresAt());
        byte[] expected = new byte[32];
        java.util.Arrays.fill(expected, (byte) 7);
        assertArrayEquals(expected, found.key().value());
    }

    @Test
    public void anUnknownOrMalformedKeIdFindsNothing() {
        store = open();
        store.put(record("a0b1c2", 7, "//sp.example.com/cse-a", T0.plusSeconds(60)));
        assertFalse(store.byKeId("ffff@mef.example.com").isPresent());
        assertFalse(store.byKeId("a0b1c2@maf.example.com").isPresent());
        assertFalse(store.byKeId("no at sign").isPresent());
    }

    @Test
    public void expiredKeysArePurgedAndLiveOnesKept() {
        store = open();
        store.put(record("01", 1, "//sp.example.com/cse-a", T0.plusSeconds(10)));
        store.put(record("02", 2, "//sp.example.com/cse-b", T0.plusSeconds(100)));
        assertEquals(1, store.removeExpired(T0.plusSeconds(10)));
        assertFalse(store.byKeId("01@mef.example.com").isPresent());
        assertTrue(store.byKeId("02@mef.example.com").isPresent());
        assertEquals(1, store.count());
        assertEquals(0, store.removeExpired(T0.plusSeconds(10)));
    }
}
