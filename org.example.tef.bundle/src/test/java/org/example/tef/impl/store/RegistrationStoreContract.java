package org.example.tef.impl.store;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.example.tef.spi.AssignedCredential;
import org.example.tef.spi.ClientRegistration;
import org.example.tef.spi.KeyRegistration;
import org.example.tef.spi.RegistrationStore;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** What every {@link RegistrationStore} does; a subclass per implementation says how to make one. */
public abstract class RegistrationStoreContract {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    protected RegistrationStore store;

    protected abstract RegistrationStore newStore() throws Exception;

    @Before
    public void openStore() throws Exception {
        store = newStore();
    }

    @After
    public void closeStore() {
        if (store != null) store.close();
    }

    static ClientRegistration client(String registrationId, String clientId, String adminFqdn, Instant expires) {
        return new ClientRegistration(registrationId, clientId, "KmID-" + clientId, adminFqdn, List.of("l1", "l2"),
                expires, T0.minusSeconds(3600));
    }

    static KeyRegistration key(String relativeKeyId, Instant expires) {
        return key(relativeKeyId, expires, new byte[] {1, 2, 3, (byte) relativeKeyId.length()});
    }

    static KeyRegistration key(String relativeKeyId, Instant expires, byte[] value) {
        return new KeyRegistration(relativeKeyId, "C-source", "maf.example.com", 0x22, List.of("C-t1", "C-t2"),
                List.of("label"), expires, value, T0.minusSeconds(60));
    }

    @Test
    public void aStoredClientRegistrationIsReadBackEqual() {
        ClientRegistration r = client("reg-1", "C-a", "sp1.example.com", T0.plusNanos(123_456_789));
        store.putClientRegistration(r);
        assertEquals(r, store.clientRegistration("reg-1").orElseThrow());
        assertEquals(List.of("l1", "l2"), store.clientRegistration("reg-1").orElseThrow().labels());
    }

    @Test
    public void anAssignedCredentialIsStoredWithItsRegistrationAndKeptByItsUpdates_8_8_2_3() {
        byte[] km = new byte[32];
        for (int i = 0; i < km.length; i++) km[i] = (byte) (i * 7);
        AssignedCredential assigned = new AssignedCredential("reg-1.00ff@maf.example.com", km, T0.plusSeconds(86_400));
        ClientRegistration r = client("reg-1", "C-a", "sp1.example.com", T0).withAssignedCredential(assigned);
        store.putClientRegistration(r);
        ClientRegistration read = store.clientRegistration("reg-1").orElseThrow();
        assertEquals(r, read);
        assertArrayEquals(km, read.assignedCredential().orElseThrow().key());
        store.putClientRegistration(read.withExpirationTime(T0.plusSeconds(9)).withLabels(List.of("x")));
        assertEquals(assigned, store.clientRegistration("reg-1").orElseThrow().assignedCredential().orElseThrow());
        assertFalse("no key in the log text", read.toString().contains("00010"));
    }

    @Test
    public void aRegistrationWithoutAnAssignedCredentialHasNone() {
        store.putClientRegistration(client("reg-1", "C-a", "sp1.example.com", T0));
        assertFalse(store.clientRegistration("reg-1").orElseThrow().assignedCredential().isPresent());
    }

    @Test
    public void anUnknownClientRegistrationIsEmpty() {
        assertFalse(store.clientRegistration("nope").isPresent());
    }

    @Test
    public void puttingAClientRegistrationWithTheSameIdReplacesIt() {
        store.putClientRegistration(client("reg-1", "C-a", "sp1.example.com", T0));
        ClientRegistration renewed = client("reg-1", "C-a", "sp1.example.com", T0.plusSeconds(100));
        store.putClientRegistration(renewed);
        assertEquals(renewed, store.clientRegistration("reg-1").orElseThrow());
        assertEquals(1, store.clientRegistrationCount());
        assertEquals(List.of(renewed), store.clientRegistrationsOf("C-a"));
    }

    @Test
    public void aRemovedClientRegistrationIsGone() {
        store.putClientRegistration(client("reg-1", "C-a", "sp1.example.com", T0));
        assertTrue(store.removeClientRegistration("reg-1"));
        assertFalse(store.clientRegistration("reg-1").isPresent());
        assertEquals(List.of(), store.clientRegistrationsOf("C-a"));
    }

    @Test
    public void removingAClientRegistrationAgainReturnsFalse() {
        store.putClientRegistration(client("reg-1", "C-a", "sp1.example.com", T0));
        store.removeClientRegistration("reg-1");
        assertFalse(store.removeClientRegistration("reg-1"));
    }

    @Test
    public void removingAnUnknownClientRegistrationIdReturnsFalse() {
        assertFalse(store.removeClientRegistration("never-stored"));
    }

    @Test
    public void removingAnUnknownRelativeKeyIdReturnsFalse() {
        assertFalse(store.removeKeyRegistration("never-stored"));
    }

    @Test
    public void clientRegistrationsOfReturnsExactlyThatClientsRegistrationsAcrossStakeholders() {
        ClientRegistration a1 = client("reg-1", "C-a", "sp1.example.com", T0);
        ClientRegistration a2 = client("reg-2", "C-a", "sp2.example.com", T0);
        ClientRegistration b = client("reg-3", "C-b", "sp1.example.com", T0);
        ClientRegistration prefixOfA = client("reg-4", "C-ab", "sp1.example.com", T0); // "C-a" is a prefix of it
        store.putClientRegistration(a1);
        store.putClientRegistration(b);
        store.putClientRegistration(a2);
        store.putClientRegistration(prefixOfA);
        assertEquals(Set.of(a1, a2), Set.copyOf(store.clientRegistrationsOf("C-a")));
        assertEquals(2, store.clientRegistrationsOf("C-a").size());
        assertEquals(List.of(b), store.clientRegistrationsOf("C-b"));
        assertEquals(List.of(prefixOfA), store.clientRegistrationsOf("C-ab"));
        assertEquals(List.of(), store.clientRegistrationsOf("C-unknown"));
    }

    @Test
    public void aClientRegistrationMovedToAnotherClientIsListedOnlyUnderTheNewOne() {
        store.putClientRegistration(client("reg-1", "C-a", "sp1.example.com", T0));
        ClientRegistration moved = client("reg-1", "C-b", "sp1.example.com", T0);
        store.putClientRegistration(moved);
        assertEquals(List.of(), store.clientRegistrationsOf("C-a"));
        assertEquals(List.of(moved), store.clientRegistrationsOf("C-b"));
    }

    @Test
    public void aStoredKeyRegistrationIsReadBackEqualWithItsKeyValue() {
        KeyRegistration k = key("abc", T0, new byte[] {9, 8, 7, 6, 5});
        store.putKeyRegistration(k);
        KeyRegistration read = store.keyRegistration("abc").orElseThrow();
        assertEquals(k, read);
        assertArrayEquals(new byte[] {9, 8, 7, 6, 5}, read.keyValue());
    }

    @Test
    public void relativeKeyIdLookUpIgnoresCase_10_6() {
        store.putKeyRegistration(key("abc", T0));
        assertTrue(store.keyRegistration("AbC").isPresent());
        assertTrue(store.keyRegistration("ABC").isPresent());
        assertEquals("abc", store.keyRegistration("AbC").orElseThrow().relativeKeyId());
    }

    @Test
    public void puttingAKeyRegistrationWhoseRelativeKeyIdDiffersOnlyInCaseReplacesIt_10_6() {
        store.putKeyRegistration(key("abc", T0, new byte[] {1}));
        KeyRegistration replacement = key("ABC", T0.plusSeconds(10), new byte[] {2});
        store.putKeyRegistration(replacement);
        assertEquals(1, store.keyRegistrationCount());
        assertEquals(replacement, store.keyRegistration("abc").orElseThrow());
    }

    @Test
    public void aRemovedKeyRegistrationIsGoneWhateverTheCaseOfTheRemoval_10_6() {
        store.putKeyRegistration(key("abc", T0));
        assertTrue(store.removeKeyRegistration("aBc"));
        assertFalse(store.keyRegistration("abc").isPresent());
        assertEquals(0, store.keyRegistrationCount());
    }

    @Test
    public void removingAKeyRegistrationAgainReturnsFalse() {
        store.putKeyRegistration(key("abc", T0));
        store.removeKeyRegistration("aBc");
        assertFalse(store.removeKeyRegistration("abc"));
    }

    @Test
    public void countsFollowPutsReplacementsAndRemovals() {
        assertEquals(0, store.clientRegistrationCount());
        assertEquals(0, store.keyRegistrationCount());
        for (int i = 0; i < 5; i++) store.putClientRegistration(client("reg-" + i, "C-" + (i % 2), "sp.example.com", T0));
        for (int i = 0; i < 7; i++) store.putKeyRegistration(key("k" + i, T0));
        store.putKeyRegistration(key("K3", T0));
        store.removeClientRegistration("reg-0");
        store.removeKeyRegistration("k6");
        assertEquals(4, store.clientRegistrationCount());
        assertEquals(6, store.keyRegistrationCount());
    }

    @Test
    public void removeExpiredRemovesExactlyThoseExpiredAtOrBeforeNowAndCountsThem() {
        Instant now = T0.plusMillis(500);
        store.putClientRegistration(client("c-past", "C-a", "sp.example.com", T0.minusSeconds(86_400)));
        store.putClientRegistration(client("c-now", "C-a", "sp.example.com", now));
        store.putClientRegistration(client("c-sameSecondLater", "C-a", "sp.example.com", now.plusNanos(1)));
        store.putClientRegistration(client("c-future", "C-a", "sp.example.com", now.plusSeconds(1)));
        store.putKeyRegistration(key("k-past", T0.minusSeconds(1)));
        store.putKeyRegistration(key("k-now", now));
        store.putKeyRegistration(key("k-sameSecondLater", now.plusMillis(1)));
        store.putKeyRegistration(key("k-future", now.plusSeconds(3600)));
        store.putKeyRegistration(key("k-before1970", Instant.parse("1969-12-31T23:59:59Z")));

        assertEquals(2 + 3, store.removeExpired(now));

        assertEquals(Set.of("c-sameSecondLater", "c-future"),
                store.clientRegistrationsOf("C-a").stream().map(ClientRegistration::registrationId).collect(Collectors.toSet()));
        assertEquals(2, store.clientRegistrationCount());
        assertFalse(store.keyRegistration("k-past").isPresent());
        assertFalse(store.keyRegistration("k-now").isPresent());
        assertFalse(store.keyRegistration("k-before1970").isPresent());
        assertTrue(store.keyRegistration("k-sameSecondLater").isPresent());
        assertTrue(store.keyRegistration("k-future").isPresent());
        assertEquals(2, store.keyRegistrationCount());
        assertEquals(0, store.removeExpired(now));
    }

    @Test
    public void aRenewedRegistrationIsNotRemovedAtItsOldExpirationTime() {
        store.putClientRegistration(client("reg-1", "C-a", "sp.example.com", T0));
        store.putClientRegistration(client("reg-1", "C-a", "sp.example.com", T0.plusSeconds(60)));
        store.putKeyRegistration(key("abc", T0));
        store.putKeyRegistration(key("ABC", T0.plusSeconds(60)));
        assertEquals(0, store.removeExpired(T0));
        assertEquals(2, store.removeExpired(T0.plusSeconds(60)));
        assertEquals(0, store.clientRegistrationCount());
        assertEquals(0, store.keyRegistrationCount());
    }

    @Test
    public void aWriteAfterCloseThrowsIllegalStateException() {
        store.close();
        try {
            store.putKeyRegistration(key("abc", T0));
            fail("a write after close must throw");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("closed"));
        }
    }
}
