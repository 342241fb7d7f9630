package org.example.onem2m.distribution;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Base64;

import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.tef.api.EnrolmentKey;
import org.example.tef.api.Hex;
import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.SecureSession;
import org.junit.Rule;
import org.junit.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The MEF (TS-0003 8.3) of the distribution with the demo configuration of {@code etc/}: the demo Enrolee enrols (its
 * MEF Handshake establishes an Enrolment Key, 8.3.2.1, 10.3.1) and registers; the process is killed with SIGKILL and
 * started again on the same data directory; the Enrolment Target of the demo (the MAF's identity at the MEF) then
 * fetches the credential of that KeID (8.3.2.1 f), which is the 10.3.7 key of the Ke the Enrolee derived. This JVM is
 * both clients, through tef's exported standalone channels.
 */
public class MefRestartIT {
    private static final String MEF = "mef.example.com";
    private static final String ENROLEE = "//sp.example.com/cse-device";

    static {
        System.setProperty("org.ops4j.pax.logging.DefaultServiceLog.level", "WARN");
    }

    @Rule public final DistributionProcess distribution = new DistributionProcess();
    private final TefSessions tef = new TefSessions();

    @Test
    public void anEnrolmentKeyEstablishedBeforeKillMinus9IsFetchedAfterTheProcessRestarts_8_3_2_1() throws Exception {
        Process first = distribution.start();
        EnrolmentKey enrolee = DistributionProcess.await(first, "the enrolment at the MEF", () -> {
            try (SecureSession s = tef.connect(distribution.mefPort(), MEF, "device-kpm@" + MEF, Hex.decode("303132333435363738393a3b3c3d3e3f"), KeyExport.BOOTSTRAP_LABEL)) {
                ResponsePrimitive r = tef.send(s, Operation.CREATE, "/" + MEF + "/mefBase",
                        "{\"sec:mefClientReg\":{\"et\":\"20991231T000000\",\"adminFQDN\":\"sp.example.com\"}}");
                assertEquals(r.toString(), ResponseStatusCode.CREATED, r.status());
                return EnrolmentKey.fromBootstrapExport(s.exported(KeyExport.BOOTSTRAP_LABEL), MEF);
            }
        });

        distribution.killMinus9(first); // right after the answer

        Process second = distribution.start();
        JsonObject credentials = DistributionProcess.await(second, "the credential fetch after the restart", () -> {
            try (SecureSession s = tef.connect(distribution.mefPort(), MEF, "maf@" + MEF, Hex.decode("404142434445464748494a4b4c4d4e4f"), KeyExport.CONNECTION_LABEL)) {
                ResponsePrimitive r = tef.send(s, Operation.RETRIEVE, "/fetchCredentials/" + enrolee.keId() + "/21", null);
                assertEquals(r.toString(), ResponseStatusCode.OK, r.status());
                return JsonParser.parseString(r.content()).getAsJsonObject().getAsJsonObject("sec:credentials");
            }
        });
        assertEquals(ENROLEE, credentials.get("enroleeID").getAsString());
        assertArrayEquals("the credential is the 10.3.7 key of the Ke the Enrolee derived before the kill",
                enrolee.usageConstrainedKey(21, "maf.example.com"), Base64.getDecoder().decode(credentials.get("credential").getAsString()));
        assertTrue("the MEF of the second launch reopened its Enrolment Keys", distribution.output().contains("1 Enrolment Key(s) in"));
    }

}
