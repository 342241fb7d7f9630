package org.example.mgmtobj.impl.tree;

import static org.example.mgmtobj.impl.tree.TreeFixture.CSE;
import static org.example.mgmtobj.impl.tree.TreeFixture.attributes;
import static org.example.mgmtobj.impl.tree.TreeFixture.ri;
import static org.example.onem2m.primitive.ResponseStatusCode.BAD_REQUEST;
import static org.example.onem2m.primitive.ResponseStatusCode.UPDATED;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.example.mgmtobj.api.Specialization;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.junit.Before;
import org.junit.Test;

import com.google.gson.JsonParser;

/**
 * Clients written before the {@code dcfg:} prefix existed send a myCertFileCred as {@code m2m:nycfc}; it is an
 * input alias in {@link Specialization}, accepted in requests and never answered.
 */
public class InputAliasTest {
    private static final String AS_M2M = "{\"m2m:nycfc\":{\"rn\":\"cert\",\"mgd\":1023,\"suids\":[42],"
            + "\"mcff\":\"application/pkcs7-mime\",\"mcfc\":\"MIIBszCCAVmgAwIBAgIU\"}}";

    private final TreeFixture tree = new TreeFixture();

    @Before
    public void givenADeviceNode() {
        ri(tree.createNode("dev1"));
    }

    @Test
    public void aMyCertFileCredSentAsM2mNycfcIsAnsweredAsDcfgNycfc() {
        ResponsePrimitive created = tree.createMo("dev1", AS_M2M);
        assertEquals(java.util.Set.of("dcfg:nycfc"), JsonParser.parseString(created.content()).getAsJsonObject().keySet());
    }

    @Test
    public void aMyCertFileCredSentAsM2mNycfcIsRetrievedAsDcfgNycfc() {
        ri(tree.createMo("dev1", AS_M2M));
        assertEquals(java.util.Set.of("dcfg:nycfc"),
                JsonParser.parseString(tree.retrieve(CSE + "/dev1/cert").content()).getAsJsonObject().keySet());
    }

    @Test
    public void aMyCertFileCredSentAsM2mNycfcIsStoredAsDcfgNycfc() {
        String ri = ri(tree.createMo("dev1", AS_M2M));
        assertEquals("dcfg:nycfc", tree.store.loadAll().stream().filter(r -> r.resourceId().equals(ri)).findFirst().orElseThrow().wrapper());
        assertEquals(Specialization.MY_CERT_FILE_CRED, tree.engine.mgmtObj(ri).orElseThrow().specialization());
    }

    @Test
    public void aMyCertFileCredMayBeUpdatedAsM2mNycfc() {
        ri(tree.createMo("dev1", AS_M2M));
        assertEquals(UPDATED, tree.update(CSE + "/dev1/cert", "{\"m2m:nycfc\":{\"suids\":[41]}}").status());
        assertEquals(41, attributes(tree.retrieve(CSE + "/dev1/cert")).getAsJsonArray("suids").get(0).getAsInt());
    }

    @Test
    public void m2mNycfcWithTheMgdOfAnotherSpecializationIsRefused_TS0004_6_3_4_2_22() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1", AS_M2M.replace("1023", "1024")), BAD_REQUEST,
                "mgmtDefinition (mgd) is 1023");
    }

    @Test
    public void m2mNycfcCannotUpdateAnotherSpecialization() {
        ri(tree.createMo("dev1", DeviceConfigurationLifecycleTest.EXAMPLES.get(Specialization.TRUST_ANCHOR_CRED)));
        tree.refusedWithoutChange(() -> tree.update(CSE + "/dev1/ta", "{\"m2m:nycfc\":{\"suids\":[41]}}"), BAD_REQUEST,
                "is updated as {\"dcfg:tac\"");
    }

    @Test
    public void anotherM2mPrefixedSpecializationNameIsStillRefused() {
        ResponsePrimitive refused = tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"m2m:datc\":{\"mgd\":1021,\"cntp\":\"/x\"}}"),
                BAD_REQUEST, "'m2m:datc' is not a <mgmtObj> specialization this CSE supports");
        assertTrue(refused.content().contains("dcfg:datc"));
    }
}
