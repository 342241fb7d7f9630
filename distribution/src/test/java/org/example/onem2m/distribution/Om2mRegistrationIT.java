package org.example.onem2m.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.example.onem2m.testsupport.Failures;
import org.example.onem2m.testsupport.Om2mProcess;
import org.example.onem2m.testsupport.Om2mRuntimes;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

import com.google.gson.JsonParser;

/**
 * Issue 14, "reached through OM2M", with the product in a process of its own beside Eclipse OM2M: the distribution's
 * tree (CSE-ID tef-cse, admin originators including OM2M's admin:admin) registers as a {@code <remoteCSE>} with a real
 * OM2M IN-CSE ({@code ../shared/om2m/om2m-runtime}, or {@code $OM2M_RUNTIME}), and a plain HTTP client that talks only
 * to OM2M's endpoint creates the MOs at {@code /~/tef-cse/tef-name/...}; OM2M forwards them, and the device side enrols.
 * After a restart of the product the registration is confirmed (not duplicated) and the enrolment is still there.
 * Skipped, with one line, where no OM2M runtime is found.
 */
public class Om2mRegistrationIT {
    private static final String ADMIN = "admin:admin";

    static {
        System.setProperty("org.ops4j.pax.logging.DefaultServiceLog.level", "WARN");
    }

    @Rule public final DistributionProcess product = new DistributionProcess("product");
    private Om2mProcess om2m;

    /** A RETRIEVE through OM2M, {@code path} below /~. */
    private HttpResponse<String> om2mGet(String path) throws IOException, InterruptedException {
        return om2m.get("/~" + path, ADMIN);
    }

    /** A CREATE of resource type {@code ty} through OM2M, {@code path} below /~. */
    private HttpResponse<String> om2mPost(String path, int ty, String body) throws IOException, InterruptedException {
        return om2m.post("/~" + path, ty, body, ADMIN);
    }

    /** OM2M on a fresh run directory of its own (om2m-runtime empties it), on the same port each time. */
    private void startOm2m(Path runtime) throws Exception {
        if (om2m == null) {
            Path run = Files.createTempDirectory(Path.of("target"), "om2m-run-").toAbsolutePath();
            om2m = new Om2mProcess(runtime, run, run.resolveSibling(run.getFileName() + ".log"), Failures.freePort(), 0);
        }
        om2m.launch(configIni -> { }, Duration.ofSeconds(120)); // the first start copies OM2M's platform with Maven
    }

    @After
    public void stopOm2m() {
        if (om2m != null) om2m.stop();
    }

    private String awaitSymmKeyId(String path) throws Exception {
        return om2m.awaitSymmKeyId("/~" + path, ADMIN, () -> {
            try {
                return "\nwhat the product's enrolment said (its whole output is printed above):\n" + enrolmentLines();
            } catch (IOException e) {
                return "\nthe product's output is unreadable: " + e;
            }
        });
    }

    /** The product's log lines on the MOs' procedures and on refusals, the last 20: the failure message shows them. */
    private String enrolmentLines() throws IOException {
        java.util.List<String> lines = product.output().lines().filter(l -> l.contains("device enrolment:") || l.contains(" refused with ")).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static String ri(HttpResponse<String> created, String key) {
        assertEquals(created.body(), 201, created.statusCode());
        return JsonParser.parseString(created.body()).getAsJsonObject().getAsJsonObject(key).get("ri").getAsString();
    }

    @Test
    public void mosMadeThroughOm2msEndpointDriveEnrolmentAndSurviveARestart_issue14() throws Exception {
        Path runtime = Om2mRuntimes.orSkip("Om2mRegistrationIT");
        startOm2m(runtime);
        Path etc = product.ownEtc(name -> true);
        String tree = Files.readString(etc.resolve("org.example.mgmtobj.cfg")).replace("cseId=in-cse", "cseId=tef-cse")
                .replace("cseName=in-name", "cseName=tef-name").replace("adminOriginators=CAdmin", "adminOriginators=CAdmin," + ADMIN);
        Files.writeString(etc.resolve("org.example.mgmtobj.cfg"), tree);
        Files.writeString(etc.resolve("org.example.mgmtobj.registration.cfg"), "registrarUrl=http://127.0.0.1:" + om2m.httpPort + "/~/in-cse\n"
                + "originator=" + ADMIN + "\npointOfAccess=http://127.0.0.1:" + product.port() + "\ncheckIntervalSeconds=5\n");
        product.cse("tef-cse", "tef-name");
        Process first = product.start();
        DistributionProcess.await(first, "the registration with OM2M", () -> {
            assertTrue(product.output().contains("registered with host CSE in-cse at http://127.0.0.1:" + om2m.httpPort));
            return null;
        });

        assertEquals("OM2M's own CSEBase still answers", 200, om2mGet("/in-cse").statusCode());
        HttpResponse<String> csr = om2mGet("/in-cse/in-name/tef-name");
        assertEquals(csr.body(), 200, csr.statusCode());
        assertTrue(csr.body(), csr.body().contains("/tef-cse") && csr.body().contains("http://127.0.0.1:" + product.port()));

        String base = "/tef-cse/tef-name"; // every request below goes to OM2M, which forwards it
        ri(om2mPost(base, 14, "{\"m2m:nod\":{\"rn\":\"gateway\",\"ni\":\"urn:dev:gateway\"}}"), "m2m:nod");
        String cfg = ri(om2mPost(base + "/gateway", 13, "{\"dcfg:mefcr\":{\"rn\":\"mefcfg\",\"mgd\":1026,\"fqdn\":\"mef.example.com\","
                + "\"adfq\":\"sp.example.com\",\"hprt\":" + product.mefPort() + "}}"), "dcfg:mefcr");
        String profile = ri(om2mPost(base + "/gateway", 13, "{\"dcfg:authp\":{\"rn\":\"profile\",\"mgd\":1022,\"suid\":22,\"mkrd\":\"PT1H\","
                + "\"tlscs\":[174],\"cmlk\":[{\"nm\":\"mefCfg\",\"typ\":1026,\"val\":\"" + cfg + "\"}]}}"), "dcfg:authp");
        ri(om2mPost(base + "/gateway", 13, "{\"dcfg:regn\":{\"rn\":\"reg\",\"mgd\":1020,\"csi\":\"//sp.example.com/cse-device2\","
                + "\"cmlk\":[{\"nm\":\"authProfile\",\"typ\":1022,\"val\":\"" + profile + "\"}]}}"), "dcfg:regn");
        String keyId = awaitSymmKeyId(base + "/gateway/profile");
        assertTrue(keyId, keyId.endsWith("@mef.example.com"));

        product.stop(first);
        int before = product.output().length();
        Process second = product.start();
        DistributionProcess.await(second, "the registration confirmed after the restart", () -> {
            assertTrue(product.output().substring(before).contains("registration with host CSE in-cse at http://127.0.0.1:" + om2m.httpPort + "/~/in-cse confirmed"));
            return null;
        });
        assertEquals("the same key, recognised after the restart, not registered again", keyId, awaitSymmKeyId(base + "/gateway/profile"));
        DistributionProcess.await(second, "the profile processed again after the restart", () -> {
            assertTrue(product.output().substring(before).contains("authenticationProfile " + profile + " DONE " + keyId));
            return null;
        });

        // OM2M restarts on a fresh run directory (om2m-runtime empties it): the periodic check registers the tree again
        stopOm2m();
        int beforeOm2mRestart = product.output().length();
        startOm2m(runtime);
        product.awaitOutput(java.util.regex.Pattern.compile("registered with host CSE in-cse"), beforeOm2mRestart);
        assertEquals("the tree is reached through the restarted OM2M", keyId, awaitSymmKeyId(base + "/gateway/profile"));
    }
}
