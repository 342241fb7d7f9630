package org.example.onem2m.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;


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
 * The distribution as shipped, MEF and MAF together (TS-0003 8.8.2.3 with 8.3.2.1): the demo device enrols at the MEF
 * with its Kpm, connects to the MAF with its KeID and the 10.3.7 key it derives itself, registers, is answered an
 * assignedSymmKeyID, and then registers a MAF key in a session authenticated by that KmID.
 */
public class RemoteProvisioningIT {
    private static final String MEF = "mef.example.com";
    private static final String MAF = "maf.example.com";
    private static final String DEVICE = "//sp.example.com/cse-device";

    static {
        System.setProperty("org.ops4j.pax.logging.DefaultServiceLog.level", "WARN");
    }

    @Rule public final DistributionProcess distribution = new DistributionProcess();
    private final TefSessions tef = new TefSessions();

    @Test
    public void aDeviceEnrolledAtTheMefRegistersAtTheMafWithItsKeIdAndThenItsAssignedKmId_8_8_2_3() throws Exception {
        Process p = distribution.start();
        EnrolmentKey ke = DistributionProcess.await(p, "the enrolment at the MEF", () -> {
            try (SecureSession s = tef.connect(distribution.mefPort(), MEF, "device-kpm@" + MEF, Hex.decode("303132333435363738393a3b3c3d3e3f"),
                    KeyExport.BOOTSTRAP_LABEL)) {
                ResponsePrimitive r = tef.send(s, Operation.CREATE, "/" + MEF + "/mefBase",
                        "{\"sec:mefClientReg\":{\"et\":\"20991231T000000\",\"adminFQDN\":\"sp.example.com\"}}");
                assertEquals(r.toString(), ResponseStatusCode.CREATED, r.status());
                return EnrolmentKey.fromBootstrapExport(s.exported(KeyExport.BOOTSTRAP_LABEL), MEF);
            }
        });
        byte[] km = ke.usageConstrainedKey(21, MAF);

        String assigned = DistributionProcess.await(p, "the registration at the MAF with the KeID", () -> {
            try (SecureSession s = tef.connect(distribution.mafPort(), MAF, ke.keId(), km, KeyExport.CONNECTION_LABEL)) {
                ResponsePrimitive r = tef.send(s, Operation.CREATE, "/" + MAF + "/mafBase",
                        "{\"sec:mafClientReg\":{\"et\":\"20991231T000000\",\"adminFQDN\":\"sp.example.com\"}}");
                assertEquals(r.toString(), ResponseStatusCode.CREATED, r.status());
                JsonObject reg = JsonParser.parseString(r.content()).getAsJsonObject().getAsJsonObject("sec:mafClientReg");
                assertEquals("the MAF Client is the Enrolee the MEF named", DEVICE, reg.get("mafClientID").getAsString());
                return reg.get("assignedSymmKeyID").getAsString();
            }
        });
        assertTrue(assigned, assigned.endsWith("@" + MAF));

        try (SecureSession s = tef.connect(distribution.mafPort(), MAF, assigned, km, KeyExport.CONNECTION_LABEL)) {
            ResponsePrimitive r = tef.send(s, Operation.CREATE, "/" + MAF + "/mafBase", "{\"sec:symmKeyReg\":{\"et\":\"20991231T000000\","
                    + "\"adminFQDN\":\"sp.example.com\",\"suid\":32,\"targetIDs\":[\"//sp.example.com/cse-target\"]}}");
            assertEquals("the assigned KmID authenticates a MAF Key Registration (8.8.2.7): " + r, ResponseStatusCode.CREATED, r.status());
        }
    }

}
