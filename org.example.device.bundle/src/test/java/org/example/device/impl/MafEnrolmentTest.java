package org.example.device.impl;

import static org.example.mgmtobj.api.Specialization.AUTHENTICATION_PROFILE;
import static org.example.mgmtobj.api.Specialization.MAF_CLIENT_REG_CFG;
import static org.example.mgmtobj.api.Specialization.MEF_CLIENT_REG_CFG;
import static org.example.mgmtobj.api.Specialization.REGISTRATION;
import static org.example.mgmtobj.api.Specialization.TRUST_ANCHOR_CRED;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.example.maf.api.MafClient;
import org.example.maf.api.MafClientBuilder;
import org.example.maf.api.MafClientConfig;
import org.example.maf.api.MafException;
import org.example.maf.api.MafKey;
import org.example.maf.api.MafServer;
import org.example.maf.api.MafServerBuilder;
import org.example.mef.api.MefClientBuilder;
import org.example.mef.api.MefClientFactory;
import org.example.mef.api.MefServer;
import org.example.mef.api.MefServerBuilder;
import org.example.mef.api.MoState;
import org.example.mef.api.ProvisionedCertificate;
import org.example.mgmtobj.api.MgmtLink;
import org.example.mgmtobj.api.MgmtObj;
import org.example.onem2m.testsupport.Configs;
import org.example.tef.api.Hex;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.core.Stakeholder;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The device side as a MAF Client (TS-0003 8.3.9.9.5, 8.3.9.9.8), against a real MEF and a real MAF that fetches the
 * device's Km from the MEF (remote provisioning, 8.3.2.1, 10.3.7): a MAFClientRegCfg registers with the MAF using the
 * Enrolment Key its MEFClientRegCfg's MEF Client established; an authenticationProfile with SUID 32 registers a key with
 * the MAF for the Registrar CSE of its parent registration; the other SUID groups' checks (8.3.9.9.2, .3, .6).
 */
public class MafEnrolmentTest {
    private static final String MEF = "mef.example.com", MAF = "maf.example.com", SP = "sp.example.com";
    private static final String DEVICE = "//sp.example.com/cse-device", TARGET = "//sp.example.com/cse-target";
    private static final String DEVICE_KPM = "303132333435363738393a3b3c3d3e3f";
    private static final String MAF_AT_MEF = "maf@mef.example.com", MAF_PSK = "404142434445464748494a4b4c4d4e4f";
    private static final String TARGET_KM_ID = "target-km@maf.example.com", TARGET_KM = "505152535455565758595a5b5c5d5e5f";

    private MefServer mef;
    private MafServer maf;
    private final FakeTree tree = new FakeTree();
    private EnrolmentEngine engine;
    private MafClient target;

    @Before
    public void start() throws Exception {
        mef = MefServerBuilder.create(MEF).port(0)
                .stakeholder(new Stakeholder(SP, Set.of(DEVICE), Duration.ofDays(1), Duration.ofDays(1), null))
                .pskClient(new PskCredential("device-kpm@" + MEF, Hex.decode(DEVICE_KPM), DEVICE))
                .enrolmentTarget(MAF + "=21").pskClient(new PskCredential(MAF_AT_MEF, Hex.decode(MAF_PSK), MAF)).start();
        maf = MafServerBuilder.create(MAF).port(0).stakeholder(SP, List.of(DEVICE, TARGET))
                .pskClient(new PskCredential(TARGET_KM_ID, Hex.decode(TARGET_KM), TARGET))
                .remoteProvisioning(MEF, "127.0.0.1", mef.address().getPort(), new PskCredential(MAF_AT_MEF, Hex.decode(MAF_PSK), MEF)).start();
        engine = new EnrolmentEngine(tree, MefClientBuilder.create().buildFactory(), MafClientBuilder.create().buildFactory(),
                Configs.of(DeviceEnrolmentConfiguration.class, "clientId", DEVICE, "kpmId", "device-kpm@" + MEF, "kpm", DEVICE_KPM,
                        "mefHost", "127.0.0.1", "mafHost", "127.0.0.1", "firstRetryMillis", 50L, "maxRetryMillis", 400L, "threads", 2),
                Clock.systemUTC());
        tree.listener = engine::mgmtObjChanged;
    }

    @After
    public void stop() throws Exception {
        if (target != null) target.close();
        engine.deactivate();
        maf.close();
        mef.close();
    }

    private MoState await(String ri, Predicate<MoState> condition) throws InterruptedException {
        return MoStates.await(engine, ri, condition);
    }

    private static Predicate<MoState> is(MoState.State state) { return MoStates.is(state); }

    private MgmtObj cfg(String ri, org.example.mgmtobj.api.Specialization kind, String fqdn, int port) {
        return FakeTree.mo(ri, kind, null, List.of(), Map.of("fqdn", fqdn, "adfq", SP, "hprt", (long) port));
    }

    private MgmtObj profile(String ri, int suid, String linkedCfg, org.example.mgmtobj.api.Specialization cfgKind, Map<String, Object> more) {
        Map<String, Object> attributes = new java.util.HashMap<>(Map.of("suid", (long) suid, "mkrd", "PT1H", "tlscs", List.of(0xAEL)));
        attributes.putAll(more);
        List<MgmtLink> links = linkedCfg == null ? List.of() : List.of(new MgmtLink(null, cfgKind.mgd(), linkedCfg));
        return FakeTree.mo(ri, AUTHENTICATION_PROFILE, null, links, attributes);
    }

    private MgmtObj registrationLinkingTo(String profileRi) {
        return FakeTree.mo("reg1", REGISTRATION, null, List.of(new MgmtLink("authProfile", AUTHENTICATION_PROFILE.mgd(), profileRi)),
                Map.of("csi", TARGET));
    }

    /** The MAFClientRegCfg is created first: it waits for the MEF Client's Enrolment Key, and is woken when it is there. */
    private String mafRegistered() throws InterruptedException {
        tree.create(cfg("mafcr1", MAF_CLIENT_REG_CFG, MAF, maf.address().getPort()));
        MoState waiting = await("mafcr1", is(MoState.State.RETRYING));
        assertTrue(waiting.toString(), waiting.reason().get().contains("Enrolment Key"));
        tree.create(cfg("mefcr1", MEF_CLIENT_REG_CFG, MEF, mef.address().getPort()));
        await("mefcr1", is(MoState.State.DONE));
        return await("mafcr1", is(MoState.State.DONE)).result().get();
    }

    private MafClient target() {
        target = MafClientBuilder.create().build(MafClientConfig.withPsk(MAF, "127.0.0.1", maf.address().getPort(), TARGET, TARGET_KM_ID,
                Hex.decode(TARGET_KM)));
        return target;
    }

    @Test
    public void aMafClientRegCfgRegistersWithTheMafOnTheEnrolmentKeyOfTheMefClient_8_3_9_9_8() throws Exception {
        // DONE means the answer verified (8.3.9.9.8 step 3): not expired, adminFQDN echoed, and the MAF Client ID the MAF
        // answered is this device's, which the MAF learnt only from the MEF (the credential fetch for the KeID)
        String registration = mafRegistered();
        assertTrue(registration, !registration.isBlank() && !registration.contains(" "));
    }

    @Test
    public void aProfileWithSuid32RegistersAKeyWithTheMafForTheRegistrarCse_8_3_9_9_5() throws Exception {
        mafRegistered();
        tree.objs.put("reg1", registrationLinkingTo("ap1"));
        tree.create(profile("ap1", 32, "mafcr1", MAF_CLIENT_REG_CFG, Map.of("mkrl", List.of("lbl1"))));
        String keyId = await("ap1", is(MoState.State.DONE)).result().get();
        assertTrue(keyId, keyId.endsWith("@" + MAF));
        assertEquals("the symmKeyID shows the Key Identifier", keyId, tree.objs.get("ap1").stringAttribute("symmKeyID").get());
        target().register(SP, Instant.now().plus(Duration.ofHours(1)), List.of());
        MafKey retrieved = target.retrieveKey(keyId);
        assertEquals(DEVICE, retrieved.sourceClientId);
        assertEquals(List.of(TARGET), retrieved.targetIds);
        assertEquals(32, retrieved.suid);
        assertEquals("offered to the CSE's security layer", keyId, engine.byProfile("ap1").orElseThrow().keyIdentifier);
    }

    @Test
    public void aMafClientRegCfgDeletedEndsItsKeysAndItsRegistration_8_3_4_2() throws Exception {
        mafRegistered();
        tree.objs.put("reg1", registrationLinkingTo("ap1"));
        tree.create(profile("ap1", 32, "mafcr1", MAF_CLIENT_REG_CFG, Map.of()));
        String keyId = await("ap1", is(MoState.State.DONE)).result().get();
        tree.delete("mafcr1");
        MoState s = await("mafcr1", st -> st.state() == MoState.State.DONE && st.result().get().startsWith("de-registered"));
        target().register(SP, Instant.now().plus(Duration.ofHours(1)), List.of());
        assertEquals(s.toString(), 4004, assertThrows(MafException.class, () -> target.retrieveKey(keyId)).rsc());
    }

    /** 8.3.9.9.6: the device's own certificate and key (configured) satisfy a SUID 42 profile whose myCertFingerprint names them. */
    @Test
    public void aCertificateProfileIsOkWithTheDevicesOwnCertificate_8_3_9_9_6() throws Exception {
        org.example.onem2m.testsupport.TestPki.Issued mine = new org.example.onem2m.testsupport.TestPki("Device CA").client("cse-device", DEVICE);
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("device-cert");
        java.nio.file.Path chain = org.example.onem2m.testsupport.TestPki.pem(dir.resolve("chain.pem"), "CERTIFICATE", mine.certificate().getEncoded());
        java.nio.file.Path key = org.example.onem2m.testsupport.TestPki.pem(dir.resolve("key.pem"), "PRIVATE KEY", mine.privateKey().getEncoded());
        engine.deactivate();
        engine = new EnrolmentEngine(tree, MefClientBuilder.create().buildFactory(), MafClientBuilder.create().buildFactory(),
                Configs.of(DeviceEnrolmentConfiguration.class, "clientId", DEVICE, "kpmId", "device-kpm@" + MEF, "kpm", DEVICE_KPM,
                        "certificateChainFile", chain.toString(), "privateKeyFile", key.toString(),
                        "firstRetryMillis", 50L, "maxRetryMillis", 400L, "threads", 2), Clock.systemUTC());
        tree.listener = engine::mgmtObjChanged;
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(mine.certificate().getEncoded()));
        tree.objs.put("tac1", FakeTree.mo("tac1", TRUST_ANCHOR_CRED, null, List.of(), Map.of("cfp", "ab12")));
        List<MgmtLink> toTac = List.of(new MgmtLink(null, TRUST_ANCHOR_CRED.mgd(), "tac1"));
        tree.objs.put("reg1", registrationLinkingTo("ap1"));
        tree.create(FakeTree.mo("ap1", AUTHENTICATION_PROFILE, null, toTac, Map.of("suid", 42L, "mcfp", sha256, "tlscs", List.of(0xC023L))));
        MoState ok = await("ap1", is(MoState.State.DONE));
        assertTrue(ok.toString(), ok.result().get().contains("CN=cse-device"));
        tree.objs.put("reg1", registrationLinkingTo("ap2"));
        tree.create(FakeTree.mo("ap2", AUTHENTICATION_PROFILE, null, toTac, Map.of("suid", 42L, "mcfp", "00".repeat(32), "tlscs", List.of(0xC023L))));
        assertEquals("another certificate's fingerprint", MoFailure.PROCESSING_FAILED, await("ap2", is(MoState.State.FAILED)).statusCode());
    }

    /**
     * 8.3.9.9.6 with no certificate files configured: a certificate the MEF provisioned to the device's MEF Client
     * (CERT_PROV, 8.3.9.7; here handed to the real client by a wrapper, so that the device side is tested alone; the EST path
     * itself: MefEstIT)
     * satisfies a SUID 42 profile whose myCertFingerprint names it, and only that one.
     */
    /** Restarts the engine with MEF Clients that hold a certificate the MEF provisioned (CERT_PROV, 8.3.9.7): @return it */
    private org.example.tef.api.channel.CertificateCredential engineWhoseMefClientsHoldAProvisionedCertificate() throws Exception {
        return engineWhoseMefClientsHoldAProvisionedCertificate(50L);
    }

    /** @param firstRetryMillis the engine's first retry delay */
    private org.example.tef.api.channel.CertificateCredential engineWhoseMefClientsHoldAProvisionedCertificate(long firstRetryMillis) throws Exception {
        org.example.onem2m.testsupport.TestPki mefCa = new org.example.onem2m.testsupport.TestPki("MEF CA");
        org.example.tef.api.channel.CertificateCredential mine = mefCa.client("cse-device", DEVICE).as(org.example.tef.api.channel.CertificateCredential::new);
        ProvisionedCertificate provisioned = new ProvisionedCertificate(2, DEVICE, java.net.URI.create("https://" + MEF + ":8443/.well-known/est"),
                mine, List.of(mefCa.ca));
        MefClientFactory real = MefClientBuilder.create().buildFactory();
        MefClientFactory provisioning = config -> HoldingClients.holding(real.create(config), () -> List.of(provisioned));
        engine.deactivate();
        engine = new EnrolmentEngine(tree, provisioning, MafClientBuilder.create().buildFactory(),
                Configs.of(DeviceEnrolmentConfiguration.class, "clientId", DEVICE, "kpmId", "device-kpm@" + MEF, "kpm", DEVICE_KPM,
                        "mefHost", "127.0.0.1", "firstRetryMillis", firstRetryMillis, "maxRetryMillis", Math.max(400L, firstRetryMillis), "threads", 2),
                Clock.systemUTC());
        tree.listener = engine::mgmtObjChanged;
        return mine;
    }

    /**
     * After a restart the MOs come in the tree's order on several threads: a certificate profile whose certificate the MEF
     * provisioned to a MEF Client not open yet waits for it (8.3.9.9.6 would fail it for good) and is done once that
     * MEFClientRegCfg is registered.
     */
    @Test
    public void aCertificateProfileWaitsForTheMefClientNotOpenYetThatHoldsItsCertificate_8_3_9_9_6() throws Exception {
        // retries an hour apart: only the wake-up by the registered MEFClientRegCfg can make the profile DONE in time
        org.example.tef.api.channel.CertificateCredential mine = engineWhoseMefClientsHoldAProvisionedCertificate(3_600_000L);
        tree.objs.put("mefcr1", cfg("mefcr1", MEF_CLIENT_REG_CFG, MEF, mef.address().getPort())); // its task has not run yet
        tree.objs.put("tac1", FakeTree.mo("tac1", TRUST_ANCHOR_CRED, null, List.of(), Map.of("cfp", "ab12")));
        tree.objs.put("reg1", registrationLinkingTo("ap1"));
        tree.create(FakeTree.mo("ap1", AUTHENTICATION_PROFILE, null, List.of(new MgmtLink(null, TRUST_ANCHOR_CRED.mgd(), "tac1")),
                Map.of("suid", 42L, "mcfp", org.example.tef.core.certificates.Fingerprints.of(mine.chain().get(0)), "tlscs", List.of(0xC023L))));
        MoState waiting = await("ap1", is(MoState.State.RETRYING));
        assertTrue(waiting.toString(), waiting.toString().contains("the MEF Client of mefcr1 is not open yet"));

        tree.create(cfg("mefcr1", MEF_CLIENT_REG_CFG, MEF, mef.address().getPort()));
        MoState ok = await("ap1", is(MoState.State.DONE));
        assertTrue(ok.toString(), ok.result().get().contains("MEF-provisioned certificate of " + DEVICE));
    }

    @Test
    public void aCertificateProfileIsOkWithACertificateTheMefProvisioned_8_3_9_9_6() throws Exception {
        org.example.tef.api.channel.CertificateCredential mine = engineWhoseMefClientsHoldAProvisionedCertificate();
        tree.objs.put("tac1", FakeTree.mo("tac1", TRUST_ANCHOR_CRED, null, List.of(), Map.of("cfp", "ab12")));
        List<MgmtLink> toTac = List.of(new MgmtLink(null, TRUST_ANCHOR_CRED.mgd(), "tac1"));
        tree.objs.put("reg1", registrationLinkingTo("ap1"));
        tree.create(FakeTree.mo("ap1", AUTHENTICATION_PROFILE, null, toTac, Map.of("suid", 42L,
                "mcfp", org.example.tef.core.certificates.Fingerprints.of(mine.chain().get(0)), "tlscs", List.of(0xC023L))));
        assertEquals("no MEF Client holds it yet", MoFailure.PROCESSING_FAILED, await("ap1", is(MoState.State.FAILED)).statusCode());

        tree.create(cfg("mefcr1", MEF_CLIENT_REG_CFG, MEF, mef.address().getPort()));
        await("mefcr1", is(MoState.State.DONE));
        tree.objs.put("reg1", registrationLinkingTo("ap2"));
        tree.create(FakeTree.mo("ap2", AUTHENTICATION_PROFILE, null, toTac, Map.of("suid", 42L,
                "mcfp", org.example.tef.core.certificates.Fingerprints.of(mine.chain().get(0)), "tlscs", List.of(0xC023L))));
        MoState ok = await("ap2", is(MoState.State.DONE));
        assertTrue(ok.toString(), ok.result().get().contains("MEF-provisioned certificate of " + DEVICE));
        tree.objs.put("reg1", registrationLinkingTo("ap3"));
        tree.create(FakeTree.mo("ap3", AUTHENTICATION_PROFILE, null, toTac, Map.of("suid", 42L, "mcfp", "00".repeat(32), "tlscs", List.of(0xC023L))));
        assertEquals("another certificate's fingerprint", MoFailure.PROCESSING_FAILED, await("ap3", is(MoState.State.FAILED)).statusCode());
    }

    /** A MAF Client with a pre-provisioned Km (mafKmId/mafKm) and a state directory, as the shipped configuration suggests. */
    @Test
    public void aMafClientRegCfgRegistersWithAPreProvisionedKmAndAStateDirectory_8_3_9_9_8() throws Exception {
        maf.close();
        maf = MafServerBuilder.create(MAF).port(0).stakeholder(SP, List.of(DEVICE, TARGET))
                .pskClient(new PskCredential("device-km@" + MAF, Hex.decode("606162636465666768696a6b6c6d6e6f"), DEVICE)).start();
        engine.deactivate();
        engine = new EnrolmentEngine(tree, MefClientBuilder.create().buildFactory(), MafClientBuilder.create().buildFactory(),
                Configs.of(DeviceEnrolmentConfiguration.class, "clientId", DEVICE, "kpmId", "device-kpm@" + MEF, "kpm", DEVICE_KPM,
                        "mefHost", "127.0.0.1", "mafHost", "127.0.0.1", "mafKmId", "device-km@" + MAF, "mafKm", "606162636465666768696a6b6c6d6e6f",
                        "stateDirectory", java.nio.file.Files.createTempDirectory("device-state").toString(),
                        "firstRetryMillis", 50L, "maxRetryMillis", 400L, "threads", 2), Clock.systemUTC());
        tree.listener = engine::mgmtObjChanged;
        tree.create(cfg("mafcr1", MAF_CLIENT_REG_CFG, MAF, maf.address().getPort())); // no MEF registration needed
        MoState done = await("mafcr1", is(MoState.State.DONE));
        assertTrue(done.toString(), !done.result().get().isBlank());
    }

    @Test
    public void aPreProvisionedKeyProfileIsOkWithItsKeyValueAndFailsWithoutALocalCopy_8_3_9_9_3() throws Exception {
        tree.objs.put("reg1", registrationLinkingTo("ap1"));
        tree.create(profile("ap1", 12, null, null, Map.of("skid", "k1@maf.example.com", "skv", "AAECAwQFBgcICQoLDA0ODw==")));
        assertTrue(await("ap1", is(MoState.State.DONE)).result().get().contains("key value present"));
        tree.objs.put("reg1", registrationLinkingTo("ap2"));
        tree.create(profile("ap2", 12, null, null, Map.of("skid", "unknown@maf.example.com")));
        MoState failed = await("ap2", is(MoState.State.FAILED));
        assertEquals(MoFailure.PROCESSING_FAILED, failed.statusCode());
        assertTrue(failed.toString(), failed.reason().get().contains("no local copy"));
    }

    @Test
    public void aPreProvisionedKeyProfileWithoutSymmKeyIdIsInconsistent_8_3_9_9_2() throws Exception {
        tree.objs.put("reg1", registrationLinkingTo("ap1"));
        tree.create(profile("ap1", 12, null, null, Map.of()));
        MoState s = await("ap1", is(MoState.State.FAILED));
        assertEquals(MoFailure.INCONSISTENT_CONFIG, s.statusCode());
        assertTrue(s.toString(), s.reason().get().contains("symmKeyID"));
    }

    /** FACTS.md 6.2: the clause fails a certificate profile that "has one or more" trustAnchorCred; read as "has none". */
    @Test
    public void aCertificateProfileNeedsATrustAnchorCredChild_FACTS_6_2_8_3_9_9_2() throws Exception {
        tree.objs.put("reg1", registrationLinkingTo("ap1"));
        tree.create(FakeTree.mo("ap1", AUTHENTICATION_PROFILE, null, List.of(),
                Map.of("suid", 42L, "mcfp", "ab12", "tlscs", List.of(0xC023L))));
        MoState s = await("ap1", is(MoState.State.FAILED));
        assertEquals(MoFailure.INCONSISTENT_CONFIG, s.statusCode());
        assertTrue(s.toString(), s.reason().get().contains("trustAnchorCred"));

        tree.objs.put("tac1", FakeTree.mo("tac1", TRUST_ANCHOR_CRED, null, List.of(), Map.of("cfp", "ab12")));
        tree.objs.put("reg1", registrationLinkingTo("ap2"));
        tree.create(FakeTree.mo("ap2", AUTHENTICATION_PROFILE, null, List.of(new MgmtLink(null, TRUST_ANCHOR_CRED.mgd(), "tac1")),
                Map.of("suid", 42L, "mcfp", "ab12", "tlscs", List.of(0xC023L))));
        MoState noCertificate = await("ap2", is(MoState.State.FAILED));
        assertEquals("the topology holds; the device has no certificate (8.3.9.9.6, sensible branch order: FACTS 6.3)",
                MoFailure.PROCESSING_FAILED, noCertificate.statusCode());
    }
}
