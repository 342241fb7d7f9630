package org.example.maf.impl.server.remote;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Test;

/**
 * The cache of fetched credentials drops expired ones once it is large, without scanning a cache of live credentials on
 * every fetch (BENCHMARKS.md, figure 11: with more than 10,000 live credentials each fetch scanned them all).
 */
public class RemoteCredentialsSweepTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now.get(); }
    };

    @Test
    public void expiredCredentialsAreSweptWhenTheCacheHasGrownNotOnEveryFetch() {
        MefSettings mef = MefSettings.of("mef.example.com", "127.0.0.1", 8444, "maf@mef.example.com", "404142434445464748494a4b4c4d4e4f",
                21, 5000).orElseThrow();
        MefFetch fetch = new MefFetch(mef, "maf.example.com", null, null) {
            @Override
            FetchedCredential fetch(String keId) {
                return new FetchedCredential(keId, new byte[32], "//sp.example.com/d", now.get().plus(Duration.ofHours(1)));
            }
        };
        try (RemoteCredentials remote = new RemoteCredentials(mef, fetch, clock)) {
            int[] n = {0};
            Runnable fetchOne = () -> assertTrue(remote.credentialFor(Integer.toHexString(n[0]++) + "@mef.example.com").isPresent());
            int live = RemoteCredentials.SWEEP_ABOVE + 1;
            for (int i = 0; i < live; i++) fetchOne.run();
            assertEquals(live, remote.cacheSize());
            fetchOne.run(); // past the threshold: a sweep, nothing expired, so the next sweep waits for twice the size
            assertEquals(live + 1, remote.cacheSize());
            now.set(now.get().plus(Duration.ofHours(2))); // every credential cached so far has expired
            for (int i = 0; i < live; i++) fetchOne.run();
            assertEquals("no sweep (no scan) on these fetches", 2 * live + 1, remote.cacheSize());
            fetchOne.run(); // past twice the size: the expired ones are swept
            assertEquals("the expired ones swept, the live ones kept", live + 1, remote.cacheSize());
        }
    }
}
