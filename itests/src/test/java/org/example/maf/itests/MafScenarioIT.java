package org.example.maf.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.example.maf.api.ClientRegistrationInfo;
import org.example.maf.api.KeyRegistrationRequest;
import org.example.maf.api.MafClient;
import org.example.maf.api.MafClientConfig;
import org.example.maf.api.MafClientFactory;
import org.example.maf.api.MafException;
import org.example.maf.api.MafKey;
import org.example.onem2m.itests.Await;
import org.example.onem2m.itests.Framework;
import org.example.onem2m.itests.ItestOptions;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The MAF (TS-0003 8.8) in a real framework (Felix; Equinox in itests-equinox): configured through Configuration Admin (server PID
 * {@value #SERVER_PID} selecting its registry by {@code store.target}, the durable registry store as a configuration
 * of factory PID {@value #STORE_FACTORY_PID}, one stakeholder, pre-provisioned PSK clients: Source, Target, Other
 * and a witness for the registry count), driven by MAF Clients taken from
 * the {@link MafClientFactory} OSGi service over real TLS 1.2 PSK sessions on loopback.
 * <p>
 * "Restart" here is a <em>bundle</em> restart inside the running framework: the {@code org.example.maf} and
 * {@code org.example.tef} bundles are stopped (the store component of tef closes the registry store) and started
 * again (the store is reopened from the file on disk). The restart of the whole process, with {@code kill -9}, is covered by
 * {@code MafRestartIT.aMafKeyRegisteredBeforeKillMinus9IsRetrievedAfterTheProcessRestarts} in the
 * distribution module.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MafScenarioIT {
    static final String SERVER_PID = "org.example.maf.server";
    static final String STAKEHOLDER_FACTORY_PID = "org.example.maf.stakeholder";
    static final String PSK_FACTORY_PID = "org.example.maf.psk";
    /** The embedded durable registration stores of tef; the MAF uses the one named {@value #STORE_NAME}. */
    static final String STORE_FACTORY_PID = "org.example.tef.store.mvstore";
    static final String STORE_NAME = "maf";
    static final String MAF_BUNDLE = "org.example.maf";
    static final String TEF_BUNDLE = "org.example.tef";
    /** The registry file the store keeps in its dataDirectory. */
    static final String REGISTRY_FILE = "maf-registry.mv.db";

    static final String MAF = "maf.example.com";
    static final String SP = "sp.example.com";
    static final Credential SOURCE = new Credential("//sp.example.com/cse-source", "source-km@" + MAF, "000102030405060708090a0b0c0d0e0f");
    static final Credential TARGET = new Credential("//sp.example.com/cse-target", "target-km@" + MAF, "101112131415161718191a1b1c1d1e1f");
    static final Credential OTHER = new Credential("//sp.example.com/cse-other", "other-km@" + MAF, "202122232425262728292a2b2c2d2e2f");
    /** Registered only by the wrong-PSK test, to show that its registry count sees a registration. */
    static final Credential WITNESS = new Credential("//sp.example.com/cse-witness", "witness-km@" + MAF, "303132333435363738393a3b3c3d3e3f");
    /** SAEF key distributed by a MAF (TS-0004 table 6.3.4.2.39-1, usage x2): exactly one target (TS-0003 8.8.2.7). */
    static final int SUID_MAF_SAEF = 32;
    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    private int port;
    private Path dataDirectory;

    @Configuration
    public Option[] config() {
        return ItestOptions.container();
    }

    /**
     * Configures the MAF once per container: the registry store (fresh data directory under target/), the
     * stakeholder and the four client keys first, the server (free loopback port, store.target naming the store)
     * last; then waits until the MAF answers a MAF Client.
     */
    @Before
    public void configureTheMaf() throws IOException, InvalidSyntaxException {
        if (configurationAdmin.listConfigurations("(service.pid=" + SERVER_PID + ")") == null) {
            Hashtable<String, Object> store = new Hashtable<>();
            store.put("name", STORE_NAME);
            store.put("dataDirectory", Framework.newDirectory("maf-data-").toString());
            store.put("file", REGISTRY_FILE);
            // "?": multi-location, so that the tef bundle's store component receives it
            configurationAdmin.createFactoryConfiguration(STORE_FACTORY_PID, "?").update(store);
            Hashtable<String, Object> stakeholder = new Hashtable<>();
            stakeholder.put("adminFqdn", SP);
            stakeholder.put("preAuthorizedClients", new String[] {SOURCE.clientId, TARGET.clientId, OTHER.clientId, WITNESS.clientId});
            stakeholder.put("maxRegistrationLifetimeSeconds", 86_400L);
            stakeholder.put("maxKeyLifetimeSeconds", 3_600L);
            stakeholder.put("clientConfiguration", "{\"itest\":\"MafScenarioIT\"}");
            // "?": multi-location configurations, so the maf bundle's components receive them, not this probe.
            configurationAdmin.createFactoryConfiguration(STAKEHOLDER_FACTORY_PID, "?").update(stakeholder);
            for (Credential c : List.of(SOURCE, TARGET, OTHER, WITNESS)) {
                Hashtable<String, Object> psk = new Hashtable<>();
                psk.put("kmId", c.kmId);
                psk.put("km", c.kmHex);
                psk.put("clientId", c.clientId);
                configurationAdmin.createFactoryConfiguration(PSK_FACTORY_PID, "?").update(psk);
            }
            Hashtable<String, Object> server = new Hashtable<>();
            server.put("fqdn", MAF);
            server.put("host", "127.0.0.1");
            server.put("port", ItestOptions.freeLocalPort());
            server.put("store.target", "(name=" + STORE_NAME + ")");
            server.put("purgeIntervalSeconds", 60L);
            server.put("maxConnections", 16);
            server.put("pskEnabled", true);
            configurationAdmin.getConfiguration(SERVER_PID, "?").update(server);
        }
        Dictionary<String, Object> server = configurationAdmin.getConfiguration(SERVER_PID, "?").getProperties();
        port = ((Number) server.get("port")).intValue();
        org.osgi.service.cm.Configuration[] stores = configurationAdmin.listConfigurations("(service.factoryPid=" + STORE_FACTORY_PID + ")");
        assertEquals("one registry store configured", 1, stores.length);
        dataDirectory = Paths.get((String) stores[0].getProperties().get("dataDirectory"));
        awaitMafAnswers();
    }

    /** The clients the running test registered (clientId to mafClientRegID), de-registered after it. */
    private final Map<Credential, String> registrations = new LinkedHashMap<>();

    /**
     * A MAF Client Registration (TS-0003 8.8.2.3) of {@code c} that {@link #deRegisterTheTestsClients()} undoes, so
     * that every test of this container can register the same clients (the MAF refuses a second registration for
     * the same stakeholder).
     */
    private MafClient registered(Credential c) throws MafException {
        MafClient client = client(c);
        ClientRegistrationInfo registration = client.register(SP, Instant.now().plus(Duration.ofHours(12)), List.of("itest"));
        assertEquals(c.clientId, registration.clientId);
        registrations.put(c, registration.registrationId);
        return client;
    }

    /**
     * De-registers with new MafClient instances (after a bundle restart the ones the test made belong to the stopped
     * bundles' factory), then closes every MafClient made for the test, so that their kept sessions do not add up to
     * the MAF's maxConnections over the tests of this container.
     */
    @After
    public void deRegisterTheTestsClientsAndCloseThem() throws MafException {
        try {
            for (Map.Entry<Credential, String> r : registrations.entrySet()) client(r.getKey()).deregister(r.getValue());
        } finally {
            for (MafClient c : made) c.close();
            made.clear();
        }
    }

    /** Source, Target and Other registered; the Source's SAEF key, from the TLS exporter, for exactly the Target. */
    private final class SaefKeyForTheTarget {
        final MafClient source = registered(SOURCE);
        final MafClient target = registered(TARGET);
        final MafClient other = registered(OTHER);
        final MafKey registered = source.registerKey(KeyRegistrationRequest.exported(SP, Instant.now().plus(Duration.ofMinutes(30)),
                SUID_MAF_SAEF, List.of(TARGET.clientId), List.of("itest")));

        SaefKeyForTheTarget() throws MafException {
        }
    }

    /** TS-0003 8.8.2.7: a Source registers a SAEF key for exactly one Target; the MAF answers with its identifier and value. */
    @Test
    public void aSourceRegistersAnExportedSaefKeyForExactlyOneTarget_8_8_2_7() throws Exception {
        MafKey registered = new SaefKeyForTheTarget().registered;
        assertEquals(registered.relativeKeyId + "@" + MAF, registered.keyIdentifier);
        assertEquals(SUID_MAF_SAEF, registered.suid);
        assertEquals(List.of(TARGET.clientId), registered.targetIds);
        assertEquals(SOURCE.clientId, registered.sourceClientId);
        assertEquals("a 256-bit key from EXPORTER-oneM2M-Connection (TS-0003 10.3.1)", 32, registered.value().length);
    }

    /** TS-0003 8.8.2.8: the Target retrieves the same key value the Source holds. */
    @Test
    public void theTargetRetrievesTheKeyValueTheSourceHolds_8_8_2_8() throws Exception {
        SaefKeyForTheTarget given = new SaefKeyForTheTarget();
        MafKey retrieved = given.target.retrieveKey(given.registered.keyIdentifier);
        assertArrayEquals("the Target holds the key value the Source holds", given.registered.value(), retrieved.value());
        assertEquals(SOURCE.clientId, retrieved.sourceClientId);
        assertEquals(SUID_MAF_SAEF, retrieved.suid);
    }

    /** TS-0003 8.8.2.8: a third pre-authorized client, not in targetIDs, is refused with 4103. */
    @Test
    public void aThirdClientNotInTargetIdsIsRefusedWith4103_8_8_2_8() throws Exception {
        SaefKeyForTheTarget given = new SaefKeyForTheTarget();
        assertRefused("the third client is not in targetIDs", 4103, () -> given.other.retrieveKey(given.registered.keyIdentifier));
    }

    /**
     * The key survives a bundle restart of the MAF (org.example.maf and org.example.tef stopped and started: the
     * registry store is closed and reopened from disk, the process keeps running): a new Target MafClient without a
     * cached key retrieves it, and the third client is still refused.
     */
    @Test
    public void aKeySurvivesABundleRestartOfTheMaf() throws Exception {
        MafKey registered = new SaefKeyForTheTarget().registered;

        restartMafBundles();

        MafClient freshTarget = client(TARGET);
        assertFalse("a new MafClient holds no key", freshTarget.heldKey(registered.keyIdentifier).isPresent());
        MafKey afterRestart = freshTarget.retrieveKey(registered.keyIdentifier);
        assertArrayEquals("the key value was reopened from the registry file", registered.value(), afterRestart.value());
        assertEquals(SOURCE.clientId, afterRestart.sourceClientId);
        assertRefused("still refused after the restart", 4103, () -> client(OTHER).retrieveKey(registered.keyIdentifier));
    }

    /**
     * TS-0003 8.8.2.10: after the Source de-registers a key that a bundle restart reopened from the registry file,
     * nobody retrieves it (4004).
     */
    @Test
    public void afterDeRegistrationAKeyReopenedFromTheRegistryIsGoneForEverybody_8_8_2_10() throws Exception {
        MafKey registered = new SaefKeyForTheTarget().registered;
        restartMafBundles();

        // A new Source instance too: the old one was made by the MafClientFactory of the stopped bundles.
        client(SOURCE).deregisterKey(registered.relativeKeyId);
        assertRefused("the de-registered key is gone for the Target", 4004, () -> client(TARGET).retrieveKey(registered.keyIdentifier));
        assertRefused("and for everybody else", 4004, () -> client(OTHER).retrieveKey(registered.keyIdentifier));
        assertRefused("and for its Source", 4004, () -> client(SOURCE).retrieveKey(registered.keyIdentifier));
    }

    /**
     * TS-0003 8.8.2.2: a MAF Client with a wrong Km (under a KmID the MAF knows) or an unknown KmID fails the MAF
     * Handshake (MafException without a MAF status, rsc 0) and leaves the registry as it was: the client and key
     * registration counts read from the registry file (tef bundle stopped, so the file is closed) do not change,
     * while the same count does go up by one for a registration of a correct client (a fourth, witness client that
     * no other test registers, de-registered at the end). One test, not one per impostor: the witness registration
     * is the control that makes "unchanged" mean something, and every count stops and starts the tef bundle.
     */
    @Test
    public void aWrongPskFailsTheHandshakeAndLeavesTheRegistryFileUnchanged_8_8_2_2() throws Exception {
        long[] before = registryCounts();

        MafClient wrongKm = factory().create(MafClientConfig.withPsk(MAF, "127.0.0.1", port, TARGET.clientId, TARGET.kmId,
                hex("ffeeddccbbaa99887766554433221100")));
        MafClient unknownKmId = factory().create(MafClientConfig.withPsk(MAF, "127.0.0.1", port, "//sp.example.com/cse-intruder",
                "intruder-km@" + MAF, hex(TARGET.kmHex)));
        for (MafClient impostor : List.of(wrongKm, unknownKmId)) {
            try {
                impostor.register(SP, Instant.now().plus(Duration.ofHours(1)), List.of("impostor"));
                fail(impostor.clientId() + " with a wrong PSK completed a MAF Client Registration");
            } catch (MafException expected) {
                assertEquals("no answer from the MAF, the handshake failed: " + expected.getMessage(), 0, expected.rsc());
            }
        }
        long[] afterImpostors = registryCounts();
        assertArrayEquals("client and key registrations in " + REGISTRY_FILE + " before and after the impostors: "
                + Arrays.toString(before) + " / " + Arrays.toString(afterImpostors), before, afterImpostors);

        MafClient witness = client(WITNESS);
        String registrationId = witness.register(SP, Instant.now().plus(Duration.ofHours(1)), List.of("witness")).registrationId;
        long[] afterWitness = registryCounts();
        assertEquals("a correct client's registration is counted, so the count above is not blind",
                before[0] + 1, afterWitness[0]);
        assertEquals(before[1], afterWitness[1]);
        client(WITNESS).deregister(registrationId);
    }

    // ---- the MAF ----

    private MafClientFactory factory() {
        ServiceReference<MafClientFactory> ref = Await.until("the MafClientFactory service", READY_TIMEOUT,
                () -> context.getServiceReference(MafClientFactory.class), () -> "none registered");
        MafClientFactory factory = context.getService(ref);
        assertNotNull("MafClientFactory service went away", factory);
        return factory;
    }

    /** The MafClients made for the running test; closed after it. */
    private final List<MafClient> made = new ArrayList<>();

    private MafClient client(Credential c) {
        MafClient client = factory().create(MafClientConfig.withPsk(MAF, "127.0.0.1", port, c.clientId, c.kmId, hex(c.kmHex)));
        made.add(client);
        return client;
    }

    /**
     * Waits until the MAF's server component is up with its stakeholder and client keys, then until it answers a
     * MAF Client over TLS: a Key Retrieval of a key that does not exist changes nothing and gets a MAF status
     * (4004 or 4103); a MafException with rsc 0 means there was no handshake yet.
     */
    private void awaitMafAnswers() {
        Await.until("the MAF components (server, 1 stakeholder, 4 PSK clients)", READY_TIMEOUT, () ->
                Framework.services(context, "org.example.maf.api.StakeholderAdministration") >= 1
                        && Framework.services(context, "org.example.maf.impl.server.config.StakeholderComponent") >= 1
                        && Framework.services(context, "org.example.maf.impl.server.config.PskClientComponent") >= 4 ? Boolean.TRUE : null,
                () -> "server " + Framework.services(context, "org.example.maf.api.StakeholderAdministration") + ", stakeholders "
                        + Framework.services(context, "org.example.maf.impl.server.config.StakeholderComponent") + ", PSK clients "
                        + Framework.services(context, "org.example.maf.impl.server.config.PskClientComponent"));
        String[] last = {"nothing yet"};
        Await.until("the MAF on 127.0.0.1:" + port + " to answer a MAF Client", READY_TIMEOUT, () -> {
            try {
                client(OTHER).retrieveKey("readiness-probe@" + MAF);
                return Boolean.TRUE;
            } catch (MafException e) {
                last[0] = e.rsc() + " " + e.getMessage();
                return e.rsc() != 0 ? Boolean.TRUE : null;
            }
        }, () -> last[0]);
    }

    /**
     * A bundle restart of the MAF inside this framework (not a process restart): stop org.example.maf and
     * org.example.tef (whose store component closes the registry store), check the registry file is on disk, start both.
     */
    private void restartMafBundles() throws BundleException {
        Bundle maf = Framework.bundle(context, MAF_BUNDLE);
        Bundle tef = Framework.bundle(context, TEF_BUNDLE);
        maf.stop();
        tef.stop();
        assertEquals(Bundle.RESOLVED, maf.getState());
        assertEquals(Bundle.RESOLVED, tef.getState());
        assertEquals("nobody serves the MAF while its bundles are stopped", 0, Framework.services(context, "org.example.maf.api.StakeholderAdministration"));
        assertTrue("the registry file " + dataDirectory.resolve(REGISTRY_FILE), Files.isRegularFile(dataDirectory.resolve(REGISTRY_FILE)));
        tef.start();
        maf.start();
        awaitMafAnswers();
    }

    /**
     * [client registrations, key registrations] as stored in the registry file, read with the tef bundle stopped
     * (its store component closed the store, so the file is not locked; the MAF, which references the store, is
     * deactivated with it) and then started again.
     */
    private long[] registryCounts() throws BundleException {
        Bundle tef = Framework.bundle(context, TEF_BUNDLE);
        tef.stop();
        try {
            Path file = dataDirectory.resolve(REGISTRY_FILE);
            assertTrue("the registry file " + file, Files.isRegularFile(file));
            MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
            try {
                return new long[] {size(store, "clientRegistrations"), size(store, "keyRegistrations")};
            } finally {
                store.close();
            }
        } finally {
            tef.start();
            awaitMafAnswers();
        }
    }

    private static long size(MVStore store, String map) {
        // The types the store was written with (tef's MVStoreRegistrationStore), so no page is read with another.
        return store.hasMap(map) ? store.openMap(map, new MVMap.Builder<String, byte[]>().keyType(StringDataType.INSTANCE)
                .valueType(ByteArrayDataType.INSTANCE)).sizeAsLong() : 0;
    }

    // ---- helpers ----

    interface Procedure {
        void run() throws MafException;
    }

    private static void assertRefused(String why, int rsc, Procedure procedure) {
        try {
            procedure.run();
            fail(why + ": expected MafException " + rsc + ", but the procedure succeeded");
        } catch (MafException e) {
            assertEquals(why + ": " + e.getMessage(), rsc, e.rsc());
        }
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        return out;
    }

    static final class Credential {
        final String clientId;
        final String kmId;
        final String kmHex;

        Credential(String clientId, String kmId, String kmHex) {
            this.clientId = clientId;
            this.kmId = kmId;
            this.kmHex = kmHex;
        }
    }
}
