package org.example.maf.impl.server.remote;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Test;

/**
 * What a peer that sends made-up KeIDs cannot do to the MAF (TS-0003 8.3.2.1 f: a fetch is for a KeID the Enrolment
 * Target does not have, not for any name): make it ask the MEF again for a KeID just refused, or run more than
 * {@link RemoteCredentials#MAX_FETCHES} fetches at once.
 */
public class RemoteCredentialsGuardTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now.get(); }
    };
    private final MefSettings mef = MefSettings.of("mef.example.com", "127.0.0.1", 8444, "maf@mef.example.com",
            "404142434445464748494a4b4c4d4e4f", 21, 30_000).orElseThrow(); // long: "at once" below is told from it on a busy machine

    @Test
    public void aKeIdTheMefRefusedIsNotAskedForAgainForAWhile_8_3_2_1() {
        AtomicInteger asked = new AtomicInteger();
        MefFetch refusing = new MefFetch(mef, "maf.example.com", null, null) {
            @Override FetchedCredential fetch(String keId) throws FetchFailure {
                asked.incrementAndGet();
                throw new FetchFailure(true, "4004: no live Enrolment Key " + keId);
            }
        };
        try (RemoteCredentials remote = new RemoteCredentials(mef, refusing, clock)) {
            for (int i = 0; i < 5; i++) assertFalse(remote.credentialFor("dead@mef.example.com").isPresent());
            assertEquals("one fetch for five handshakes", 1, asked.get());
            now.set(now.get().plus(RemoteCredentials.REFUSAL_MEMORY).plusSeconds(1));
            assertFalse(remote.credentialFor("dead@mef.example.com").isPresent());
            assertEquals("asked again once the memory has passed: the device may have enrolled", 2, asked.get());
        }
    }

    @Test
    public void atMostMaxFetchesRunAtOnceAndAHandshakeBeyondFailsAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        MefFetch slow = new MefFetch(mef, "maf.example.com", null, null) {
            @Override FetchedCredential fetch(String keId) {
                running.incrementAndGet();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new FetchedCredential(keId, new byte[32], "//sp.example.com/d", now.get().plus(Duration.ofHours(1)));
            }
        };
        ExecutorService handshakes = Executors.newFixedThreadPool(RemoteCredentials.MAX_FETCHES);
        try (RemoteCredentials remote = new RemoteCredentials(mef, slow, clock)) {
            for (int i = 0; i < RemoteCredentials.MAX_FETCHES; i++) {
                String keId = "k" + i + "@mef.example.com";
                handshakes.submit(() -> remote.credentialFor(keId));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (running.get() < RemoteCredentials.MAX_FETCHES && System.nanoTime() < deadline) Thread.sleep(5);
            assertEquals(RemoteCredentials.MAX_FETCHES, running.get());
            long before = System.nanoTime();
            assertFalse("one more KeID while all fetches run", remote.credentialFor("one-more@mef.example.com").isPresent());
            assertTrue("turned away at once, not after the fetch timeout", System.nanoTime() - before < TimeUnit.SECONDS.toNanos(5));
            assertEquals("no fetch started for it", RemoteCredentials.MAX_FETCHES, running.get());
        } finally {
            release.countDown();
            handshakes.shutdownNow();
        }
    }
}
