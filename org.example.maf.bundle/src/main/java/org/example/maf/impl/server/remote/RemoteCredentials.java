package org.example.maf.impl.server.remote;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Km of KeID sessions (TS-0003 8.8.2.3 step 1, 8.3.2.1 "Use of Remotely Provisioned Credential"): "the Enrolment
 * Target checks to see if it has the credentials associated with KeID and if it does not have the credentials, then
 * [it] prepares to fetch the credentials from the MEF". A fetched credential is kept per KeID until its Lifetime, so
 * later handshakes with the KeID do not ask the MEF again; concurrent handshakes with one KeID share one fetch.
 * <p>
 * The look-up runs inside the TLS handshake (the PSK callback), so it waits at most the fetch timeout; a fetch
 * that outlives it goes on on its own thread (its connect and reads are bounded by the same timeout) and fills the
 * cache for the next attempt. A refusal, an unreachable MEF or a timeout fails the handshake; each is logged once,
 * with the KeID and the reason, never a key. A refusal (the MEF does not know the KeID) is remembered for
 * {@link #REFUSAL_MEMORY}, so that a peer repeating an unknown KeID does not make the MAF ask the MEF each time; after
 * that the device may have enrolled. At most {@link #MAX_FETCHES} fetches run at a time: any unauthenticated peer can
 * send a handshake with a made-up {@code relative@MEF-FQDN}, and each would otherwise cost a thread and a session at the
 * MEF; beyond that a handshake with a new KeID fails at once (a WARN at most every 10 s says how many did).
 */
public final class RemoteCredentials implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteCredentials.class);
    /**
     * Beyond this many cached credentials, expired ones are dropped on the next fetch; after a sweep the next one waits
     * until the cache has doubled, so that a cache of live credentials is not scanned on every fetch (which made each
     * fetch cost O(cache size): BENCHMARKS.md, figure 11).
     */
    static final int SWEEP_ABOVE = 10_000;
    /** Fetches running at once; as many as the sessions to the MEF that {@link MefFetch} keeps. */
    static final int MAX_FETCHES = 16;
    /** How long a KeID the MEF refused is refused without asking again. */
    static final java.time.Duration REFUSAL_MEMORY = java.time.Duration.ofSeconds(10);
    /** The most refusals remembered; beyond, the memory starts again (a flood of made-up KeIDs cannot fill the heap). */
    static final int MAX_REFUSALS_REMEMBERED = 10_000;

    private final MefSettings mef;
    private final MefFetch fetch;
    private final Clock clock;
    private final Map<String, FetchedCredential> cache = new ConcurrentHashMap<>();
    private final Map<String, Fetch> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService fetchers;
    /** The cache size at which the next fetch sweeps expired credentials. */
    private final AtomicInteger sweepAt = new AtomicInteger(SWEEP_ABOVE);
    /** KeID (lookup form) -> until when the MEF's refusal stands. */
    private final Map<String, java.time.Instant> refused = new ConcurrentHashMap<>();
    private final AtomicInteger turnedAway = new AtomicInteger();
    private volatile long lastTurnedAwayWarning;

    RemoteCredentials(MefSettings mef, MefFetch fetch, Clock clock) {
        this.mef = mef;
        this.fetch = fetch;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.fetchers = new java.util.concurrent.ThreadPoolExecutor(0, MAX_FETCHES, 30, TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, "maf-mef-fetch-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    public static RemoteCredentials start(MefSettings mef, String mafId, org.example.tef.api.channel.SecureChannels channels,
                                          org.example.tef.api.wire.PrimitiveTransport transport, Clock clock) {
        return new RemoteCredentials(mef, new MefFetch(mef, mafId, channels, transport), clock);
    }

    public MefSettings mef() { return mef; }

    /** Whether the psk_identity names a KeID of the configured MEF (10.3.4). */
    boolean isKeId(String identity) { return mef.issued(identity); }

    /** The credential of a KeID, from the cache or fetched now (bounded by the fetch timeout); empty fails the handshake. */
    Optional<FetchedCredential> credentialFor(String keId) {
        if (!isKeId(keId)) return Optional.empty();
        Optional<FetchedCredential> cached = cached(keId);
        if (cached.isPresent()) return cached;
        String k = keyOf(keId);
        java.time.Instant refusedUntil = refused.get(k);
        if (refusedUntil != null) {
            if (clock.instant().isBefore(refusedUntil)) return Optional.empty();
            refused.remove(k, refusedUntil);
        }
        Fetch mine = new Fetch();
        Fetch running = inFlight.putIfAbsent(k, mine);
        if (running == null) {
            running = mine;
            try {
                fetchers.execute(() -> run(keId, k, mine));
            } catch (java.util.concurrent.RejectedExecutionException full) { // MAX_FETCHES running, or the MAF is stopping
                inFlight.remove(k, mine);
                turnedAway(keId);
                return Optional.empty();
            }
        }
        try {
            return Optional.of(running.result.get(mef.fetchTimeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            if (running.reported.compareAndSet(false, true)) LOG.warn("MAF Handshake with KeID {} failed: MEF {} did not answer its"
                    + " credential fetch within {} ms (TS-0003 8.3.2.1)", keId, mef.fqdn, mef.fetchTimeout.toMillis());
            return Optional.empty();
        } catch (ExecutionException | CancellationException e) { // reported by run()
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** One fetch in progress, shared by the handshakes that wait for it; its failure is logged once. */
    private static final class Fetch {
        final CompletableFuture<FetchedCredential> result = new CompletableFuture<>();
        final AtomicBoolean reported = new AtomicBoolean();
    }

    private void run(String keId, String k, Fetch fetchInFlight) {
        CompletableFuture<FetchedCredential> result = fetchInFlight.result;
        // each branch leaves inFlight before it completes the future: a handshake that then asks again starts a new
        // fetch instead of joining this finished one
        try {
            FetchedCredential credential = fetch.fetch(keId);
            if (!credential.liveAt(clock.instant())) throw new FetchFailure(true, "its Lifetime " + credential.lifetime + " has passed");
            sweepIfLarge();
            cache.put(k, credential);
            LOG.info("fetched from MEF {} the Km of KeID {} for MAF Client {}, valid until {} (TS-0003 8.3.2.1)", mef.fqdn, keId,
                    credential.enroleeId, credential.lifetime);
            inFlight.remove(k, fetchInFlight);
            result.complete(credential);
        } catch (FetchFailure f) {
            boolean first = fetchInFlight.reported.compareAndSet(false, true); // else the timeout was logged already
            if (!first) LOG.debug("the credential fetch of KeID {} that timed out ended: {}", keId, f.getMessage());
            else if (f.refused) LOG.info("MAF Handshake with KeID {} failed: MEF {} refused its credential fetch: {}", keId, mef.fqdn, f.getMessage());
            else LOG.warn("MAF Handshake with KeID {} failed: {}", keId, f.getMessage());
            if (f.refused) rememberRefusal(k);
            inFlight.remove(k, fetchInFlight);
            result.completeExceptionally(f);
        } catch (RuntimeException e) {
            if (fetchInFlight.reported.compareAndSet(false, true)) {
                LOG.warn("MAF Handshake with KeID {} failed: the credential fetch from MEF {} failed", keId, mef.fqdn, e);
            }
            inFlight.remove(k, fetchInFlight);
            result.completeExceptionally(e);
        } finally {
            inFlight.remove(k, fetchInFlight); // whatever happened above
        }
    }

    private void rememberRefusal(String k) {
        if (refused.size() >= MAX_REFUSALS_REMEMBERED) refused.clear();
        refused.put(k, clock.instant().plus(REFUSAL_MEMORY));
    }

    /** A handshake with a new KeID while {@link #MAX_FETCHES} fetches run: failed at once, counted, warned of every 10 s. */
    private void turnedAway(String keId) {
        int n = turnedAway.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastTurnedAwayWarning > TimeUnit.SECONDS.toNanos(10)) {
            lastTurnedAwayWarning = now;
            LOG.warn("MAF Handshake with KeID {} failed: {} credential fetches from MEF {} are running already; {} handshake(s) with a new"
                    + " KeID turned away so (a slow MEF, or many made-up KeIDs)", keId, MAX_FETCHES, mef.fqdn, turnedAway.getAndSet(0));
        }
    }

    /** Drops expired credentials once the cache has grown past {@link #sweepAt}, which then becomes twice what is left. */
    private void sweepIfLarge() {
        int at = sweepAt.get();
        if (cache.size() <= at || !sweepAt.compareAndSet(at, Integer.MAX_VALUE)) return; // one sweep at a time
        try {
            java.time.Instant now = clock.instant();
            cache.values().removeIf(c -> !c.liveAt(now));
        } finally {
            sweepAt.set((int) Math.min(Integer.MAX_VALUE, Math.max(SWEEP_ABOVE, 2L * cache.size())));
        }
    }

    /** Cached credentials, live or not yet swept (for tests). */
    int cacheSize() { return cache.size(); }

    /** The live credential fetched for a KeID, if any; the session of that KeID's handshake uses it (8.8.2.3). */
    Optional<FetchedCredential> cached(String keId) {
        String k;
        try {
            k = keyOf(keId);
        } catch (IllegalArgumentException notAnIdentity) {
            return Optional.empty();
        }
        FetchedCredential c = cache.get(k);
        if (c == null) return Optional.empty();
        if (c.liveAt(clock.instant())) return Optional.of(c);
        cache.remove(k, c);
        return Optional.empty();
    }

    /** KeIDs compare without regard to case (10.6), as the MEF files them. */
    private static String keyOf(String keId) { return org.example.tef.core.PskClients.canonical(keId).toLowerCase(Locale.ROOT); }

    /** Stops the fetch threads; a handshake waiting for one fails. */
    @Override
    public void close() {
        fetchers.shutdownNow();
        fetch.close();
        inFlight.values().forEach(f -> f.result.cancel(true));
    }
}
