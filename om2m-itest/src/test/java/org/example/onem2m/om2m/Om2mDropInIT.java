package org.example.onem2m.om2m;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;

import org.example.mef.api.MefClient;
import org.example.mef.api.MefClientBuilder;
import org.example.mef.api.MefClientConfig;
import org.example.onem2m.testsupport.CfgFiles;
import org.example.onem2m.testsupport.LogFiles;
import org.example.onem2m.testsupport.Om2mRuntimes;
import org.example.tef.api.Hex;
import org.example.tef.client.DistributedKey;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.google.gson.JsonParser;

/**
 * The drop-in (module om2m-dropin) as built, installed as its README says in the Eclipse OM2M IN-CSE of ../shared/om2m
 * ({@link Om2mWithDropIn}: its etc/ as shipped, only the TLS ports made free ones): one OM2M child process for the class,
 * restarted once by the enrolment test, stopped by its process id whatever happens.
 */
public class Om2mDropInIT {
    private static final String ADMIN = "admin:admin", BASE = "/~/tef-cse/tef-name", MEF = "mef.example.com";
    /** The demo Enrolee the registration MO names, so the target of the device's MEF key (etc/org.example.mef.psk-device2.cfg). */
    private static final String DEVICE2 = "//sp.example.com/cse-device2";
    private static final byte[] DEVICE2_KPM = Hex.decode("505152535455565758595a5b5c5d5e5f");

    private static Om2mWithDropIn om2m;

    @BeforeClass
    public static void startOm2m() throws Exception {
        Path runtime = Om2mRuntimes.orSkip("Om2mDropInIT");
        Path built = Path.of(System.getProperty("om2m.dropin"));
        assertTrue("no drop-in at " + built + " (module om2m-dropin builds it)", Files.isDirectory(built.resolve("bundle")));
        Path work = Path.of(System.getProperty("om2m.it.work", "target/om2m-run")).toAbsolutePath();
        om2m = new Om2mWithDropIn(runtime, built, work.resolve("om2m"), Path.of(System.getProperty("om2m.it.log", "target/om2m-it.log")).toAbsolutePath());
        Runtime.getRuntime().addShutdownHook(new Thread(om2m::stop)); // an interrupted build leaves no OM2M
        om2m.launch();
    }

    @AfterClass
    public static void stopOm2m() {
        if (om2m != null) om2m.stop();
    }

    /** Every jar of bundle/, installed through config.ini.bundles alone, is ACTIVE, and OM2M's own bundles still are. */
    @Test
    public void everyDropInBundleIsActive() throws Exception {
        Map<String, String> expected = new TreeMap<>();
        for (Path jar : om2m.bundles()) expected.put(symbolicName(jar), jar.getFileName().toString());
        Map<String, String> states = Map.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String> notActive;
        do {
            states = EquinoxConsole.bundleStates(om2m.console("ss"));
            Map<String, String> s = states;
            notActive = expected.keySet().stream().filter(bsn -> !"ACTIVE".equals(s.get(bsn))).toList();
            if (notActive.isEmpty()) break;
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        StringBuilder why = new StringBuilder();
        for (String bsn : notActive) why.append('\n').append(expected.get(bsn)).append(" (").append(bsn).append("): ").append(states.get(bsn));
        assertTrue("drop-in bundles not ACTIVE in OM2M:" + why + "\nsee " + om2m.log, notActive.isEmpty());
        assertEquals("OM2M's core stays ACTIVE", "ACTIVE", states.get("org.eclipse.om2m.core"));
        assertEquals("OM2M's HTTP binding stays ACTIVE", "ACTIVE", states.get("org.eclipse.om2m.binding.http"));
    }

    @Test
    public void om2mStillAnswersAtItsOwnCseBase() throws Exception {
        HttpResponse<String> r = om2m.get("/~/in-cse", ADMIN);
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("m2m:cb"));
        assertTrue("OM2M's CSEBase, not the tree's: " + r.body(), r.body().contains("in-name"));
    }

    @Test
    public void theTreeAnswersAtItsOwnPatternAndTakesANode() throws Exception {
        // the servlet registers once FileInstall has given the tree its configuration
        HttpResponse<String> cb = om2m.awaitStatus("/tef/~/tef-cse/tef-name", 200);
        assertTrue(cb.body(), cb.body().contains("\"m2m:cb\"") && cb.body().contains("\"csi\":\"/tef-cse\""));
        HttpResponse<String> created = om2m.post("/tef/~/tef-cse/tef-name", 14, "{\"m2m:nod\":{\"rn\":\"gateway-it\",\"ni\":\"urn:dev:gw-it\"}}", ADMIN);
        assertEquals(created.body(), 201, created.statusCode());
        assertEquals("2001", created.headers().firstValue("X-M2M-RSC").orElse(null));
        assertEquals(200, om2m.get("/tef/~/tef-cse/tef-name/gateway-it", ADMIN).statusCode());
    }

    /**
     * Issue 14, "reached through OM2M": the tree registers as a {@code <remoteCSE>} with the OM2M it runs in, and OM2M
     * forwards a request for /~/tef-cse/... to it (TS-0001 10.1.1.2.1; the drop-in's etc/org.example.mgmtobj.registration.cfg).
     */
    @Test
    public void om2mForwardsRequestsForTheTreesCseIdToTheTree() throws Exception {
        // registered once the tree and the registration component have their configuration
        assertTrue("the tree's CSEBase, through OM2M", om2m.awaitStatus(BASE, 200).body().contains("\"csi\":\"/tef-cse\""));
        HttpResponse<String> csr = om2m.get("/~/in-cse/in-name/tef-name", ADMIN);
        assertEquals("OM2M holds the tree's <remoteCSE>: " + csr.body(), 200, csr.statusCode());
        created(om2m.post(BASE, 14, "{\"m2m:nod\":{\"rn\":\"via-om2m\",\"ni\":\"urn:dev:via-om2m\"}}", ADMIN), "m2m:nod");
        assertEquals("the node made through OM2M is in the tree", 200, om2m.get("/tef/~/tef-cse/tef-name/via-om2m", ADMIN).statusCode());
    }

    /**
     * Issue 14: "the originator OM2M forwards is checked against adminOriginators": one not among them (the drop-in's
     * etc/org.example.mgmtobj.cfg lists CAdmin and admin:admin) gets 403 with 4103 (ORIGINATOR_HAS_NO_PRIVILEGE) through
     * OM2M's endpoint, for a RETRIEVE of a TS-0022 MO and for a CREATE of one, which is then not there.
     */
    @Test
    public void anOriginatorNotAmongAdminOriginatorsIsRefusedThroughOm2m() throws Exception {
        om2m.awaitStatus(BASE, 200);
        created(om2m.post(BASE, 14, "{\"m2m:nod\":{\"rn\":\"acl-node\",\"ni\":\"urn:dev:acl-node\"}}", ADMIN), "m2m:nod");
        created(om2m.post(BASE + "/acl-node", 13, mefCfg("mefcfg", 1), ADMIN), "dcfg:mefcr");

        assertRefused(om2m.get(BASE + "/acl-node/mefcfg", "Cstranger"));
        assertRefused(om2m.post(BASE + "/acl-node", 13, mefCfg("intruder", 1), "Cstranger"));
        assertEquals("the refused CREATE made nothing", 404, om2m.get(BASE + "/acl-node/intruder", ADMIN).statusCode());
    }

    private static void assertRefused(HttpResponse<String> r) {
        assertEquals(r.body(), 403, r.statusCode());
        assertEquals(r.body(), "4103", r.headers().firstValue("X-M2M-RSC").orElse(null));
    }

    /**
     * Issue 14, "removes it when configured to": with deregisterOnStop=true added to the drop-in's registration file,
     * deleting that file (its configuration; the component stops) deletes the tree's {@code <remoteCSE>} at OM2M, which
     * then answers 404 for it and no longer forwards to the tree (500 for /~/tef-cse). The shipped file is put back, and the tree registers again.
     */
    @Test
    public void deletingTheRegistrationDeregistersWhenConfiguredTo() throws Exception {
        om2m.awaitStatus("/~/in-cse/in-name/tef-name", 200);
        Path file = om2m.etc().resolve("org.example.mgmtobj.registration.cfg");
        String shipped = Files.readString(file);
        try {
            int before = LogFiles.text(om2m.log).length();
            CfgFiles.write(file, shipped + "deregisterOnStop=true\n");
            awaitLog(before, "registration with host CSE in-cse at http://127.0.0.1:" + om2m.httpPort + "/~/in-cse confirmed"); // the new setting is in force
            before = LogFiles.text(om2m.log).length();
            Files.delete(file);
            awaitLog(before, "de-registered from host CSE in-cse");
            om2m.awaitStatus("/~/in-cse/in-name/tef-name", 404);
            HttpResponse<String> gone = om2m.get(BASE, ADMIN); // OM2M answers 500 for a CSE-ID it does not know
            assertEquals("OM2M no longer forwards to the tree: " + gone.body(), 500, gone.statusCode());
            assertFalse("not the tree's CSEBase: " + gone.body(), gone.body().contains("\"csi\":\"/tef-cse\""));
        } finally {
            CfgFiles.write(file, shipped);
        }
        om2m.awaitStatus("/~/in-cse/in-name/tef-name", 200);
    }

    /**
     * Issue 14, "enrolment through OM2M": MOs made with plain HTTP on OM2M's endpoint (forwarded to the tree in the same
     * Equinox) make the device side register with the MEF there and register a key (8.3.4.2, 8.3.4.3), which the MEF
     * hands to the key's listed target; OM2M is then restarted (its own run directories emptied) and the tree is
     * registered again, the MO shows the same key, and the MEF still holds it (its store in tef-data).
     */
    @Test
    public void mosMadeThroughOm2mDriveEnrolmentAndSurviveARestartOfOm2m_issue14() throws Exception {
        om2m.awaitStatus(BASE, 200);
        created(om2m.post(BASE, 14, "{\"m2m:nod\":{\"rn\":\"gw-enrol\",\"ni\":\"urn:dev:gw-enrol\"}}", ADMIN), "m2m:nod");
        String cfg = created(om2m.post(BASE + "/gw-enrol", 13, mefCfg("mefcfg", om2m.mefPort), ADMIN), "dcfg:mefcr");
        String profile = created(om2m.post(BASE + "/gw-enrol", 13, "{\"dcfg:authp\":{\"rn\":\"profile\",\"mgd\":1022,\"suid\":22,\"mkrd\":\"PT1H\","
                + "\"tlscs\":[174],\"cmlk\":[{\"nm\":\"mefCfg\",\"typ\":1026,\"val\":\"" + cfg + "\"}]}}", ADMIN), "dcfg:authp");
        created(om2m.post(BASE + "/gw-enrol", 13, "{\"dcfg:regn\":{\"rn\":\"reg\",\"mgd\":1020,\"csi\":\"" + DEVICE2 + "\","
                + "\"cmlk\":[{\"nm\":\"authProfile\",\"typ\":1022,\"val\":\"" + profile + "\"}]}}", ADMIN), "dcfg:regn");
        String keyId = om2m.awaitSymmKeyId(BASE + "/gw-enrol/profile", ADMIN);
        assertTrue("the MEF in OM2M registered the device", Files.readString(om2m.log).contains("registered MEF Client //sp.example.com/cse-gateway"));
        assertMefHandsTheKeyToItsTarget(keyId);

        om2m.stop();
        om2m.launch(); // om2m-runtime empties OM2M's directories: OM2M forgets the <remoteCSE>; tef-data and om2m-dropin stay
        om2m.awaitStatus(BASE, 200); // registered again by the tree at its start
        assertEquals("the MO and its key survive the restart", keyId, om2m.awaitSymmKeyId(BASE + "/gw-enrol/profile", ADMIN));
        assertMefHandsTheKeyToItsTarget(keyId);
    }

    /** The MEF Key Retrieval (8.3.5.2.8) by the key's listed target, with a MEF Client of its own (the exported client API). */
    private static void assertMefHandsTheKeyToItsTarget(String keyId) throws Exception {
        try (MefClient device2 = MefClientBuilder.create().build(MefClientConfig.withPsk(MEF, "127.0.0.1", om2m.mefPort, DEVICE2,
                "device2-kpm@" + MEF, DEVICE2_KPM))) {
            String registration = registerWhenTheMefListens(device2);
            DistributedKey key;
            try {
                key = device2.retrieveKey(keyId);
            } finally {
                device2.deregister(registration); // the MEF's store outlives OM2M's restart: leave no registration behind
            }
            assertEquals("the key registered by the device side", "//sp.example.com/cse-gateway", key.sourceClientId);
            assertEquals(List.of(DEVICE2), key.targetIds);
        }
    }

    /**
     * The MEF Client Registration of the second device, tried for up to 30 s: after a restart of OM2M the tree answering
     * says nothing of the MEF, a component of its own that listens once its store, CA and stakeholder are there.
     */
    private static String registerWhenTheMefListens(MefClient client) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return client.register("sp.example.com", Instant.now().plus(Duration.ofHours(1)), List.of()).registrationId;
            } catch (org.example.mef.api.MefException e) {
                if (e.rsc() != 0) throw e; // an answer, a refusal among them, is what the test checks: only no answer is retried
                if (System.nanoTime() > deadline) throw new AssertionError("no MEF Client Registration at the MEF within 30 s: " + e
                        + "\n" + om2m.equinoxLog(), e);
                Thread.sleep(500);
            }
        }
    }

    private static String mefCfg(String rn, int port) {
        return "{\"dcfg:mefcr\":{\"rn\":\"" + rn + "\",\"mgd\":1026,\"fqdn\":\"" + MEF + "\",\"adfq\":\"sp.example.com\",\"hprt\":" + port + "}}";
    }

    private static String created(HttpResponse<String> r, String key) {
        assertEquals(r.body(), 201, r.statusCode());
        return JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonObject(key).get("ri").getAsString();
    }

    /** Waits (at most 30 s) until OM2M's log shows {@code line} after its first {@code from} characters. */
    private static void awaitLog(int from, String line) throws Exception {
        LogFiles.await(om2m.log, java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(line)), from, Duration.ofSeconds(30));
    }

    private static String symbolicName(Path jar) throws IOException {
        try (JarFile j = new JarFile(jar.toFile())) {
            return j.getManifest().getMainAttributes().getValue("Bundle-SymbolicName").split(";")[0].trim();
        }
    }
}
