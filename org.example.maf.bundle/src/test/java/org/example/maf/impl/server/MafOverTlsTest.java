package org.example.maf.impl.server;

import org.example.onem2m.testsupport.Configs;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.example.maf.api.KeyRegistrationRequest;
import org.example.maf.api.KeyRegistrationUpdate;
import org.example.maf.api.MafClient;
import org.example.maf.api.MafClientConfig;
import org.example.maf.api.MafException;
import org.example.maf.api.MafKey;
import org.example.maf.impl.client.MafClientFactoryComponent;
import org.example.maf.impl.server.config.PskClientComponent;
import org.example.maf.impl.server.config.PskClientConfiguration;
import org.example.maf.impl.server.config.StakeholderComponent;
import org.example.maf.impl.server.config.StakeholderConfiguration;
import org.example.tef.impl.tls.BcSecureChannels;
import org.example.tef.impl.wire.HttpPrimitiveTransport;
import org.example.tef.spi.RegistrationStore;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The MAF server component and three MAF Clients over real TLS-PSK sessions on loopback (TS-0003 8.8.2.2):
 * a Source registers a key for one Target, that Target retrieves it, a third client is refused, the key
 * survives a restart of the MAF, and after de-registration nobody gets it.
 */
public class MafOverTlsTest {
    private static final String MAF = "maf.example.com";
    private static final String SP = "sp.example.com";
    private static final String A = "//sp.example.com/cse-a";
    private static final String B = "//sp.example.com/cse-b";
    private static final String C = "//sp.example.com/cse-c";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final BcSecureChannels channels = new BcSecureChannels();
    private final HttpPrimitiveTransport transport = new HttpPrimitiveTransport();
    private final MafClientFactoryComponent clients = new MafClientFactoryComponent(channels, transport);
    private int port;
    private MafServerComponent server;
    private RegistrationStore store;

    @Before
    public void givenAMafServingOneStakeholderWithThreePskClients() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        server = startServer();
    }

    @After
    public void stop() throws IOException {
        if (server != null) server.deactivate();
        if (store != null) store.close();
    }

    /** Also (re)opens the registry from its file, as the store component does when the tef bundle starts. */
    private MafServerComponent startServer() throws IOException {
        if (store != null) store.close();
        store = Registries.durable(folder.getRoot().toPath());
        MafServerComponent s = new MafServerComponent(channels, transport, store, serverConfig());
        s.addStakeholder(new StakeholderComponent(stakeholderConfig()));
        for (String id : List.of("a", "b", "c")) s.addPskClient(new PskClientComponent(pskConfig("km-" + id + "@" + MAF, key(id), "//sp.example.com/cse-" + id)));
        return s;
    }

    private static String key(String id) { return id.repeat(32).replace(id, "0" + (id.charAt(0) - 'a' + 1)); }

    private MafClient client(String id) {
        return clients.create(MafClientConfig.withPsk(MAF, "127.0.0.1", port, "//sp.example.com/cse-" + id, "KM-" + id.toUpperCase() + "@" + MAF,
                org.example.tef.api.Hex.decode(key(id))));
    }

    /** Source a, Target b and third client c, all registered; a's exported key for b alone. */
    private final class KeyForOneTarget {
        final MafClient source = client("a");
        final MafClient target = client("b");
        final MafClient third = client("c");
        final MafKey registered;

        KeyForOneTarget() throws Exception {
            for (MafClient c : List.of(source, target, third)) c.register(SP, Instant.now().plus(Duration.ofDays(1)), List.of());
            registered = source.registerKey(KeyRegistrationRequest.exported(SP, Instant.now().plus(Duration.ofHours(1)), 32, List.of(B), List.of()));
        }
    }

    @Test
    public void aSourceRegistersAnExportedKeyForOneTarget_8_8_2_7() throws Exception {
        MafKey registered = new KeyForOneTarget().registered;
        assertEquals(registered.relativeKeyId + "@" + MAF, registered.keyIdentifier);
        assertEquals(32, registered.value().length);
    }

    @Test
    public void theTargetRetrievesTheKeyTheSourceRegisteredForIt_8_8_2_8() throws Exception {
        KeyForOneTarget given = new KeyForOneTarget();
        MafKey registered = given.registered;
        MafKey retrieved = given.target.retrieveKey(registered.keyIdentifier.toUpperCase().replace(MAF.toUpperCase(), MAF));
        assertArrayEquals("both sides hold the key the TLS exporter gave the Source and the MAF (10.3.1)", registered.value(), retrieved.value());
        assertEquals(A, retrieved.sourceClientId);
    }

    @Test
    public void aThirdClientNotInTargetIdsIsRefusedTheKey_8_8_2_8() throws Exception {
        KeyForOneTarget given = new KeyForOneTarget();
        try {
            given.third.retrieveKey(given.registered.keyIdentifier);
            fail("a client not in targetIDs must be refused");
        } catch (MafException expected) {
            assertEquals(4103, expected.rsc());
        }
    }

    @Test
    public void aWrongPskFailsTheHandshakeAndLeavesNoRecord_8_8_2_2() throws Exception {
        MafClient impostor = clients.create(MafClientConfig.withPsk(MAF, "127.0.0.1", port, B, "km-b@" + MAF, new byte[32]));
        try {
            impostor.register(SP, Instant.now().plus(Duration.ofDays(1)), List.of());
            fail("a wrong Km must fail the handshake");
        } catch (MafException expected) {
            assertEquals("no answer from the MAF: the handshake failed", 0, expected.rsc());
        }
        MafClient real = client("b");
        assertEquals("the real client can still register: the impostor left no registration behind",
                B, real.register(SP, Instant.now().plus(Duration.ofDays(1)), List.of()).clientId);
    }

    /** Source a's exported key for b, registered before a restart of the MAF; b, as a new instance after it, holds the key. */
    private final class KeyAfterARestart {
        final MafClient source = client("a");
        final MafKey registered;
        final MafClient freshTarget;
        final byte[] retrievedAfterRestart;

        KeyAfterARestart() throws Exception {
            source.register(SP, Instant.now().plus(Duration.ofDays(1)), List.of());
            client("b").register(SP, Instant.now().plus(Duration.ofDays(1)), List.of());
            registered = source.registerKey(KeyRegistrationRequest.exported(SP, Instant.now().plus(Duration.ofHours(1)), 32, List.of(B), List.of()));

            server.deactivate();
            server = startServer();

            freshTarget = client("b");
            retrievedAfterRestart = freshTarget.retrieveKey(registered.keyIdentifier).value();
        }
    }

    @Test
    public void aKeyRegistrationSurvivesARestartOfTheMaf() throws Exception {
        KeyAfterARestart given = new KeyAfterARestart();
        assertArrayEquals(given.registered.value(), given.retrievedAfterRestart);
    }

    @Test
    public void afterDeRegistrationOfAKeyReopenedFromTheStoreNobodyRetrievesIt_8_8_2_10() throws Exception {
        KeyAfterARestart given = new KeyAfterARestart();
        given.source.deregisterKey(given.registered.relativeKeyId);
        try {
            client("b").retrieveKey(given.registered.keyIdentifier);
            fail("a de-registered key is gone");
        } catch (MafException expected) {
            assertEquals(4004, expected.rsc());
        }
    }

    @Test
    public void aTargetThatAlreadyHeldADeRegisteredKeyKeepsItsCopy_8_8_2_8() throws Exception {
        KeyAfterARestart given = new KeyAfterARestart();
        given.source.deregisterKey(given.registered.relativeKeyId);
        assertTrue("the target that already held it keeps its copy (8.8.2.8 NOTE)", given.freshTarget.heldKey(given.registered.keyIdentifier).isPresent());
        assertFalse(client("c").heldKey(given.registered.keyIdentifier).isPresent());
    }

    @Test
    public void deactivatingTheMafLeavesTheStoreItWasGivenOpen() throws Exception {
        client("a").register(SP, Instant.now().plus(Duration.ofDays(1)), List.of());
        server.deactivate();
        server = null;
        assertEquals("the store belongs to whoever gave it to the MAF", 1, store.clientRegistrationCount());
    }

    /** Source a with an exported key for b. */
    private MafKey aRegisteredKeyOfA(MafClient source) throws Exception {
        source.register(SP, Instant.now().plus(Duration.ofDays(1)), List.of());
        return source.registerKey(KeyRegistrationRequest.exported(SP, Instant.now().plus(Duration.ofHours(1)), 32, List.of(B), List.of()));
    }

    private static Instant inTwoHoursWholeSeconds() {
        return Instant.now().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    @Test
    public void aKeyUpdateGivesTheHolderTheKeyAsNowRegistered_8_8_2_9() throws Exception {
        MafClient source = client("a");
        MafKey registered = aRegisteredKeyOfA(source);
        Instant later = inTwoHoursWholeSeconds();

        KeyRegistrationUpdate update = source.updateKey(registered.relativeKeyId, later, List.of("renewed"), null);
        MafKey now = update.heldKey().orElseThrow();
        assertEquals(later, now.expirationTime);
        assertEquals(List.of("renewed"), now.labels);
        assertEquals("what was not asked keeps its value", List.of(B), now.targetIds);
        assertArrayEquals("the value is the one registered", registered.value(), now.value());
        assertEquals(now.expirationTime, source.heldKey(registered.keyIdentifier).orElseThrow().expirationTime);
    }

    @Test
    public void aKeyUpdateByASourceNotHoldingTheKeyGivesOnlyWhatTheMafAnswered_8_8_2_9() throws Exception {
        MafKey registered = aRegisteredKeyOfA(client("a"));
        Instant later = inTwoHoursWholeSeconds();

        // The same Source MAF Client as a new instance (a restart): the MAF authenticates it, but it holds no key.
        MafClient restarted = client("a");
        Instant muchLater = later.plus(Duration.ofHours(1));
        KeyRegistrationUpdate remote = restarted.updateKey(registered.relativeKeyId.toUpperCase(), muchLater, null, null);
        assertEquals(Optional.of(muchLater), remote.expirationTime());
        assertEquals("only what was asked for is answered (table 8.8.2.9-2)", Optional.empty(), remote.labels());
        assertFalse("the value is not in the answer, so no key is made up", remote.heldKey().isPresent());
        MafClient target = client("b");
        target.register(SP, Instant.now().plus(Duration.ofDays(1)), List.of());
        assertEquals("the update happened at the MAF", muchLater, target.retrieveKey(registered.keyIdentifier).expirationTime);
    }

    private MafServerConfiguration serverConfig() {
        return Configs.of(MafServerConfiguration.class, "fqdn", MAF, "port", port, "maxConnections", 16);
    }

    private static StakeholderConfiguration stakeholderConfig() {
        return Configs.of(StakeholderConfiguration.class, "adminFqdn", SP, "preAuthorizedClients", new String[] {A + "," + B, C},
                "maxRegistrationLifetimeSeconds", 86_400L * 30, "maxKeyLifetimeSeconds", 86_400L);
    }

    private static PskClientConfiguration pskConfig(String kmId, String km, String clientId) {
        return Configs.of(PskClientConfiguration.class, "kmId", kmId, "km", km, "clientId", clientId);
    }
}
