package org.example.mgmtobj.impl.tree;

import static org.example.mgmtobj.impl.tree.TreeFixture.CSE;
import static org.example.mgmtobj.impl.tree.TreeFixture.T0;
import static org.example.mgmtobj.impl.tree.TreeFixture.attributes;
import static org.example.mgmtobj.impl.tree.TreeFixture.et;
import static org.example.mgmtobj.impl.tree.TreeFixture.ri;
import static org.example.onem2m.primitive.ResponseStatusCode.BAD_REQUEST;
import static org.example.onem2m.primitive.ResponseStatusCode.UPDATED;
import static org.junit.Assert.assertEquals;

import java.time.Duration;

import org.example.mgmtobj.api.Specialization;
import org.junit.Before;
import org.junit.Test;

/**
 * expirationTime is a universal attribute (TS-0001 9.6.1.3): every {@code <node>} and {@code <mgmtObj>} has one,
 * the CSE chooses it when the originator does not (the default lifetime, one year here) and grants no more than its
 * maximum lifetime (ten years here).
 */
public class ExpirationTimeTest {
    private static final String DEFAULT_ET = et(T0.plus(TreeConfig.DEFAULT_LIFETIME));
    private static final String LATEST_ET = et(T0.plus(TreeConfig.MAX_LIFETIME));

    private final TreeFixture tree = new TreeFixture();

    @Before
    public void givenADeviceNode() {
        ri(tree.createNode("dev1"));
    }

    @Test
    public void aCreateWithoutExpirationTimeGetsTheDefaultLifetime_TS0001_9_6_1_3() {
        String ri = ri(tree.createMo("dev1", DeviceConfigurationLifecycleTest.EXAMPLES.get(Specialization.TRUST_ANCHOR_CRED)));
        assertEquals(DEFAULT_ET, attributes(tree.retrieve("/in-cse/" + ri)).get("et").getAsString());
    }

    @Test
    public void aNodeCreatedWithoutExpirationTimeGetsTheDefaultLifetime_TS0001_9_6_1_3() {
        assertEquals(DEFAULT_ET, attributes(tree.retrieve(CSE + "/dev1")).get("et").getAsString());
    }

    @Test
    public void theAnswerToACreateShowsTheExpirationTimeTheCseChose_TS0001_9_6_1_3() {
        assertEquals(DEFAULT_ET, attributes(tree.createMo("dev1", DeviceConfigurationLifecycleTest.EXAMPLES.get(
                Specialization.TRUST_ANCHOR_CRED))).get("et").getAsString());
    }

    @Test
    public void aRetrieveShowsTheExpirationTimeTheOriginatorProposed_TS0001_9_6_1_3() {
        String proposed = et(T0.plus(Duration.ofDays(2)));
        ri(tree.createMo("dev1", "{\"dcfg:tac\":{\"rn\":\"ta\",\"mgd\":1024,\"cfp\":\"ab\",\"et\":\"" + proposed + "\"}}"));
        assertEquals(proposed, attributes(tree.retrieve(CSE + "/dev1/ta")).get("et").getAsString());
    }

    @Test
    public void theEnrolmentFunctionsSeeTheDefaultExpirationTime_TS0001_9_6_1_3() {
        String ri = ri(tree.createMo("dev1", DeviceConfigurationLifecycleTest.EXAMPLES.get(Specialization.TRUST_ANCHOR_CRED)));
        assertEquals(T0.plus(TreeConfig.DEFAULT_LIFETIME), tree.engine.mgmtObj(ri).orElseThrow().expirationTime().orElseThrow());
    }

    @Test
    public void anExpirationTimeBeyondTheMaximumIsShortenedToIt_TS0001_9_6_1_3() {
        String tooLate = et(T0.plus(TreeConfig.MAX_LIFETIME).plus(Duration.ofDays(1)));
        ri(tree.createMo("dev1", "{\"dcfg:tac\":{\"rn\":\"ta\",\"mgd\":1024,\"cfp\":\"ab\",\"et\":\"" + tooLate + "\"}}"));
        assertEquals(LATEST_ET, attributes(tree.retrieve(CSE + "/dev1/ta")).get("et").getAsString());
    }

    @Test
    public void anExpirationTimeOfExactlyTheMaximumIsKept_TS0001_9_6_1_3() {
        ri(tree.createMo("dev1", "{\"dcfg:tac\":{\"rn\":\"ta\",\"mgd\":1024,\"cfp\":\"ab\",\"et\":\"" + LATEST_ET + "\"}}"));
        assertEquals(LATEST_ET, attributes(tree.retrieve(CSE + "/dev1/ta")).get("et").getAsString());
    }

    @Test
    public void anUpdatedExpirationTimeBeyondTheMaximumIsShortenedToIt_TS0001_9_6_1_3() {
        tree.clock.advance(Duration.ofDays(1));
        String tooLate = et(T0.plus(Duration.ofDays(1)).plus(TreeConfig.MAX_LIFETIME).plus(Duration.ofDays(1)));
        assertEquals(UPDATED, tree.update(CSE + "/dev1", "{\"m2m:nod\":{\"et\":\"" + tooLate + "\"}}").status());
        assertEquals(et(T0.plus(Duration.ofDays(1)).plus(TreeConfig.MAX_LIFETIME)),
                attributes(tree.retrieve(CSE + "/dev1")).get("et").getAsString());
    }

    @Test
    public void theMaximumIsTheCsesConfiguration_TS0001_9_6_1_3() {
        TreeFixture shortLived = new TreeFixture(new TreeConfig("in-cse", "in-name", java.util.Set.of(TreeFixture.ADMIN),
                Duration.ofHours(1), Duration.ofHours(2)));
        ri(shortLived.create(CSE, 14, "{\"m2m:nod\":{\"rn\":\"dev1\",\"ni\":\"n\",\"et\":\"" + et(T0.plus(Duration.ofDays(1))) + "\"}}"));
        assertEquals(et(T0.plus(Duration.ofHours(2))), attributes(shortLived.retrieve(CSE + "/dev1")).get("et").getAsString());
    }

    @Test
    public void theDefaultLifetimeIsTheCsesConfiguration_TS0001_9_6_1_3() {
        TreeFixture shortLived = new TreeFixture(new TreeConfig("in-cse", "in-name", java.util.Set.of(TreeFixture.ADMIN),
                Duration.ofHours(1), Duration.ofHours(2)));
        ri(shortLived.createNode("dev1"));
        assertEquals(et(T0.plus(Duration.ofHours(1))), attributes(shortLived.retrieve(CSE + "/dev1")).get("et").getAsString());
    }

    @Test
    public void expirationTimeCannotBeDeletedInAnUpdate_TS0001_9_6_1_3() {
        tree.refusedWithoutChange(() -> tree.update(CSE + "/dev1", "{\"m2m:nod\":{\"et\":null}}"), BAD_REQUEST,
                "expirationTime (et) cannot be deleted");
        assertEquals(DEFAULT_ET, attributes(tree.retrieve(CSE + "/dev1")).get("et").getAsString());
    }

    @Test(expected = IllegalArgumentException.class)
    public void aMaximumShorterThanTheDefaultIsNotAConfiguration() {
        new TreeConfig("in-cse", "in-name", java.util.Set.of(TreeFixture.ADMIN), Duration.ofHours(2), Duration.ofHours(1));
    }
}
