package org.example.device.impl;

import static org.example.mgmtobj.api.Specialization.AUTHENTICATION_PROFILE;
import static org.example.mgmtobj.api.Specialization.MAF_CLIENT_REG_CFG;
import static org.example.mgmtobj.api.Specialization.MEF_CLIENT_REG_CFG;
import static org.example.mgmtobj.api.Specialization.TRUST_ANCHOR_CRED;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.example.device.impl.trust.TrustAnchors;
import org.example.maf.api.MafClientBuilder;
import org.example.maf.impl.server.CertificateOnlyMaf;
import org.example.mef.api.MefClientBuilder;
import org.example.mef.api.MefClientFactory;
import org.example.mef.api.MefServer;
import org.example.mef.api.MefServerBuilder;
import org.example.mef.api.MoState;
import org.example.mef.api.ProvisionedCertificate;
import org.example.mgmtobj.api.MgmtLink;
import org.example.mgmtobj.api.MgmtObj;
import org.example.onem2m.testsupport.Configs;
import org.example.onem2m.testsupport.TestPki;
import org.example.tef.api.Hex;
import org.example.tef.api.channel.CertificateCredential;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.core.Stakeholder;
import org.example.tef.core.certificates.Fingerprints;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A MAFClientRegCfg linked to an authenticationProfile with SUID 41 ("a certificate intended to be shared with a MAF")
 * registers through a certificate-based MAF Handshake (TS-0003 8.8.2.2) with the certificate the MEF provisioned to the
 * device (8.3.9.7; handed to the real MEF Client by a wrapper, so that the device side is tested alone; the EST path itself:
 * MefEstIT), the MAF
 * checked against the profile's trustAnchorCred (8.3.9.9.7); the profile itself is then OK (8.3.9.9.6).
 */
public class MafCertificateHandshakeTest {
    private static final String MEF = "mef.example.com", MAF = "maf.example.com", SP = "sp.example.com";
    private static final String DEVICE = "//sp.example.com/cse-device", DEVICE_KPM = "303132333435363738393a3b3c3d3e3f";

    @Rule public final TemporaryFolder folder = new TemporaryFolder();

    private final FakeTree tree = new FakeTree();
    private TestPki mefCa;
    private CertificateCredential provisioned;
    private MefServer mef;
    private CertificateOnlyMaf maf;
    private EnrolmentEngine engine;
    /** What the device's MEF Clients hold, as CERT_PROV would install it: nothing until the test says. */
    private volatile List<ProvisionedCertificate> installed = List.of();

    @Before
    public void start() throws Exception {
        mefCa = new TestPki("MEF CA");
        provisioned = mefCa.client("cse-device", DEVICE).as(CertificateCredential::new);
        mef = MefServerBuilder.create(MEF).port(0).stakeholder(new Stakeholder(SP, Set.of(DEVICE), Duration.ofDays(1), Duration.ofDays(1), null))
                .pskClient(new PskCredential("device-kpm@" + MEF, Hex.decode(DEVICE_KPM), DEVICE)).start();
        // a MAF accepting certificates only: its own from the MEF CA, the device's known by its fingerprint (8.1.2.5)
        maf = new CertificateOnlyMaf(MAF, mefCa, folder.getRoot().toPath(), SP, DEVICE, Fingerprints.of(provisioned.chain().get(0)));
        byte[] caDer = mefCa.ca.getEncoded();
        MefClientFactory real = MefClientBuilder.create().buildFactory();
        engine = new EnrolmentEngine(tree, config -> HoldingClients.holding(real.create(config), () -> installed), MafClientBuilder.create().buildFactory(),
                Configs.of(DeviceEnrolmentConfiguration.class, "clientId", DEVICE, "kpmId", "device-kpm@" + MEF, "kpm", DEVICE_KPM,
                        "mefHost", "127.0.0.1", "mafHost", "127.0.0.1", "firstRetryMillis", 50L, "maxRetryMillis", 200L, "threads", 2),
                Clock.systemUTC(), new TrustAnchors(null, uri -> caDer));
        tree.listener = engine::mgmtObjChanged;
    }

    @After
    public void stop() throws Exception {
        engine.deactivate();
        maf.close();
        mef.close();
    }

    private MoState await(String ri, Predicate<MoState> condition) throws InterruptedException {
        return MoStates.await(engine, ri, condition);
    }

    @Test
    public void aMafClientRegCfgWithASuid41ProfileRegistersWithTheMefProvisionedCertificate_8_8_2_2() throws Exception {
        tree.create(FakeTree.mo("tac1", TRUST_ANCHOR_CRED, null, List.of(),
                Map.of("cfp", Fingerprints.of(mefCa.ca), "uri", "https://pki.example.com/mef-ca.der")));
        await("tac1", MoStates.is(MoState.State.DONE));
        tree.create(FakeTree.mo("mefcr1", MEF_CLIENT_REG_CFG, null, List.of(),
                Map.of("fqdn", MEF, "adfq", SP, "hprt", (long) mef.address().getPort())));
        await("mefcr1", MoStates.is(MoState.State.DONE));
        tree.create(FakeTree.mo("ap41", AUTHENTICATION_PROFILE, null, List.of(new MgmtLink(null, TRUST_ANCHOR_CRED.mgd(), "tac1")),
                Map.of("suid", 41L, "mcfp", Fingerprints.of(provisioned.chain().get(0)), "tlscs", List.of(0xC023L))));
        tree.create(FakeTree.mo("mafcr1", MAF_CLIENT_REG_CFG, null, List.of(new MgmtLink("authProfile", AUTHENTICATION_PROFILE.mgd(), "ap41")),
                Map.of("fqdn", MAF, "adfq", SP, "hprt", (long) maf.port())));
        MoState waiting = await("mafcr1", MoStates.is(MoState.State.RETRYING));
        assertTrue("waits for the certificate the profile names: " + waiting, waiting.reason().get().contains("no local certificate"));
        assertEquals("8.3.9.9.6 without a local copy", MoFailure.PROCESSING_FAILED, await("ap41", MoStates.is(MoState.State.FAILED)).statusCode());

        installed = List.of(new ProvisionedCertificate(2, DEVICE, URI.create("https://" + MEF + ":8443/.well-known/est"), provisioned,
                List.of(mefCa.ca))); // CERT_PROV (8.3.9.7)
        MoState registered = await("mafcr1", MoStates.is(MoState.State.DONE)); // its next retry
        assertTrue(registered.toString(), !registered.result().get().isBlank());
        assertEquals("the MAF registered the client its certificate authenticated", 1, maf.registrationsOf(DEVICE).size());
        // the MEF's MO_NODE command for the profile, which follows its CERT_PROV (8.3.9.9.1), now finds the certificate
        String processed = engine.processForCommand(tree.objs.get("ap41")).get(20, java.util.concurrent.TimeUnit.SECONDS).orElseThrow();
        assertTrue(processed, processed.contains("MEF-provisioned certificate of " + DEVICE));
    }
}
