package org.example.device.impl;

import static org.example.mgmtobj.api.Specialization.AUTHENTICATION_PROFILE;
import static org.example.mgmtobj.api.Specialization.MEF_CLIENT_REG_CFG;
import static org.example.mgmtobj.api.Specialization.REGISTRATION;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.example.mef.api.MefClient;
import org.example.mef.api.MefClientBuilder;
import org.example.mef.api.MefClientConfig;
import org.example.mef.api.MefException;
import org.example.mef.api.MefServer;
import org.example.mef.api.MefServerBuilder;
import org.example.mef.api.MoState;
import org.example.mgmtobj.api.MgmtLink;
import org.example.mgmtobj.api.MgmtObj;
import org.example.onem2m.testsupport.Configs;
import org.example.onem2m.testsupport.Failures;
import org.example.tef.api.Hex;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.client.DistributedKey;
import org.example.tef.core.Stakeholder;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** MO changes drive the MEF Client (TS-0003 8.3.4.2, 8.3.4.3, 8.3.9.9.2, 8.3.9.9.4), against a real MEF. */
public class EnrolmentEngineTest {
    private static final String MEF = "mef.example.com", SP = "sp.example.com";
    private static final String DEVICE = "//sp.example.com/cse-device", TARGET = "//sp.example.com/cse-target";
    private static final String DEVICE_KPM = "303132333435363738393a3b3c3d3e3f", TARGET_KPM = "404142434445464748494a4b4c4d4e4f";

    private MefServer mef;
    private final FakeTree tree = new FakeTree();
    private EnrolmentEngine engine;
    private MefClient target;

    @Before
    public void start() throws Exception {
        mef = MefServerBuilder.create(MEF).port(0)
                .stakeholder(new Stakeholder(SP, Set.of(DEVICE, TARGET), Duration.ofDays(1), Duration.ofDays(1), null))
                .pskClient(new PskCredential("device-kpm@" + MEF, Hex.decode(DEVICE_KPM), DEVICE))
                .pskClient(new PskCredential("target-kpm@" + MEF, Hex.decode(TARGET_KPM), TARGET)).start();
        engine = new EnrolmentEngine(tree, MefClientBuilder.create().buildFactory(), org.example.maf.api.MafClientBuilder.create().buildFactory(), Configs.of(DeviceEnrolmentConfiguration.class,
                "clientId", DEVICE, "kpmId", "device-kpm@" + MEF, "kpm", DEVICE_KPM, "mefHost", "127.0.0.1",
                "firstRetryMillis", 50L, "maxRetryMillis", 400L, "threads", 2), Clock.systemUTC());
        tree.listener = engine::mgmtObjChanged;
    }

    @After
    public void stop() throws Exception {
        if (target != null) target.close();
        engine.deactivate();
        mef.close();
    }

    private MgmtObj cfg(String ri, int port) {
        return FakeTree.mo(ri, MEF_CLIENT_REG_CFG, null, List.of(), Map.of("fqdn", MEF, "adfq", SP, "hprt", (long) port));
    }

    private MgmtObj profile(String ri, int suid, Instant et, String cfgRi) {
        return FakeTree.mo(ri, AUTHENTICATION_PROFILE, et, List.of(new MgmtLink(null, MEF_CLIENT_REG_CFG.mgd(), cfgRi)),
                Map.of("suid", (long) suid, "mkrd", "PT1H", "mkrl", List.of("lbl1"), "tlscs", List.of(0xAEL)));
    }

    private MgmtObj registrationLinkingTo(String profileRi) {
        return FakeTree.mo("reg1", REGISTRATION, null, List.of(new MgmtLink("authProfile", AUTHENTICATION_PROFILE.mgd(), profileRi)),
                Map.of("csi", TARGET));
    }

    private MoState await(String ri, Predicate<MoState> condition) throws InterruptedException {
        return MoStates.await(engine, ri, condition);
    }

    private static Predicate<MoState> is(MoState.State state) { return MoStates.is(state); }

    private MgmtObj registered() throws InterruptedException {
        MgmtObj cfg = cfg("mefcr1", mef.address().getPort());
        tree.create(cfg);
        await("mefcr1", is(MoState.State.DONE));
        return cfg;
    }

    private String keyOfAProfile(Instant et) throws InterruptedException {
        registered();
        tree.objs.put("reg1", registrationLinkingTo("ap1"));
        tree.create(profile("ap1", 22, et, "mefcr1"));
        return await("ap1", is(MoState.State.DONE)).result().get();
    }

    private MefClient target() {
        target = MefClientBuilder.create().build(MefClientConfig.withPsk(MEF, "127.0.0.1", mef.address().getPort(), TARGET,
                "target-kpm@" + MEF, Hex.decode(TARGET_KPM)));
        return target;
    }

    @Test
    public void aMefClientRegCfgCreatedRegistersTheMefClient_8_3_4_2() throws Exception {
        registered();
        String reg = engine.state("mefcr1").get().result().get();
        assertTrue(mef.clients().toString(), mef.clients().stream().anyMatch(c -> c.contains(DEVICE) && c.contains(reg)));
    }

    @Test
    public void aMefClientRegCfgDeletedDeRegistersTheMefClient_8_3_4_2() throws Exception {
        registered();
        String reg = engine.state("mefcr1").get().result().get();
        tree.delete("mefcr1");
        MoState s = await("mefcr1", st -> st.state() == MoState.State.DONE && st.result().get().startsWith("de-registered"));
        assertTrue(s.toString(), s.result().get().contains(reg));
        assertFalse(mef.clients().toString(), mef.clients().toString().contains(reg));
    }

    @Test
    public void anAuthenticationProfileCreatedRegistersAMefKey_8_3_4_3() throws Exception {
        String keyId = keyOfAProfile(Instant.now().plus(Duration.ofDays(1)));
        assertTrue(keyId, keyId.endsWith("@" + MEF));
        assertEquals("the symmKeyID shows the Key Identifier", keyId, tree.objs.get("ap1").stringAttribute("symmKeyID").get());
        assertEquals("CAdmin", tree.updates.get(0).from());
        target().register(SP, Instant.now().plus(Duration.ofHours(1)), List.of());
        DistributedKey retrieved = target.retrieveKey(keyId); // the listed Target gets the key (8.3.4.3)
        assertEquals("the registration's Registrar CSE-ID is the target (8.3.9.9.4)", List.of(TARGET), retrieved.targetIds);
        assertEquals(List.of("lbl1"), retrieved.labels);
        assertEquals(DEVICE, retrieved.sourceClientId);
        Thread.sleep(300); // the UPDATED event of the symmKeyID write must not start another registration
        assertEquals("no loop", 1, tree.updates.size());
        assertEquals(keyId, engine.state("ap1").get().result().get());
        awaitAllAcknowledged("every trigger acknowledged, the symmKeyID update (no trigger) too");
    }

    @Test
    public void anExpirationTimeMovedEarlierUpdatesTheKeyRegistration_8_3_4_3() throws Exception {
        String keyId = keyOfAProfile(Instant.now().plus(Duration.ofDays(1)));
        Instant earlier = Instant.now().plus(Duration.ofMinutes(20)); // before the key's now + PT1H
        MgmtObj p = tree.objs.get("ap1");
        tree.update(new MgmtObj("ap1", "ap1", FakeTree.NODE, AUTHENTICATION_PROFILE, earlier, p.labels(), p.links(), p.attributes(), "{}"));
        await("ap1", s -> s.state() == MoState.State.DONE && s.result().get().contains("until"));
        target().register(SP, Instant.now().plus(Duration.ofHours(1)), List.of());
        Instant keyEt = target.retrieveKey(keyId).expirationTime;
        assertTrue(keyEt + " is the updated expiration", keyEt.isBefore(Instant.now().plus(Duration.ofMinutes(21))));
    }

    /** The MEF's timestamps have whole seconds: what it assigned, not what was asked, is the key's expiry on the device. */
    @Test
    public void afterAnUpdateTheDeviceHoldsTheExpirationTheMefAssigned_8_3_4_3_8_3_5_2_9() throws Exception {
        String keyId = keyOfAProfile(Instant.now().plus(Duration.ofDays(1)));
        Instant earlier = Instant.now().plus(Duration.ofMinutes(20)).with(java.time.temporal.ChronoField.NANO_OF_SECOND, 700_000_000);
        MgmtObj p = tree.objs.get("ap1");
        tree.update(new MgmtObj("ap1", "ap1", FakeTree.NODE, AUTHENTICATION_PROFILE, earlier, p.labels(), p.links(), p.attributes(), "{}"));
        await("ap1", s -> s.state() == MoState.State.DONE && s.result().get().contains("until"));
        target().register(SP, Instant.now().plus(Duration.ofHours(1)), List.of());
        Instant atTheMef = target.retrieveKey(keyId).expirationTime;
        assertEquals(earlier.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), atTheMef);
        assertEquals(atTheMef, engine.byProfile("ap1").orElseThrow().expirationTime);
    }

    /** A device sees MOs come and go for years: the ordered lane of an MO with nothing left to do is not kept. */
    @Test
    public void anMoWithNothingLeftToDoKeepsNoLane() throws Exception {
        keyOfAProfile(Instant.now().plus(Duration.ofDays(1)));
        awaitNoActiveLane();
        tree.delete("ap1");
        await("ap1", s -> s.state() == MoState.State.DONE && s.result().get().contains("de-registered"));
        awaitNoActiveLane();
        tree.create(profile("ap2", 22, Instant.now().plus(Duration.ofDays(1)), "mefcr1"));
        await("ap2", is(MoState.State.RETRYING)); // no parent links to it: it waits, and its lane with it
        assertEquals(1, engine.laneCount());
    }

    private void awaitNoActiveLane() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (engine.laneCount() > 0 && System.nanoTime() < deadline) Thread.sleep(5);
        assertEquals(0, engine.laneCount());
    }

    @Test
    public void aProfileDeletedDeRegistersItsKey_8_3_4_3() throws Exception {
        String keyId = keyOfAProfile(Instant.now().plus(Duration.ofDays(1)));
        tree.delete("ap1");
        await("ap1", s -> s.state() == MoState.State.DONE && s.result().get().contains("de-registered"));
        target().register(SP, Instant.now().plus(Duration.ofHours(1)), List.of());
        assertEquals(4004, assertThrows(MefException.class, () -> target.retrieveKey(keyId)).rsc());
    }

    @Test
    public void theKeyIsOfferedToTheCsesSecurityLayerByProfileAndByKeyIdentifierWhileHeld_8_3_4_3() throws Exception {
        String keyId = keyOfAProfile(Instant.now().plus(Duration.ofDays(1)));
        assertEquals(keyId, engine.byProfile("ap1").orElseThrow().keyIdentifier);
        String shouting = keyId.substring(0, keyId.indexOf('@')).toUpperCase(java.util.Locale.ROOT) + keyId.substring(keyId.indexOf('@'));
        assertEquals("the relative part compared ignoring case (10.6)", 32, engine.byKeyIdentifier(shouting).orElseThrow().value().length);
        assertTrue(engine.byKeyIdentifier("ffff@mef.example.com").isEmpty());
        tree.delete("ap1");
        await("ap1", s -> s.state() == MoState.State.DONE && s.result().get().contains("de-registered"));
        assertTrue("no longer offered once the profile is gone", engine.byProfile("ap1").isEmpty() && engine.byKeyIdentifier(keyId).isEmpty());
    }

    /**
     * Over a real tree the parent's mgmtLink can only name an existing profile, so the profile's CREATED comes before its
     * parent exists: the profile waits (RETRYING) for the parent instead of failing 304, and registers its key once it is there.
     */
    @Test
    public void aProfileCreatedBeforeItsParentWaitsForIt_8_3_9_9_2() throws Exception {
        registered();
        tree.create(profile("ap1", 22, null, "mefcr1"));
        MoState waiting = await("ap1", is(MoState.State.RETRYING));
        assertTrue(waiting.toString(), waiting.reason().get().contains("no parent registration"));
        tree.create(registrationLinkingTo("ap1"));
        String keyId = await("ap1", is(MoState.State.DONE)).result().get();
        assertEquals(keyId, tree.objs.get("ap1").stringAttribute("symmKeyID").get());
    }

    @Test
    public void aParentsArrivalWakesTheProfileWaitingForIt_8_3_9_9_2() throws Exception {
        engine.deactivate(); // another engine whose retries are far apart: only the wake-up can be quick
        engine = new EnrolmentEngine(tree, MefClientBuilder.create().buildFactory(), org.example.maf.api.MafClientBuilder.create().buildFactory(), Configs.of(DeviceEnrolmentConfiguration.class,
                "clientId", DEVICE, "kpmId", "device-kpm@" + MEF, "kpm", DEVICE_KPM, "mefHost", "127.0.0.1",
                "firstRetryMillis", 60_000L, "maxRetryMillis", 60_000L, "threads", 2), Clock.systemUTC());
        tree.listener = engine::mgmtObjChanged;
        registered();
        tree.create(profile("ap1", 22, null, "mefcr1"));
        await("ap1", is(MoState.State.RETRYING));
        long before = System.nanoTime();
        tree.create(registrationLinkingTo("ap1"));
        await("ap1", is(MoState.State.DONE));
        assertTrue("done at the parent's arrival, not after the 30-60 s retry",
                System.nanoTime() - before < java.util.concurrent.TimeUnit.SECONDS.toNanos(15));
    }

    @Test
    public void aProfileWithoutItsMefClientRegCfgFailsAtOnceEvenBeforeItsParent_8_3_9_9_2() throws Exception {
        registered();
        tree.create(FakeTree.mo("ap1", AUTHENTICATION_PROFILE, null, List.of(), Map.of("suid", 22L, "mkrd", "PT1H", "tlscs", List.of(0xAEL))));
        MoState s = await("ap1", is(MoState.State.FAILED));
        assertEquals(MoFailure.INCONSISTENT_CONFIG, s.statusCode());
        assertTrue(s.toString(), s.reason().get().contains("MEFClientRegCfg"));
    }

    @Test
    public void aBrokenTopologyIsInconsistentConfig_8_3_9_9_2() throws Exception {
        registered();
        tree.objs.put("reg1", registrationLinkingTo("ap1"));
        tree.create(profile("ap1", 23, null, "mefcr1")); // SUID 23 wants a dataCollection parent, this one is a registration
        MoState s = await("ap1", is(MoState.State.FAILED));
        assertEquals(MoFailure.INCONSISTENT_CONFIG, s.statusCode());
        assertTrue(s.toString(), s.reason().get().contains("dataCollection"));
        assertTrue("nothing written", tree.updates.isEmpty());
    }

    /** A port nothing listens on; handed out once in this JVM, so no later test binds it while this one runs. */
    private static int closedPort() throws Exception {
        return Failures.freePort();
    }

    @Test
    public void anUnreachableMefIsRetriedWithBackoff() throws Exception {
        // 4 s of retries with delays from 50 to 400 ms (jittered) make about a dozen attempts: a busy machine that stalls
        // the first ones still leaves at least 3, and a tight loop would make hundreds
        MgmtObj cfg = FakeTree.mo("mefcr9", MEF_CLIENT_REG_CFG, Instant.now().plusMillis(4000), List.of(),
                Map.of("fqdn", MEF, "adfq", SP, "hprt", (long) closedPort()));
        tree.create(cfg);
        MoState retrying = await("mefcr9", is(MoState.State.RETRYING));
        assertTrue(retrying.nextAttempt().isPresent());
        MoState failed = await("mefcr9", is(MoState.State.FAILED));
        assertTrue(failed.toString(), failed.reason().get().startsWith("gave up after "));
        int attempts = Integer.parseInt(failed.reason().get().split(" ")[3]);
        assertTrue("retried with backoff, not once and not in a tight loop: " + attempts, attempts >= 3 && attempts <= 30);
    }

    /**
     * An operator corrects the httpPort of a MEFClientRegCfg whose first registration waits for its retry (nothing
     * listens on the old port): the update is not queued behind retries that cannot succeed; the MO registers with the
     * new port at once (TS-0003 8.3.4.2: a change of the MO runs the registration procedures), and both changes'
     * outbox records are acknowledged.
     */
    @Test
    public void aPortCorrectedWhileTheRegistrationWaitsForItsRetryIsUsedAtOnce_8_3_4_2() throws Exception {
        tree.create(cfg("mefcr1", closedPort()));
        await("mefcr1", is(MoState.State.RETRYING));
        tree.update(cfg("mefcr1", mef.address().getPort()));
        MoState done = await("mefcr1", is(MoState.State.DONE));
        assertTrue(done.toString(), done.result().isPresent() && !done.result().get().contains("nothing"));
        awaitAllAcknowledged("the create's and the update's outbox records");
    }

    @Test
    public void aDeleteCancelsAPendingCreate() throws Exception {
        tree.create(FakeTree.mo("mefcr9", MEF_CLIENT_REG_CFG, null, List.of(), Map.of("fqdn", MEF, "adfq", SP, "hprt", (long) closedPort())));
        await("mefcr9", is(MoState.State.RETRYING));
        tree.delete("mefcr9");
        MoState done = await("mefcr9", is(MoState.State.DONE));
        Thread.sleep(600); // longer than the longest retry delay: a create still pending would be RETRYING again
        assertEquals(done.since(), engine.state("mefcr9").get().since());
        assertEquals(MoState.State.DONE, engine.state("mefcr9").get().state());
        awaitAllAcknowledged("the cancelled create's outbox record is acknowledged with the delete's");
    }

    /**
     * A profile's deletion delivered again after a restart (the tree's outbox): the new engine holds no key in memory, so
     * it finds the key through the deleted profile's symmKeyID in its MEFClientRegCfg's client state, and ends it.
     */
    @Test
    public void aProfileDeletionReplayedAfterARestartDeRegistersTheKeyMadeBefore_8_3_4_3() throws Exception {
        java.nio.file.Path state = java.nio.file.Files.createTempDirectory("mef-device-state");
        engine.deactivate();
        engine = engineWithState(state);
        String keyId = keyOfAProfile(Instant.now().plus(Duration.ofDays(1)));
        MgmtObj deleted = tree.objs.get("ap1");
        engine.deactivate(); // the restart: nothing held in memory any more
        engine = engineWithState(state);
        tree.listener = engine::mgmtObjChanged;
        tree.objs.remove("ap1");
        engine.mgmtObjChanged(new org.example.mgmtobj.api.MgmtObjEvent(org.example.mgmtobj.api.MgmtObjEvent.Kind.DELETED, deleted, null,
                Instant.now(), 9).withReceipt("r9"));
        MoState s = await("ap1", st -> st.state() == MoState.State.DONE && st.result().get().contains("de-registered"));
        assertTrue(s.toString(), s.result().get().contains(keyId));
        target().register(SP, Instant.now().plus(Duration.ofHours(1)), List.of());
        assertEquals(4004, assertThrows(MefException.class, () -> target.retrieveKey(keyId)).rsc());
    }

    /** A task acknowledges its trigger just after it records its end: waited for, bounded. */
    private void awaitAllAcknowledged(String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!tree.unacknowledged.isEmpty() && System.nanoTime() < end) Thread.sleep(20);
        assertEquals(what, Set.of(), tree.unacknowledged);
    }

    /**
     * After a restart a profile may come twice: the start's catch-up (the tree's snapshot, with symmKeyID) and the
     * outbox's replay of its CREATED (the snapshot at creation, without). It is registered once, not twice.
     */
    @Test
    public void aProfileDeliveredTwiceAfterARestartIsRegisteredOnce_8_3_4_3() throws Exception {
        java.nio.file.Path state = java.nio.file.Files.createTempDirectory("mef-device-state");
        engine.deactivate();
        engine = engineWithState(state);
        Instant et = Instant.now().plus(Duration.ofDays(1));
        String keyId = keyOfAProfile(et);
        MgmtObj atCreation = profile("ap1", 22, et, "mefcr1"); // no symmKeyID yet
        int writes = tree.updates.size();
        engine.deactivate();
        engine = engineWithState(state);
        engine.mgmtObjChanged(new org.example.mgmtobj.api.MgmtObjEvent(org.example.mgmtobj.api.MgmtObjEvent.Kind.CREATED, tree.objs.get("mefcr1"),
                null, Instant.now(), 20));
        engine.mgmtObjChanged(new org.example.mgmtobj.api.MgmtObjEvent(org.example.mgmtobj.api.MgmtObjEvent.Kind.CREATED, tree.objs.get("ap1"),
                null, Instant.now(), 21)); // the catch-up
        tree.unacknowledged.add("r22"); // so that the wait below lasts until the replay's task has ended
        engine.mgmtObjChanged(new org.example.mgmtobj.api.MgmtObjEvent(org.example.mgmtobj.api.MgmtObjEvent.Kind.CREATED, atCreation, null,
                Instant.now(), 22).withReceipt("r22")); // the replay
        awaitAllAcknowledged("the replayed trigger is done");
        assertEquals(keyId, await("ap1", is(MoState.State.DONE)).result().get());
        assertEquals("the symmKeyID is the first key's, not overwritten by a second registration", keyId,
                tree.objs.get("ap1").stringAttribute("symmKeyID").get());
        assertEquals("no second symmKeyID write", writes, tree.updates.size());
    }

    /**
     * A node deleted with its MEFClientRegCfg and profile after a restart: the profile's lane holds no key in memory and
     * cannot find the configuration (gone); the configuration's end de-registers the keys its client registered.
     */
    @Test
    public void aMefClientRegCfgDeletedAfterARestartEndsTheKeysItsClientRegistered_8_3_4_2() throws Exception {
        java.nio.file.Path state = java.nio.file.Files.createTempDirectory("mef-device-state");
        engine.deactivate();
        engine = engineWithState(state);
        String keyId = keyOfAProfile(Instant.now().plus(Duration.ofDays(1)));
        MgmtObj cfg = tree.objs.get("mefcr1");
        engine.deactivate();
        engine = engineWithState(state);
        tree.objs.clear(); // the node went with both MOs
        engine.mgmtObjChanged(new org.example.mgmtobj.api.MgmtObjEvent(org.example.mgmtobj.api.MgmtObjEvent.Kind.DELETED, cfg, null,
                Instant.now(), 30));
        await("mefcr1", st -> st.state() == MoState.State.DONE && st.result().get().startsWith("de-registered"));
        target().register(SP, Instant.now().plus(Duration.ofHours(1)), List.of());
        assertEquals("the key is gone at the MEF", 4004, assertThrows(MefException.class, () -> target.retrieveKey(keyId)).rsc());
    }

    private EnrolmentEngine engineWithState(java.nio.file.Path state) {
        EnrolmentEngine e = new EnrolmentEngine(tree, MefClientBuilder.create().buildFactory(), org.example.maf.api.MafClientBuilder.create().buildFactory(), Configs.of(DeviceEnrolmentConfiguration.class,
                "clientId", DEVICE, "kpmId", "device-kpm@" + MEF, "kpm", DEVICE_KPM, "mefHost", "127.0.0.1", "stateDirectory", state.toString(),
                "firstRetryMillis", 50L, "maxRetryMillis", 400L, "threads", 2), Clock.systemUTC());
        tree.listener = e::mgmtObjChanged;
        return e;
    }

    /**
     * Issue 13, "nothing lost": a trigger's outbox record is acknowledged only when its procedure has ended; while the MEF
     * does not answer, it stays, so that a crash or a stop meanwhile delivers the change again at the next start.
     */
    @Test
    public void aTriggerIsAcknowledgedOnlyOnceItsProcedureHasEnded() throws Exception {
        try (ServerSocket placeholder = new ServerSocket(0)) { // accepts nothing: the MEF does not answer
            int port = placeholder.getLocalPort();
            placeholder.close();
            tree.create(cfg("mefcr1", port));
            await("mefcr1", is(MoState.State.RETRYING));
            assertEquals("not acknowledged while retrying", Set.of("r1"), tree.unacknowledged);
        }
        engine.deactivate(); // a stop while retrying: the record stays for the next start
        assertEquals(Set.of("r1"), tree.unacknowledged);
        engine = new EnrolmentEngine(tree, MefClientBuilder.create().buildFactory(), org.example.maf.api.MafClientBuilder.create().buildFactory(), Configs.of(DeviceEnrolmentConfiguration.class,
                "clientId", DEVICE, "kpmId", "device-kpm@" + MEF, "kpm", DEVICE_KPM, "mefHost", "127.0.0.1",
                "firstRetryMillis", 50L, "maxRetryMillis", 400L, "threads", 2), Clock.systemUTC());
        tree.listener = engine::mgmtObjChanged;
        MgmtObj reachable = cfg("mefcr1", mef.address().getPort()); // now the MEF answers
        tree.objs.put("mefcr1", reachable);
        engine.mgmtObjChanged(new org.example.mgmtobj.api.MgmtObjEvent(org.example.mgmtobj.api.MgmtObjEvent.Kind.CREATED, reachable, null,
                Instant.now(), 1).withReceipt("r1")); // the tree's replay of the record at the next start
        await("mefcr1", is(MoState.State.DONE));
        awaitAllAcknowledged("every trigger acknowledged once done");
    }
}
