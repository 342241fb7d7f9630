package org.example.maf.impl.client;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.example.maf.api.KeyRegistrationRequest;
import org.example.maf.api.MafClient;
import org.example.maf.api.MafClientBuilder;
import org.example.maf.api.MafClientConfig;
import org.example.maf.api.MafException;
import org.example.maf.api.MafKey;
import org.example.maf.api.MafServer;
import org.example.maf.api.MafServerBuilder;
import org.example.tef.api.Hex;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.channel.SessionHandler;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.channel.TlsServerConfig;
import org.example.tef.api.standalone.TefStandalone;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The MAF Client keeps its session to the MAF open between procedures (MafClientConfig.sessionIdleTimeout), against
 * the real MAF over TLS; the MAF's TLS service is wrapped to count the handshakes it completed and to close its side
 * of the sessions. No timing is asserted: waits are for a condition, with a generous limit.
 */
public class KeptSessionsTest {
    static final String MAF = "maf.example.com";
    static final String SP = "sp.example.com";
    static final String SOURCE = "//sp.example.com/source";
    static final String TARGET = "//sp.example.com/target";
    static final byte[] SOURCE_KM = Hex.decode("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    static final byte[] TARGET_KM = Hex.decode("ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100");

    /** The MAF's TLS service, counting completed handshakes and holding the sessions its handler is serving. */
    static final class CountingChannels implements SecureChannels {
        final SecureChannels delegate = TefStandalone.secureChannels();
        final AtomicInteger handshakes = new AtomicInteger();
        final Set<SecureSession> serving = ConcurrentHashMap.newKeySet();

        @Override
        public Server listen(TlsServerConfig config, SessionHandler handler) throws IOException {
            return delegate.listen(config, session -> {
                handshakes.incrementAndGet();
                serving.add(session);
                try {
                    handler.serve(session);
                } finally {
                    serving.remove(session);
                }
            });
        }

        @Override
        public SecureSession connect(TlsClientConfig config) throws IOException { return delegate.connect(config); }

        /** The MAF closes its side of every open session (as its idle timeout or a restart would). */
        void closeEverySession() throws IOException {
            for (SecureSession s : new ArrayList<>(serving)) {
                try {
                    s.close();
                } catch (IOException alreadyClosing) {
                    // the handler may be closing it at the same moment
                }
            }
        }
    }

    private final CountingChannels channels = new CountingChannels();
    private MafServer maf;
    private final List<MafClient> clients = new ArrayList<>();

    @Before
    public void startMaf() throws IOException {
        maf = MafServerBuilder.create(MAF).port(0).secureChannels(channels).stakeholder(SP, List.of(SOURCE, TARGET))
                .pskClient(new PskCredential("source-km@" + MAF, SOURCE_KM, SOURCE))
                .pskClient(new PskCredential("target-km@" + MAF, TARGET_KM, TARGET)).start();
    }

    @After
    public void stop() throws IOException {
        clients.forEach(MafClient::close);
        maf.close();
    }

    private MafClient client(String id, String kmId, byte[] km, Duration idle) {
        MafClient c = MafClientBuilder.create().sessionIdleTimeout(idle).build(
                MafClientConfig.withPsk(MAF, "127.0.0.1", maf.address().getPort(), id, kmId, km));
        clients.add(c);
        return c;
    }

    private MafClient source(Duration idle) { return client(SOURCE, "source-km@" + MAF, SOURCE_KM, idle); }

    private MafClient target(Duration idle) { return client(TARGET, "target-km@" + MAF, TARGET_KM, idle); }

    /** Keys the Source registers (self-generated values) for the Target; the handshake counter starts again at 0. */
    private List<MafKey> keysForTheTarget(int n) throws MafException {
        MafClient source = source(MafClientConfig.DEFAULT_SESSION_IDLE_TIMEOUT);
        source.register(SP, Instant.now().plus(Duration.ofDays(1)), List.of());
        List<MafKey> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] value = new byte[32];
            value[0] = (byte) i;
            value[31] = 7;
            keys.add(source.registerKey(KeyRegistrationRequest.selfGenerated(SP, Instant.now().plus(Duration.ofHours(1)), 32,
                    List.of(TARGET), List.of(), value)));
        }
        source.close();
        channels.handshakes.set(0);
        return keys;
    }

    @Test
    public void proceduresOfOneClientShareOneHandshake() throws Exception {
        List<MafKey> keys = keysForTheTarget(2);
        MafClient target = target(MafClientConfig.DEFAULT_SESSION_IDLE_TIMEOUT);
        target.register(SP, Instant.now().plus(Duration.ofDays(1)), List.of());
        for (MafKey k : keys) assertArrayEquals(k.value(), target.retrieveKey(k.keyIdentifier).value());
        assertEquals("the registration's session is kept for both Key Retrievals", 1, channels.handshakes.get());
    }

    @Test
    public void withAnIdleTimeoutOfZeroEachProcedureHasItsOwnHandshake() throws Exception {
        List<MafKey> keys = keysForTheTarget(2);
        MafClient target = target(Duration.ZERO);
        target.register(SP, Instant.now().plus(Duration.ofDays(1)), List.of());
        for (MafKey k : keys) target.retrieveKey(k.keyIdentifier);
        assertEquals(3, channels.handshakes.get());
    }

    @Test
    public void aSessionTheMafClosedIsReplacedByANewHandshakeAndTheRetrievalSucceeds() throws Exception {
        List<MafKey> keys = keysForTheTarget(1);
        MafClient target = target(MafClientConfig.DEFAULT_SESSION_IDLE_TIMEOUT);
        target.register(SP, Instant.now().plus(Duration.ofDays(1)), List.of());
        channels.closeEverySession();
        assertTrue("the MAF's handler ended", eventually(channels.serving::isEmpty));

        assertArrayEquals(keys.get(0).value(), target.retrieveKey(keys.get(0).keyIdentifier).value());
        assertEquals("the kept session, then a new one for the repeated retrieval", 2, channels.handshakes.get());
    }

    @Test
    public void aDeRegistrationAfterTheMafClosedTheSessionGoesOnANewSession() throws Exception {
        MafClient target = target(MafClientConfig.DEFAULT_SESSION_IDLE_TIMEOUT);
        String first = target.register(SP, Instant.now().plus(Duration.ofDays(1)), List.of()).registrationId;
        channels.closeEverySession();
        assertTrue("the MAF's handler ended", eventually(channels.serving::isEmpty));
        // not repeatable: it never takes a kept session, so it cannot meet one the MAF closed
        target.deregister(first);
        assertEquals(2, channels.handshakes.get());
    }

    @Test
    public void theIdleTimeoutClosesTheSessionAndTheNextProcedureHandshakesAgain() throws Exception {
        List<MafKey> keys = keysForTheTarget(1);
        MafClient target = target(Duration.ofMillis(50));
        target.register(SP, Instant.now().plus(Duration.ofDays(1)), List.of());
        assertTrue("the client closed its idle session, so the MAF's handler ended", eventually(channels.serving::isEmpty));

        target.retrieveKey(keys.get(0).keyIdentifier);
        assertEquals(2, channels.handshakes.get());
    }

    @Test
    public void closingTheClientClosesItsSessionAndLaterProceduresFailWithoutSending() throws Exception {
        MafClient target = target(MafClientConfig.DEFAULT_SESSION_IDLE_TIMEOUT);
        String registration = target.register(SP, Instant.now().plus(Duration.ofDays(1)), List.of()).registrationId;
        assertEquals(1, channels.serving.size());
        target.close();
        assertTrue("the MAF's handler ended", eventually(channels.serving::isEmpty));
        MafException e = assertThrows(MafException.class, () -> target.deregister(registration));
        assertEquals(0, e.rsc());
        assertEquals(1, channels.handshakes.get());
    }

    @Test
    public void concurrentCallersOfOneClientAllSucceed() throws Exception {
        int threads = 8;
        int perThread = 6;
        List<MafKey> keys = keysForTheTarget(threads * perThread);
        MafClient target = target(MafClientConfig.DEFAULT_SESSION_IDLE_TIMEOUT);
        target.register(SP, Instant.now().plus(Duration.ofDays(1)), List.of());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<MafKey> mine = keys.subList(t * perThread, (t + 1) * perThread);
                done.add(pool.submit(() -> {
                    for (MafKey k : mine) assertArrayEquals(k.value(), target.retrieveKey(k.keyIdentifier).value());
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
        for (MafKey k : keys) assertTrue(target.heldKey(k.keyIdentifier).isPresent());
        assertTrue("never more sessions than callers at once (plus the registration's): " + channels.handshakes.get(),
                channels.handshakes.get() <= threads * perThread);
    }

    /** Waits at most 10 s for the condition. */
    static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(10);
        }
        return true;
    }
}
