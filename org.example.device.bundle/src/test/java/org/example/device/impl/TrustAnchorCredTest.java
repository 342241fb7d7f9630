package org.example.device.impl;

import static org.example.mgmtobj.api.Specialization.TRUST_ANCHOR_CRED;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.example.device.impl.trust.TrustAnchors;
import org.example.maf.api.MafClientBuilder;
import org.example.mef.api.MefClientBuilder;
import org.example.mef.api.MoState;
import org.example.onem2m.testsupport.Configs;
import org.example.onem2m.testsupport.TestPki;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * A trustAnchorCred MO's changes (TS-0003 8.3.9.9.7) through the device side's engine: created, the certificate its
 * certFingerprint names is fetched from its URI, checked and kept as a trust anchor of the MO; a certificate that does
 * not match fails with PROCESSING_FAILED; deleted, the association ends. The HTTPS GET is a fake here
 * (TrustAnchorsHttpsTest runs a real one).
 */
public class TrustAnchorCredTest {
    private final FakeTree tree = new FakeTree();
    private final AtomicInteger fetches = new AtomicInteger();
    private X509Certificate anchor, other;
    private TrustAnchors anchors;
    private EnrolmentEngine engine;

    @Before
    public void start() throws Exception {
        anchor = new TestPki("Device Trust Anchor").ca;
        other = new TestPki("Some Other CA").ca;
        byte[] anchorDer = anchor.getEncoded(), otherDer = other.getEncoded();
        anchors = new TrustAnchors(null, uri -> {
            fetches.incrementAndGet();
            return uri.equals(URI.create("https://pki.example.com/anchor.der")) ? anchorDer : otherDer;
        });
        engine = new EnrolmentEngine(tree, MefClientBuilder.create().buildFactory(), MafClientBuilder.create().buildFactory(),
                Configs.of(DeviceEnrolmentConfiguration.class, "clientId", "//sp.example.com/cse-device", "kpmId", "k@mef.example.com",
                        "kpm", "303132333435363738393a3b3c3d3e3f", "firstRetryMillis", 50L, "maxRetryMillis", 400L), Clock.systemUTC(), anchors);
        tree.listener = engine::mgmtObjChanged;
    }

    @After
    public void stop() { engine.deactivate(); }

    private static String sha256(X509Certificate c) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    }

    private MoState await(String ri, Predicate<MoState> condition) throws InterruptedException {
        return MoStates.await(engine, ri, condition);
    }

    @Test
    public void aTrustAnchorCredCreatedFetchesChecksAndKeepsItsCertificate_8_3_9_9_7() throws Exception {
        tree.create(FakeTree.mo("tac1", TRUST_ANCHOR_CRED, null, List.of(),
                Map.of("cfp", sha256(anchor), "uri", "https://pki.example.com/anchor.der")));
        MoState done = await("tac1", s -> s.state() == MoState.State.DONE);
        assertTrue(done.toString(), done.result().get().contains("Device Trust Anchor"));
        assertEquals(anchor, anchors.of("tac1").orElseThrow());
        assertEquals(1, fetches.get());

        tree.delete("tac1");
        await("tac1", s -> s.state() == MoState.State.DONE && s.result().get().contains("no longer used"));
        assertTrue("the association ends with the MO", anchors.of("tac1").isEmpty() && anchors.all().isEmpty());
    }

    @Test
    public void aCertificateThatDoesNotMatchTheFingerprintIsRefused_8_3_9_9_7() throws Exception {
        tree.create(FakeTree.mo("tac2", TRUST_ANCHOR_CRED, null, List.of(),
                Map.of("cfp", sha256(anchor), "uri", "https://pki.example.com/elsewhere.der")));
        MoState failed = await("tac2", s -> s.state() == MoState.State.FAILED);
        assertEquals(MoFailure.PROCESSING_FAILED, failed.statusCode());
        assertTrue(failed.toString(), failed.reason().get().contains("does not match"));
        assertTrue("nothing kept", anchors.all().isEmpty());
    }
}
