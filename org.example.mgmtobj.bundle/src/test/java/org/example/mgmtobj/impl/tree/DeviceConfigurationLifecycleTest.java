package org.example.mgmtobj.impl.tree;

import org.example.onem2m.primitive.ResponseStatusCode;

import static org.example.onem2m.primitive.ResponseStatusCode.*;
import static org.example.mgmtobj.impl.tree.TreeFixture.CSE;
import static org.example.mgmtobj.impl.tree.TreeFixture.attributes;
import static org.example.mgmtobj.impl.tree.TreeFixture.ri;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.stream.Collectors;

import org.example.mgmtobj.api.MgmtLink;
import org.example.mgmtobj.api.MgmtObj;
import org.example.mgmtobj.api.MgmtObjEvent;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.mgmtobj.api.Specialization;
import org.junit.Before;
import org.junit.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** What an operator does with a device's configuration, and what the enrolment functions are told. */
public class DeviceConfigurationLifecycleTest {
    /** One valid representation of each TS-0022 specialization, as an operator would POST it. */
    static final Map<Specialization, String> EXAMPLES = Map.of(
            Specialization.REGISTRATION, "{\"dcfg:regn\":{\"rn\":\"reg\",\"mgd\":1020,\"orid\":\"Cdevice1\",\"poa\":[\"http://10.0.0.1:8080\"],"
                    + "\"cb\":\"/in-cse/in-name\",\"csi\":\"/in-cse\",\"lbl\":[\"a\",\"b\"]}}",
            Specialization.DATA_COLLECTION, "{\"dcfg:datc\":{\"rn\":\"dc\",\"mgd\":1021,\"cntp\":\"/in-cse/in-name/ae1/cnt1\","
                    + "\"rpsc\":[{\"sce\":[\"0 0 * * * * *\"]}],\"meil\":60}}",
            Specialization.AUTHENTICATION_PROFILE, "{\"dcfg:authp\":{\"rn\":\"ap\",\"mgd\":1022,\"suid\":12,\"tlscs\":[174,49320],"
                    + "\"skid\":\"k1@maf.example.com\",\"dc\":\"pre-provisioned key for SAEF\"}}",
            Specialization.MY_CERT_FILE_CRED, "{\"dcfg:nycfc\":{\"rn\":\"cert\",\"mgd\":1023,\"suids\":[42],"
                    + "\"mcff\":\"application/pkcs7-mime\",\"mcfc\":\"MIIBszCCAVmgAwIBAgIU\"}}",
            Specialization.TRUST_ANCHOR_CRED, "{\"dcfg:tac\":{\"rn\":\"ta\",\"mgd\":1024,\"cfp\":\"sha-256;Qz7Y0\",\"uri\":\"https://ca.example.com/root.pem\"}}",
            Specialization.MAF_CLIENT_REG_CFG, "{\"dcfg:mafcr\":{\"rn\":\"maf\",\"mgd\":1025,\"fqdn\":\"maf.example.com\","
                    + "\"adfq\":\"admin.example.com\",\"hprt\":8443,\"cprt\":5684}}",
            Specialization.MEF_CLIENT_REG_CFG, "{\"dcfg:mefcr\":{\"rn\":\"mef\",\"mgd\":1026,\"fqdn\":\"mef.example.com\","
                    + "\"adfq\":\"admin.example.com\",\"wsprt\":443}}");

    private final TreeFixture tree = new TreeFixture();
    private String nodeRi;

    @Before
    public void givenADeviceNode() {
        nodeRi = ri(tree.createNode("dev1"));
    }

    @Test
    public void everySpecializationRoundTripsThroughCreateAndRetrieve() {
        for (Map.Entry<Specialization, String> example : EXAMPLES.entrySet()) {
            ResponsePrimitive created = tree.createMo("dev1", example.getValue());
            String ri = ri(created);
            JsonObject sent = JsonParser.parseString(example.getValue()).getAsJsonObject()
                    .getAsJsonObject(example.getKey().shortName());
            ResponsePrimitive retrieved = tree.retrieve("/in-cse/" + ri);
            assertEquals(OK, retrieved.status());
            JsonObject body = JsonParser.parseString(retrieved.content()).getAsJsonObject();
            assertEquals("wrapped in " + example.getKey().shortName(), 1, body.size());
            JsonObject got = body.getAsJsonObject(example.getKey().shortName());
            for (Map.Entry<String, JsonElement> attribute : sent.entrySet()) {
                assertEquals(example.getKey() + "." + attribute.getKey(), attribute.getValue(), got.get(attribute.getKey()));
            }
            assertEquals(13, got.get("ty").getAsInt());
            assertEquals(nodeRi, got.get("pi").getAsString());
            assertEquals("20300101T000000", got.get("ct").getAsString());
            assertEquals(got.get("ct"), got.get("lt"));
            assertEquals(attributes(created), got);
        }
        assertEquals(7, tree.engine.mgmtObjsOf(nodeRi).size());
    }

    @Test
    public void structuredAndUnstructuredAddressesReachTheSameResource_TS0001_9_3_1() {
        String ri = ri(tree.createMo("dev1", EXAMPLES.get(Specialization.MEF_CLIENT_REG_CFG)));
        assertEquals(tree.retrieve(CSE + "/dev1/mef").content(), tree.retrieve("/in-cse/" + ri).content());
        assertEquals(tree.retrieve(CSE + "/dev1/mef").content(), tree.retrieve("/~/in-cse/in-name/dev1/mef").content());
    }

    @Test
    public void theContentLocationOfACreatedResourceIsItsSpRelativeResourceId() {
        ResponsePrimitive another = tree.createMo("dev1", EXAMPLES.get(Specialization.TRUST_ANCHOR_CRED));
        assertEquals("Content-Location is the SP-relative resource ID", "/in-cse/" + ri(another), another.location());
    }

    @Test
    public void theCseBaseAnswersWithItsIdentity() {
        JsonObject cb = attributes(tree.retrieve(CSE));
        assertEquals("/in-cse", cb.get("csi").getAsString());
        assertEquals("in-name", cb.get("rn").getAsString());
        assertEquals(5, cb.get("ty").getAsInt());
        assertEquals(OK, tree.retrieve("/in-cse").status());
    }

    @Test
    public void withRcn4ANodesChildrenAreListedAsRepresentations_TS0001_8_1_2() {
        String mef = ri(tree.createMo("dev1", EXAMPLES.get(Specialization.MEF_CLIENT_REG_CFG)));
        String ta = ri(tree.createMo("dev1", EXAMPLES.get(Specialization.TRUST_ANCHOR_CRED)));
        JsonObject withChildren = attributes(tree.retrieve(CSE + "/dev1", 4));
        assertEquals(mef, withChildren.getAsJsonArray("dcfg:mefcr").get(0).getAsJsonObject().get("ri").getAsString());
        assertEquals(ta, withChildren.getAsJsonArray("dcfg:tac").get(0).getAsJsonObject().get("ri").getAsString());
    }

    @Test
    public void withRcn5AResourcesChildrenAreListedAsReferences_TS0001_8_1_2() {
        String mef = ri(tree.createMo("dev1", EXAMPLES.get(Specialization.MEF_CLIENT_REG_CFG)));
        String ta = ri(tree.createMo("dev1", EXAMPLES.get(Specialization.TRUST_ANCHOR_CRED)));
        List<String> references = refs(attributes(tree.retrieve(CSE + "/dev1", 5)).getAsJsonArray("ch"));
        assertEquals(List.of(mef, ta).stream().sorted().collect(Collectors.toList()), references);
        assertEquals(List.of(nodeRi), refs(attributes(tree.retrieve(CSE, 5)).getAsJsonArray("ch")));
    }

    @Test
    public void withRcn6ANodesChildReferencesAreTheWholeAnswer_TS0001_8_1_2() {
        String mef = ri(tree.createMo("dev1", EXAMPLES.get(Specialization.MEF_CLIENT_REG_CFG)));
        String ta = ri(tree.createMo("dev1", EXAMPLES.get(Specialization.TRUST_ANCHOR_CRED)));
        List<String> references = List.of(mef, ta).stream().sorted().collect(Collectors.toList());
        JsonObject rrl = JsonParser.parseString(tree.retrieve(CSE + "/dev1", 6).content()).getAsJsonObject().getAsJsonObject("m2m:rrl");
        assertEquals(references, refs(rrl.getAsJsonArray("rrf")));
    }

    private static List<String> refs(com.google.gson.JsonArray array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false)
                .map(e -> e.getAsJsonObject().get("val").getAsString()).sorted().collect(Collectors.toList());
    }

    @Test
    public void anUpdateChangesOnlyWhatItNames_TS0004_7_3_3_2() {
        ResponsePrimitive updated = updateTheMafConfigurationFiveSecondsLater();
        assertEquals(UPDATED, updated.status());
        JsonObject now = attributes(tree.retrieve(CSE + "/dev1/maf"));
        assertEquals(9443, now.get("hprt").getAsInt());
        assertEquals("maf.example.com", now.get("fqdn").getAsString());
        assertEquals("20300101T000005", now.get("lt").getAsString());
        assertEquals("20300101T000000", now.get("ct").getAsString());
        assertEquals(attributes(updated), now);
    }

    @Test
    public void nullInAnUpdateDeletesAnOptionalAttribute_TS0004_7_3_3_2() {
        updateTheMafConfigurationFiveSecondsLater();
        JsonObject now = attributes(tree.retrieve(CSE + "/dev1/maf"));
        assertFalse(now.has("cprt"));
    }

    /** Creates the MAFClientRegCfg example, then 5 s later sets hprt and lbl and deletes cprt with null. */
    private ResponsePrimitive updateTheMafConfigurationFiveSecondsLater() {
        ri(tree.createMo("dev1", EXAMPLES.get(Specialization.MAF_CLIENT_REG_CFG)));
        tree.clock.advance(Duration.ofSeconds(5));
        return tree.update(CSE + "/dev1/maf", "{\"dcfg:mafcr\":{\"hprt\":9443,\"cprt\":null,\"lbl\":[\"x\"]}}");
    }

    @Test
    public void symmKeyValueIsNeverRetrieved() {
        createAProfileWithSymmKeyValue();
        assertFalse(attributes(tree.retrieve(CSE + "/dev1/ap")).has("skv"));
        assertFalse(attributes(tree.retrieve(CSE + "/dev1", 4)).getAsJsonArray("dcfg:authp").get(0).getAsJsonObject().has("skv"));
    }

    @Test
    public void symmKeyValueReachesTheEnrolmentFunctions() {
        String ri = createAProfileWithSymmKeyValue();
        assertEquals("AAECAwQFBgc=", tree.engine.mgmtObj(ri).orElseThrow().stringAttribute("symmKeyValue").orElseThrow());
    }

    /** An authenticationProfile "ap" under dev1 carrying a symmKeyValue; its resource ID. */
    private String createAProfileWithSymmKeyValue() {
        return ri(tree.createMo("dev1", "{\"dcfg:authp\":{\"rn\":\"ap\",\"mgd\":1022,\"suid\":12,\"skid\":\"k1@maf.example.com\",\"skv\":\"AAECAwQFBgc=\"}}"));
    }

    @Test
    public void linksAreOfferedToConsumersAsResourceIds() {
        String mef = ri(tree.createMo("dev1", EXAMPLES.get(Specialization.MEF_CLIENT_REG_CFG)));
        String profile = ri(tree.createMo("dev1", "{\"dcfg:authp\":{\"rn\":\"ap\",\"mgd\":1022,\"suid\":22,\"mkrd\":\"P30D\","
                + "\"cmlk\":[{\"nm\":\"mefCfg\",\"typ\":1026,\"val\":\"" + CSE + "/dev1/mef\"}]}}"));
        String reg = ri(tree.createMo("dev1", "{\"dcfg:regn\":{\"mgd\":1020,\"csi\":\"/in-cse\","
                + "\"cmlk\":[{\"nm\":\"authProfile\",\"typ\":1022,\"val\":\"" + profile + "\"}]}}"));
        assertEquals(List.of(new MgmtLink("mefCfg", 1026, mef)), tree.engine.mgmtObj(profile).orElseThrow().links());
        assertEquals(List.of(new MgmtLink("authProfile", 1022, profile)), tree.engine.mgmtObj(reg).orElseThrow().links());
    }

    /** TS-0003 8.3.9.9.2's "parent MO node": the MOs whose links name a profile, by resourceID or by either address form. */
    @Test
    public void theMosLinkingToOneAreFoundWhateverFormTheirLinkTakes_8_3_9_9_2() {
        String profile = ri(tree.createMo("dev1", "{\"dcfg:authp\":{\"rn\":\"ap\",\"mgd\":1022,\"suid\":22,\"mkrd\":\"P30D\"}}"));
        String other = ri(tree.createMo("dev1", "{\"dcfg:authp\":{\"rn\":\"ap2\",\"mgd\":1022,\"suid\":22,\"mkrd\":\"P30D\"}}"));
        String byId = ri(tree.createMo("dev1", "{\"dcfg:regn\":{\"rn\":\"r1\",\"mgd\":1020,\"csi\":\"/in-cse\","
                + "\"cmlk\":[{\"nm\":\"authProfile\",\"typ\":1022,\"val\":\"" + profile + "\"}]}}"));
        String byStructuredPath = ri(tree.createMo("dev1", "{\"dcfg:datc\":{\"rn\":\"dc1\",\"mgd\":1021,\"cntp\":\"/in-cse/in-name/ae1/cnt1\","
                + "\"cmlk\":[{\"nm\":\"authProfile\",\"typ\":1022,\"val\":\"" + CSE + "/dev1/ap\"}]}}"));
        String byUnstructuredPath = ri(tree.createMo("dev1", "{\"dcfg:regn\":{\"rn\":\"r2\",\"mgd\":1020,\"csi\":\"/in-cse\","
                + "\"cmlk\":[{\"nm\":\"authProfile\",\"typ\":1022,\"val\":\"/in-cse/" + profile + "\"}]}}"));
        ri(tree.createMo("dev1", "{\"dcfg:regn\":{\"rn\":\"r3\",\"mgd\":1020,\"csi\":\"/in-cse\","
                + "\"cmlk\":[{\"nm\":\"authProfile\",\"typ\":1022,\"val\":\"" + other + "\"}]}}"));
        assertEquals(Set.of(byId, byStructuredPath, byUnstructuredPath), tree.engine.mgmtObjsLinkingTo(profile).stream()
                .map(MgmtObj::resourceId).collect(Collectors.toSet()));
        assertEquals(List.of(), tree.engine.mgmtObjsLinkingTo("no-such-resource"));
    }

    @Test
    public void createdUpdatedAndDeletedAreReportedAfterCommitInCommitOrder() {
        String ri = createUpdateAndDeleteTheMefConfiguration();
        assertEquals(List.of(MgmtObjEvent.Kind.CREATED, MgmtObjEvent.Kind.UPDATED, MgmtObjEvent.Kind.DELETED),
                tree.events.stream().map(MgmtObjEvent::kind).collect(Collectors.toList()));
        MgmtObjEvent updated = tree.events.get(1);
        assertTrue(tree.events.get(0).sequence() < updated.sequence() && updated.sequence() < tree.events.get(2).sequence());
        assertTrue(tree.engine.mgmtObj(ri).isEmpty());
    }

    @Test
    public void anUpdateIsReportedWithThePreviousRepresentation() {
        String ri = createUpdateAndDeleteTheMefConfiguration();
        MgmtObjEvent updated = tree.events.get(1);
        assertEquals(ri, updated.mgmtObj().resourceId());
        assertEquals(Specialization.MEF_CLIENT_REG_CFG, updated.mgmtObj().specialization());
        assertEquals(Long.valueOf(8080), updated.mgmtObj().longAttribute("httpPort").orElseThrow());
        assertFalse(updated.previous().orElseThrow().attribute("httpPort").isPresent());
        assertEquals("mef.example.com", updated.previous().orElseThrow().stringAttribute("fqdn").orElseThrow());
    }

    /** Creates the MEFClientRegCfg example, sets its httpPort, deletes it; its resource ID. */
    private String createUpdateAndDeleteTheMefConfiguration() {
        String ri = ri(tree.createMo("dev1", EXAMPLES.get(Specialization.MEF_CLIENT_REG_CFG)));
        assertEquals(UPDATED, tree.update(CSE + "/dev1/mef", "{\"dcfg:mefcr\":{\"hprt\":8080}}").status());
        assertEquals(DELETED, tree.delete(CSE + "/dev1/mef").status());
        return ri;
    }

    @Test
    public void deletingANodeDeletesItsMgmtObjsInOneWrite() {
        int writes = deleteANodeWithTwoMgmtObjs();
        assertEquals(writes + 1, tree.store.writes.get());
        assertEquals(0, tree.engine.size());
    }

    @Test
    public void deletingANodeReportsEachOfItsMgmtObjsAsDeleted() {
        deleteANodeWithTwoMgmtObjs();
        assertEquals(2, tree.events.stream().filter(e -> e.kind() == MgmtObjEvent.Kind.DELETED).count());
    }

    /** Gives dev1 two mgmtObjs, forgets the events so far and deletes dev1; the store's write count before the delete. */
    private int deleteANodeWithTwoMgmtObjs() {
        ri(tree.createMo("dev1", EXAMPLES.get(Specialization.MEF_CLIENT_REG_CFG)));
        ri(tree.createMo("dev1", EXAMPLES.get(Specialization.TRUST_ANCHOR_CRED)));
        int writes = tree.store.writes.get();
        tree.events.clear();
        assertEquals(DELETED, tree.delete(CSE + "/dev1").status());
        return writes;
    }

    @Test
    public void aResourceWhoseExpirationTimePassesIsGoneAtOnce() {
        String ri = aMefConfigurationExpiringInTenMinutes();
        tree.clock.advance(Duration.ofMinutes(10));
        assertEquals("unusable at once, before any sweep", NOT_FOUND, tree.retrieve("/in-cse/" + ri).status());
        assertTrue(tree.engine.mgmtObj(ri).isEmpty());
    }

    @Test
    public void anExpiredResourceIsReportedAsExpiredWhenSwept() {
        String ri = aMefConfigurationExpiringInTenMinutes();
        tree.clock.advance(Duration.ofMinutes(10));
        assertEquals(1, tree.engine.expireDue());
        assertEquals(1, tree.events.size());
        assertEquals(MgmtObjEvent.Kind.EXPIRED, tree.events.get(0).kind());
        assertEquals(ri, tree.events.get(0).mgmtObj().resourceId());
        assertEquals("a second sweep finds nothing", 0, tree.engine.expireDue());
    }

    @Test
    public void anExpiredMefClientRegCfgMayBeReplacedByANewOne() {
        aMefConfigurationExpiringInTenMinutes();
        tree.clock.advance(Duration.ofMinutes(10));
        assertEquals(1, tree.engine.expireDue());
        assertEquals("a new MEFClientRegCfg may take the expired one's place", CREATED,
                tree.createMo("dev1", EXAMPLES.get(Specialization.MEF_CLIENT_REG_CFG)).status());
    }

    /** The MEFClientRegCfg example with an expirationTime 10 minutes ahead, not due yet, events forgotten; its resource ID. */
    private String aMefConfigurationExpiringInTenMinutes() {
        String et = TreeFixture.et(TreeFixture.T0.plus(Duration.ofMinutes(10)));
        String ri = ri(tree.createMo("dev1", EXAMPLES.get(Specialization.MEF_CLIENT_REG_CFG).replace("\"mgd\"", "\"et\":\"" + et + "\",\"mgd\"")));
        tree.events.clear();
        assertEquals(0, tree.engine.expireDue());
        return ri;
    }

    @Test
    public void whenANodeExpiresItsMgmtObjsExpireWithIt() {
        String et = TreeFixture.et(TreeFixture.T0.plus(Duration.ofMinutes(1)));
        ri(tree.create(CSE, 14, "{\"m2m:nod\":{\"rn\":\"dev2\",\"ni\":\"urn:dev:2\",\"et\":\"" + et + "\"}}"));
        String ri = ri(tree.createMo("dev2", EXAMPLES.get(Specialization.TRUST_ANCHOR_CRED)));
        tree.events.clear();
        tree.clock.advance(Duration.ofMinutes(2));
        assertTrue(tree.engine.allMgmtObjs().stream().noneMatch(m -> m.resourceId().equals(ri)));
        assertEquals(2, tree.engine.expireDue());
        assertEquals(List.of(MgmtObjEvent.Kind.EXPIRED), tree.events.stream().map(MgmtObjEvent::kind).collect(Collectors.toList()));
    }

    @Test
    public void aListenerCatchesUpFromAllMgmtObjs() {
        ri(tree.createMo("dev1", EXAMPLES.get(Specialization.MEF_CLIENT_REG_CFG)));
        ri(tree.createNode("dev2"));
        ri(tree.createMo("dev2", EXAMPLES.get(Specialization.MEF_CLIENT_REG_CFG)));
        List<MgmtObj> all = tree.engine.allMgmtObjs();
        assertEquals(2, all.size());
        assertTrue(all.stream().allMatch(m -> m.specialization() == Specialization.MEF_CLIENT_REG_CFG));
    }
}
