package org.example.onem2m.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Rule;
import org.junit.Test;

import com.google.gson.JsonObject;

/**
 * What the resource tree acknowledged with 201 is still there after a graceful stop and after {@code kill -9} of the
 * distribution process ({@link DistributionProcess}).
 */
public class ResourceTreeRestartIT {
    private static final String NODE = "{\"m2m:nod\":{\"rn\":\"dev1\",\"ni\":\"urn:dev:1\"}}";
    private static final String MEF_CLIENT_REG_CFG =
            "{\"dcfg:mefcr\":{\"rn\":\"mefcfg\",\"mgd\":1026,\"fqdn\":\"mef.example.com\",\"adfq\":\"admin.example.com\"}}";

    @Rule public final DistributionProcess distribution = new DistributionProcess();

    @Test
    public void acknowledgedResourcesSurviveAGracefulRestart() throws Exception {
        CseHttp http = distribution.http();
        Process first = distribution.start();
        String nodeRi = CseHttp.createdRi(http.post(http.cseBase(), 14, NODE), "m2m:nod");
        String cfgRi = CseHttp.createdRi(http.post(http.cseBase() + "/dev1", 13, MEF_CLIENT_REG_CFG), "dcfg:mefcr");

        distribution.stop(first);
        assertTrue("the resource tree was not shut down (no 'store ... closed' line in the log)",
                distribution.output().contains("oneM2M resource tree stopped; store"));

        distribution.start();
        JsonObject node = http.resource(http.cseBase() + "/dev1", "m2m:nod");
        assertEquals(nodeRi, node.get("ri").getAsString());
        assertEquals("urn:dev:1", node.get("ni").getAsString());
        JsonObject cfg = http.resource(http.cseBase() + "/dev1/mefcfg", "dcfg:mefcr");
        assertEquals(cfgRi, cfg.get("ri").getAsString());
        assertEquals(nodeRi, cfg.get("pi").getAsString());
        assertEquals(1026, cfg.get("mgd").getAsInt());
        assertEquals("mef.example.com", cfg.get("fqdn").getAsString());
        assertEquals("admin.example.com", cfg.get("adfq").getAsString());
    }

    @Test
    public void aResourceAcknowledgedBeforeKillMinus9IsThereAfterRestart() throws Exception {
        CseHttp http = distribution.http();
        Process first = distribution.start();
        String nodeRi = CseHttp.createdRi(http.post(http.cseBase(), 14, NODE), "m2m:nod");
        String cfgRi = CseHttp.createdRi(http.post(http.cseBase() + "/dev1", 13, MEF_CLIENT_REG_CFG), "dcfg:mefcr");
        distribution.killMinus9(first); // right after the 201

        distribution.start();
        assertEquals(nodeRi, http.resource(http.cseBase() + "/dev1", "m2m:nod").get("ri").getAsString());
        JsonObject cfg = http.resource(http.cseBase() + "/dev1/mefcfg", "dcfg:mefcr");
        assertEquals(cfgRi, cfg.get("ri").getAsString());
        assertEquals("mef.example.com", cfg.get("fqdn").getAsString());
    }
}
