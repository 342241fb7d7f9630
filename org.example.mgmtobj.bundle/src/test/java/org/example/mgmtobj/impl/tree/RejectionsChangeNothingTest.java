package org.example.mgmtobj.impl.tree;

import org.example.onem2m.primitive.RequestPrimitive;

import org.example.onem2m.primitive.Operation;

import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;

import static org.example.onem2m.primitive.ResponseStatusCode.*;
import static org.example.mgmtobj.impl.tree.TreeFixture.CSE;
import static org.example.mgmtobj.impl.tree.TreeFixture.ri;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.Before;
import org.junit.Test;

/**
 * Every bad request gets a oneM2M status code and a message that says what is wrong, and changes nothing:
 * no write to the store, no event, the tree as it was.
 */
public class RejectionsChangeNothingTest {
    private static final String MEF_CFG = "{\"dcfg:mefcr\":{\"rn\":\"mefcfg\",\"mgd\":1026,\"fqdn\":\"mef.example.com\",\"adfq\":\"admin.example.com\"}}";
    private static final String MAF_WITH_PORT =
            "{\"dcfg:mafcr\":{\"mgd\":1025,\"fqdn\":\"maf.example.com\",\"adfq\":\"admin.example.com\",\"hprt\":%d}}";
    private static final String MAF_CFG = "{\"dcfg:mafcr\":{\"mgd\":1025,\"fqdn\":\"maf.example.com\",\"adfq\":\"admin.example.com\"}}";
    private final TreeFixture tree = new TreeFixture();
    private String mefCfgRi;

    @Before
    public void givenADeviceNodeWithAnMefClientRegCfg() {
        ri(tree.createNode("dev1"));
        ri(tree.createNode("dev2"));
        mefCfgRi = ri(tree.createMo("dev1", MEF_CFG));
    }

    @Test
    public void malformedJsonIsRefused() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:tac\": {\"mgd\": 1024,"), BAD_REQUEST, "not valid JSON");
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{'dcfg:tac': {mgd: 1024, cfp: 'x'}}"), BAD_REQUEST, "not valid JSON");
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:tac\":{\"mgd\":1024,\"cfp\":\"ab\"}} trailing"), BAD_REQUEST, "not valid JSON");
    }

    @Test
    public void aRepeatedMemberNameIsRefused_TS0004_8_4_2() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:tac\":{\"mgd\":1024,\"cfp\":\"ab\",\"cfp\":\"cd\"}}"),
                BAD_REQUEST, "appears twice");
    }

    @Test
    public void contentThatIsNotOneWrappedResourceIsRefused_TS0004_8_4_2() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "[1,2]"), BAD_REQUEST, "single member");
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:tac\":{},\"dcfg:datc\":{}}"), BAD_REQUEST, "single member");
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:tac\":42}"), BAD_REQUEST, "must hold a JSON object");
    }

    @Test
    public void aCreateWithoutContentIsRefused() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1", ""), BAD_REQUEST, "no content");
    }

    @Test
    public void anUnknownAttributeNameIsRefusedWithTheNamesItAccepts() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1",
                "{\"dcfg:mafcr\":{\"mgd\":1025,\"fqnd\":\"maf.example.com\",\"adfq\":\"admin.example.com\"}}"),
                BAD_REQUEST, "unknown attribute 'fqnd' for a MAFClientRegCfg; it accepts");
        tree.refusedWithoutChange(() -> tree.createMo("dev1",
                "{\"dcfg:tac\":{\"mgd\":1024,\"cfp\":\"ab\",\"acpi\":[\"x\"]}}"), BAD_REQUEST, "unknown attribute 'acpi'");
    }

    @Test
    public void aLongAttributeNameIsRefusedWithAPointerToItsShortName_TS0004_8_4_2() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1",
                "{\"dcfg:mefcr\":{\"mgd\":1026,\"fqdn\":\"m.example.com\",\"adminFQDN\":\"a.example.com\"}}"), BAD_REQUEST,
                "oneM2M JSON uses short names, send 'adfq' for adminFQDN");
    }

    @Test
    public void aValueOfTheWrongTypeIsRefused() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1",
                "{\"dcfg:mafcr\":{\"mgd\":1025,\"fqdn\":\"maf.example.com\",\"adfq\":\"admin.example.com\",\"hprt\":\"443\"}}"),
                BAD_REQUEST, "'hprt' (httpPort) must be a port number");
        tree.refusedWithoutChange(() -> tree.createMo("dev1",
                "{\"dcfg:datc\":{\"mgd\":1021,\"cntp\":\"/in-cse/cnt1\",\"meil\":-5}}"), BAD_REQUEST, "must be a positive integer");
        tree.refusedWithoutChange(() -> tree.createMo("dev1",
                "{\"dcfg:authp\":{\"mgd\":1022,\"suid\":12,\"mkrd\":\"one hour\"}}"), BAD_REQUEST, "xs:duration");
        tree.refusedWithoutChange(() -> tree.createMo("dev1",
                "{\"dcfg:authp\":{\"mgd\":1022,\"suid\":12,\"skv\":\"not base64!\"}}"), BAD_REQUEST, "base64");
        tree.refusedWithoutChange(() -> tree.createMo("dev1",
                "{\"dcfg:authp\":{\"mgd\":1022,\"suid\":12,\"tlscs\":[174, 70000]}}"), BAD_REQUEST, "cipher-suite");
        tree.refusedWithoutChange(() -> tree.createMo("dev1",
                "{\"dcfg:tac\":{\"mgd\":1024,\"cfp\":\"ab\",\"lbl\":\"not-a-list\"}}"), BAD_REQUEST, "a list of strings");
        tree.refusedWithoutChange(() -> tree.createMo("dev1",
                "{\"dcfg:tac\":{\"mgd\":1024,\"cfp\":\"ab\",\"et\":\"tomorrow\"}}"), BAD_REQUEST, "m2m:timestamp");
    }

    @Test
    public void aPortAbove65535IsRefused_12_4_2() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1", String.format(MAF_WITH_PORT, 65536)), BAD_REQUEST, "port number from 0 to 65535");
    }

    @Test
    public void aPortAboveTheUnsignedByteRangeIsAccepted_12_4_2() {
        ri(tree.createMo("dev1", String.format(MAF_WITH_PORT, 8443)));
    }

    @Test
    public void anFqdnThatIsNotADomainNameIsRefused() {
        tree.refusedWithoutChange(() -> tree.createMo("dev2",
                "{\"dcfg:mefcr\":{\"mgd\":1026,\"fqdn\":\"https://mef.example.com/\",\"adfq\":\"admin.example.com\"}}"),
                BAD_REQUEST, "fully qualified domain name");
    }

    @Test
    public void aMissingMandatoryAttributeOfASpecializationIsRefused_12_4_2() {
        tree.refusedWithoutChange(() -> tree.createMo("dev2", "{\"dcfg:mefcr\":{\"mgd\":1026,\"fqdn\":\"mef.example.com\"}}"),
                BAD_REQUEST, "missing mandatory attribute 'adfq' (adminFQDN)");
    }

    @Test
    public void aMissingMgmtDefinitionIsRefused_TS0004_7_4_15_1() {
        tree.refusedWithoutChange(() -> tree.createMo("dev2", "{\"dcfg:mefcr\":{\"fqdn\":\"mef.example.com\",\"adfq\":\"a.example.com\"}}"),
                BAD_REQUEST, "missing mandatory attribute 'mgd' (mgmtDefinition)");
    }

    @Test
    public void aNodeWithoutNodeIdIsRefused() {
        tree.refusedWithoutChange(() -> tree.create(CSE, 14, "{\"m2m:nod\":{\"rn\":\"dev3\"}}"),
                BAD_REQUEST, "missing mandatory attribute 'ni' (nodeID)");
    }

    @Test
    public void attributesTheCseSetsMayNotBeSentInACreate_TS0004_7_4_15_1() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:tac\":{\"mgd\":1024,\"cfp\":\"ab\",\"ri\":\"mine\"}}"),
                BAD_REQUEST, "'ri' (resourceID) may not be set in the CREATE");
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:tac\":{\"mgd\":1024,\"cfp\":\"ab\",\"ct\":\"20300101T000000\"}}"),
                BAD_REQUEST, "may not be set in the CREATE");
    }

    @Test
    public void commonAttributesThatAreNotUpdatableAreRefusedInAnUpdate_TS0004_7_4_15_1() {
        tree.refusedWithoutChange(() -> tree.update(CSE + "/dev1/mefcfg", "{\"dcfg:mefcr\":{\"mgd\":1025}}"),
                BAD_REQUEST, "'mgd' (mgmtDefinition) may not be set in the UPDATE");
        tree.refusedWithoutChange(() -> tree.update(CSE + "/dev1/mefcfg", "{\"dcfg:mefcr\":{\"rn\":\"renamed\"}}"),
                BAD_REQUEST, "'rn' (resourceName) may not be set in the UPDATE");
    }

    @Test
    public void myCertFileContentIsRefusedInAnUpdate() {
        ri(tree.createMo("dev1", "{\"dcfg:nycfc\":{\"rn\":\"cert\",\"mgd\":1023,\"suids\":[42],\"mcff\":\"application/pkcs7-mime\",\"mcfc\":\"MIIB\"}}"));
        tree.refusedWithoutChange(() -> tree.update(CSE + "/dev1/cert", "{\"dcfg:nycfc\":{\"mcfc\":\"MIIC\"}}"),
                BAD_REQUEST, "'mcfc' (myCertFileContent) may not be set in the UPDATE");
    }

    @Test
    public void aMandatoryAttributeCannotBeDeletedWithNull_TS0004_7_3_3_2() {
        tree.refusedWithoutChange(() -> tree.update(CSE + "/dev1/mefcfg", "{\"dcfg:mefcr\":{\"fqdn\":null}}"),
                BAD_REQUEST, "mandatory and cannot be deleted");
    }

    @Test
    public void anEmptyUpdateIsRefused() {
        tree.refusedWithoutChange(() -> tree.update(CSE + "/dev1/mefcfg", "{\"dcfg:mefcr\":{}}"), BAD_REQUEST, "no attribute to change");
    }

    @Test
    public void anExpirationTimeInThePastIsRefusedInACreate() {
        String past = TreeFixture.et(TreeFixture.T0.minus(Duration.ofMinutes(1)));
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:tac\":{\"mgd\":1024,\"cfp\":\"ab\",\"et\":\"" + past + "\"}}"),
                BAD_REQUEST, "is not in the future");
    }

    @Test
    public void anExpirationTimeInThePastIsRefusedInAnUpdate() {
        String past = TreeFixture.et(TreeFixture.T0.minus(Duration.ofMinutes(1)));
        tree.refusedWithoutChange(() -> tree.update(CSE + "/dev1/mefcfg", "{\"dcfg:mefcr\":{\"et\":\"" + past + "\"}}"),
                BAD_REQUEST, "is not in the future");
    }

    @Test
    public void anExpirationTimeOfNowIsRefusedInAnUpdate() {
        String now = TreeFixture.et(TreeFixture.T0);
        tree.refusedWithoutChange(() -> tree.update(CSE + "/dev1/mefcfg", "{\"dcfg:mefcr\":{\"et\":\"" + now + "\"}}"),
                BAD_REQUEST, "is not in the future");
    }

    @Test
    public void aSecondMefClientRegCfgUnderOneNodeIsAConflict_TS0001_9_6_18() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1", MEF_CFG.replace("mefcfg", "other")), CONFLICT,
                "already has a MEFClientRegCfg (" + mefCfgRi + ")");
    }

    @Test
    public void aSecondMafClientRegCfgUnderOneNodeIsAConflict_TS0001_9_6_18() {
        ri(tree.createMo("dev1", MAF_CFG));
        tree.refusedWithoutChange(() -> tree.createMo("dev1", MAF_CFG), CONFLICT, "already has a MAFClientRegCfg");
    }

    @Test
    public void anotherNodeMayHaveItsOwnMafClientRegCfg_TS0001_9_6_18() {
        ri(tree.createMo("dev1", MAF_CFG));
        ri(tree.createMo("dev2", MAF_CFG));
    }

    @Test
    public void aSiblingWithTheSameNameIsAConflict_TS0001_9_3_1() {
        tree.refusedWithoutChange(() -> tree.createNode("dev1"), CONFLICT, "a resource named 'dev1' already exists");
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:tac\":{\"rn\":\"mefcfg\",\"mgd\":1024,\"cfp\":\"ab\"}}"),
                CONFLICT, "'mefcfg' already exists");
    }

    @Test
    public void aLinkToAResourceThatDoesNotExistIsRefused() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:regn\":{\"mgd\":1020,\"cmlk\":[{\"nm\":\"authProfile\",\"typ\":1022,\"val\":\"mgo000000000000\"}]}}"),
                BAD_REQUEST, "mgmtLink 'authProfile' refers to mgo000000000000, which does not exist");
    }

    @Test
    public void aLinkWhoseTypDoesNotMatchItsTargetIsRefused_TS0004_6_3_5_24() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:authp\":{\"mgd\":1022,\"suid\":22,\"mkrd\":\"PT1H\","
                + "\"cmlk\":[{\"typ\":1025,\"val\":\"" + mefCfgRi + "\"}]}}"),
                BAD_REQUEST, "says typ 1025 but " + mefCfgRi + " is a MEFClientRegCfg (mgd 1026)");
    }

    @Test
    public void aLinkBetweenSpecializationsTheGraphDoesNotAllowIsRefused_8_3_9_9() {
        String tac = ri(tree.createMo("dev1", "{\"dcfg:tac\":{\"mgd\":1024,\"cfp\":\"ab\"}}"));
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:regn\":{\"mgd\":1020,\"cmlk\":[{\"typ\":1024,\"val\":\"" + tac + "\"}]}}"),
                BAD_REQUEST, "a registration cannot link a trustAnchorCred");
    }

    @Test
    public void aLinkToAnotherNodesResourceIsRefused() {
        String otherNodesProfile = ri(tree.createMo("dev2", "{\"dcfg:authp\":{\"mgd\":1022,\"suid\":12,\"skid\":\"k1@maf.example.com\"}}"));
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:regn\":{\"mgd\":1020,\"cmlk\":[{\"nm\":\"authProfile\",\"typ\":1022,\"val\":\""
                + otherNodesProfile + "\"}]}}"), BAD_REQUEST, "belongs to another <node>");
    }

    @Test
    public void theSuid31ThatTs0003UsesIsRefusedAsTs0004DoesNotListIt_TS0004_6_3_4_2_39() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:authp\":{\"mgd\":1022,\"suid\":31}}"),
                BAD_REQUEST, "one of the SUIDs of TS-0004 table 6.3.4.2.39-1");
    }

    @Test
    public void aSuidThatTs0004DoesNotListIsRefused_TS0004_6_3_4_2_39() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:authp\":{\"mgd\":1022,\"suid\":99}}"), BAD_REQUEST, "SUIDs");
    }

    @Test
    public void aSuidsListWithASuidThatTs0004DoesNotListIsRefused_TS0004_6_3_4_2_39() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1",
                "{\"dcfg:nycfc\":{\"mgd\":1023,\"suids\":[99],\"mcff\":\"application/pkcs7-mime\",\"mcfc\":\"MIIB\"}}"), BAD_REQUEST, "SUIDs");
    }

    @Test
    public void anEmptySuidsListIsRefused() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1",
                "{\"dcfg:nycfc\":{\"mgd\":1023,\"suids\":[],\"mcff\":\"application/pkcs7-mime\",\"mcfc\":\"MIIB\"}}"), BAD_REQUEST, "non-empty list");
    }

    @Test
    public void measurementScheduleTogetherWithMeasurementIntervalIsRefusedInACreate() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:datc\":{\"mgd\":1021,\"cntp\":\"/in-cse/cnt1\","
                + "\"mesc\":{\"sce\":[\"* * * * * * *\"]},\"meil\":60}}"), BAD_REQUEST, "not both");
    }

    /** A dataCollection "dc" under dev1 with a measurementInterval. */
    private void givenADataCollectionWithAnInterval() {
        ri(tree.createMo("dev1", "{\"dcfg:datc\":{\"rn\":\"dc\",\"mgd\":1021,\"cntp\":\"/in-cse/cnt1\",\"meil\":60}}"));
    }

    @Test
    public void aMeasurementScheduleAddedToAMeasurementIntervalIsRefusedInAnUpdate() {
        givenADataCollectionWithAnInterval();
        tree.refusedWithoutChange(() -> tree.update(CSE + "/dev1/dc", "{\"dcfg:datc\":{\"mesc\":{\"sce\":[\"* * * * * * *\"]}}}"),
                BAD_REQUEST, "not both");
    }

    @Test
    public void anUpdateMayReplaceTheMeasurementIntervalByAMeasurementSchedule() {
        givenADataCollectionWithAnInterval();
        assertEquals(UPDATED, tree.update(CSE + "/dev1/dc", "{\"dcfg:datc\":{\"meil\":null,\"mesc\":{\"sce\":[\"* * * * * * *\"]}}}").status());
    }

    @Test
    public void anAuthenticationProfileLinkingAnMefClientRegCfgMayNotCarrySymmKeyValue_seed000_8_3_4_5() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:authp\":{\"mgd\":1022,\"suid\":22,\"mkrd\":\"PT1H\",\"skv\":\"AAECAw==\","
                + "\"cmlk\":[{\"typ\":1026,\"val\":\"" + mefCfgRi + "\"}]}}"), BAD_REQUEST, "may not carry symmKeyValue");
    }

    @Test
    public void symmKeyValueCannotBeSlippedIntoAProfileLinkingAnMefByALaterUpdate_seed000_8_3_4_5() {
        ri(tree.createMo("dev1", "{\"dcfg:authp\":{\"rn\":\"ap\",\"mgd\":1022,\"suid\":22,\"mkrd\":\"PT1H\","
                + "\"cmlk\":[{\"typ\":1026,\"val\":\"" + mefCfgRi + "\"}]}}"));
        tree.refusedWithoutChange(() -> tree.update(CSE + "/dev1/ap", "{\"dcfg:authp\":{\"skv\":\"AAECAw==\"}}"),
                BAD_REQUEST, "may not carry symmKeyValue");
    }

    @Test
    public void keyRegDurationCannotChangeInAProfileLinkingAnMef_seed000_8_3_4_3() {
        givenAProfileLinkingTheMef();
        tree.refusedWithoutChange(() -> tree.update(CSE + "/dev1/ap", "{\"dcfg:authp\":{\"mkrd\":\"PT2H\"}}"),
                BAD_REQUEST, "only expirationTime may change");
    }

    @Test
    public void keyRegLabelsCannotBeDeletedInAProfileLinkingAnMef_seed000_8_3_4_3() {
        givenAProfileLinkingTheMef();
        tree.refusedWithoutChange(() -> tree.update(CSE + "/dev1/ap", "{\"dcfg:authp\":{\"mkrl\":null}}"),
                BAD_REQUEST, "only expirationTime may change");
    }

    @Test
    public void expirationTimeMayChangeInAProfileLinkingAnMef_seed000_8_3_4_3() {
        givenAProfileLinkingTheMef();
        String later = TreeFixture.et(TreeFixture.T0.plus(Duration.ofDays(1)));
        assertEquals(UPDATED, tree.update(CSE + "/dev1/ap", "{\"dcfg:authp\":{\"et\":\"" + later + "\"}}").status());
    }

    @Test
    public void aLinkWhoseTypDoesNotMatchItsTargetNamesTheTargetsType() {
        String ap = ri(tree.createMo("dev1", "{\"dcfg:authp\":{\"rn\":\"ap\",\"mgd\":1022,\"suid\":22}}"));
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:datc\":{\"rn\":\"dc\",\"mgd\":1021,\"cntp\":\"/x\","
                + "\"cmlk\":[{\"typ\":1026,\"val\":\"" + ap + "\"}]}}"), BAD_REQUEST, "is an authenticationProfile (mgd 1022)");
    }

    /** TS-0003 8.3.8: a profile the MEF's key registration is made for "shall carry ... MAFKeyRegDuration". */
    @Test
    public void aProfileLinkingAnMefNeedsAKeyRegDuration_8_3_8() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:authp\":{\"rn\":\"ap\",\"mgd\":1022,\"suid\":22,"
                + "\"cmlk\":[{\"typ\":1026,\"val\":\"" + mefCfgRi + "\"}]}}"), BAD_REQUEST, "needs MAFKeyRegDuration (mkrd)");
        ri(tree.createMo("dev1", "{\"dcfg:authp\":{\"rn\":\"ap\",\"mgd\":1022,\"suid\":22}}"));
        tree.refusedWithoutChange(() -> tree.update(CSE + "/dev1/ap", "{\"dcfg:authp\":{\"cmlk\":[{\"typ\":1026,\"val\":\"" + mefCfgRi + "\"}]}}"),
                BAD_REQUEST, "needs MAFKeyRegDuration (mkrd)");
    }

    /** A black-box review found these accepted while mkrd was refused: the rule covers every attribute of the profile. */
    @Test
    public void noOtherAttributeNorTheLinkChangesInAProfileLinkingAnMef_seed000_8_3_4_3() {
        givenAProfileLinkingTheMef();
        for (String change : List.of("{\"suid\":21}", "{\"tlscs\":[175]}", "{\"mcfp\":\"abc\"}", "{\"rpki\":\"x\"}", "{\"cmlk\":null}")) {
            tree.refusedWithoutChange(() -> tree.update(CSE + "/dev1/ap", "{\"dcfg:authp\":" + change + "}"),
                    BAD_REQUEST, "only expirationTime may change");
        }
    }

    /** symmKeyID is what the device side writes once the MEF registered the profile's key (8.3.4.3); labels are no content. */
    @Test
    public void symmKeyIdAndLabelsMayChangeInAProfileLinkingAnMef_8_3_4_3() {
        givenAProfileLinkingTheMef();
        assertEquals(UPDATED, tree.update(CSE + "/dev1/ap", "{\"dcfg:authp\":{\"skid\":\"k1@mef.example.com\",\"lbl\":[\"x\"]}}").status());
    }

    /**
     * A link whose target was deleted since (or expired) does not make the linking MO impossible to update: a link the
     * UPDATE keeps as it was is not checked again; a new link to nothing still is.
     */
    @Test
    public void aProfileWhoseLinkedMefClientRegCfgWasDeletedCanStillBeUpdated() {
        givenAProfileLinkingTheMef();
        assertEquals(ResponseStatusCode.DELETED, tree.delete(CSE + "/dev1/mefcfg").status());
        String later = TreeFixture.et(TreeFixture.T0.plus(Duration.ofDays(1)));
        assertEquals(UPDATED, tree.update(CSE + "/dev1/ap", "{\"dcfg:authp\":{\"et\":\"" + later + "\",\"lbl\":[\"x\"]}}").status());
        ri(tree.createMo("dev1", "{\"dcfg:datc\":{\"rn\":\"dc\",\"mgd\":1021,\"cntp\":\"/x\"}}"));
        tree.refusedWithoutChange(() -> tree.update(CSE + "/dev1/dc", "{\"dcfg:datc\":{\"cmlk\":[{\"typ\":1026,\"val\":\"nothing\"}]}}"),
                BAD_REQUEST, "which does not exist");
    }

    /** An authenticationProfile "ap" under dev1 with keyRegDuration and keyRegLabels, linking the MEFClientRegCfg. */
    private void givenAProfileLinkingTheMef() {
        ri(tree.createMo("dev1", "{\"dcfg:authp\":{\"rn\":\"ap\",\"mgd\":1022,\"suid\":22,\"mkrd\":\"PT1H\",\"mkrl\":[\"a\"],"
                + "\"cmlk\":[{\"typ\":1026,\"val\":\"" + mefCfgRi + "\"}]}}"));
    }

    @Test
    public void anOriginatorThatIsNotAnAdminHasNoPrivilege() {
        tree.as("Cmallory");
        tree.refusedWithoutChange(() -> tree.createNode("dev9"), ORIGINATOR_HAS_NO_PRIVILEGE, "originator 'Cmallory' may not access");
        tree.refusedWithoutChange(() -> tree.retrieve(CSE + "/dev1/mefcfg"), ORIGINATOR_HAS_NO_PRIVILEGE, "admin originators");
        tree.refusedWithoutChange(() -> tree.delete(CSE + "/dev1"), ORIGINATOR_HAS_NO_PRIVILEGE, "admin originators");
    }

    @Test
    public void aRequestWithoutOriginatorIsRefused() {
        tree.as(null);
        tree.refusedWithoutChange(() -> tree.createNode("dev9"), BAD_REQUEST, "no originator");
    }

    @Test
    public void aMgmtObjIsCreatedOnlyUnderANode_TS0001_9_6_18() {
        tree.refusedWithoutChange(() -> tree.create(CSE, 13, MEF_CFG), INVALID_CHILD_RESOURCE_TYPE, "belongs under a <node>");
    }

    @Test
    public void aNodeCannotHaveANodeChild_TS0001_9_6_18() {
        tree.refusedWithoutChange(() -> tree.create(CSE + "/dev1", 14, "{\"m2m:nod\":{\"ni\":\"x\"}}"), INVALID_CHILD_RESOURCE_TYPE,
                "only a <mgmtObj> (ty=13)");
    }

    @Test
    public void aMgmtObjCannotHaveAMgmtObjChild_TS0004_7_4_15_1() {
        tree.refusedWithoutChange(() -> tree.create(CSE + "/dev1/mefcfg", 13, MEF_CFG), INVALID_CHILD_RESOURCE_TYPE, "cannot have child");
    }

    @Test
    public void aCreateWithResourceTypeZeroIsRefused() {
        tree.refusedWithoutChange(() -> tree.create(CSE, 0, "{\"m2m:nod\":{\"ni\":\"x\"}}"), INVALID_CHILD_RESOURCE_TYPE, "only a <node>");
    }

    @Test
    public void aCreateWithoutResourceTypeIsRefused() {
        tree.refusedWithoutChange(() -> tree.engine.handle(org.example.onem2m.primitive.RequestPrimitive.of(
                org.example.onem2m.primitive.Operation.CREATE, CSE).from(TreeFixture.ADMIN).content("{\"m2m:nod\":{\"ni\":\"x\"}}").build()),
                BAD_REQUEST, "must say the type");
    }

    @Test
    public void anUnsupportedSpecializationIsRefused() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"m2m:fwr\":{\"mgd\":1001,\"vr\":\"1.0\"}}"), BAD_REQUEST,
                "'m2m:fwr' is not a <mgmtObj> specialization this CSE supports; it supports dcfg:regn (registration, mgd 1020)");
    }

    @Test
    public void anMgdThatDoesNotMatchTheWrapperIsRefused_TS0004_6_3_4_2_22() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:tac\":{\"mgd\":1023,\"cfp\":\"ab\"}}"), BAD_REQUEST,
                "whose mgmtDefinition (mgd) is 1024, but the request says 1023");
    }

    @Test
    public void anUpdateMustNameTheResourcesOwnType() {
        tree.refusedWithoutChange(() -> tree.update(CSE + "/dev1/mefcfg", "{\"dcfg:mafcr\":{\"hprt\":80}}"), BAD_REQUEST,
                "is updated as {\"dcfg:mefcr\"");
    }

    @Test
    public void anAddressNotOnThisCseIsNotFound() {
        tree.refusedWithoutChange(() -> tree.retrieve("/other-cse/in-name"), NOT_FOUND, "is not on this CSE");
    }

    @Test
    public void anAddressWithoutResourceIsNotFound() {
        tree.refusedWithoutChange(() -> tree.retrieve(CSE + "/nosuch"), NOT_FOUND, "no resource at");
        tree.refusedWithoutChange(() -> tree.delete(CSE + "/dev1/nosuch"), NOT_FOUND, "no resource at");
        tree.refusedWithoutChange(() -> tree.retrieve("/in-cse/mgo000000000000"), NOT_FOUND, "no resource at");
    }

    @Test
    public void theCseBaseCannotBeDeleted() {
        tree.refusedWithoutChange(() -> tree.delete(CSE), OPERATION_NOT_ALLOWED, "cannot be deleted");
    }

    @Test
    public void theCseBaseCannotBeUpdated() {
        tree.refusedWithoutChange(() -> tree.update(CSE, "{\"m2m:cb\":{\"lbl\":[]}}"), OPERATION_NOT_ALLOWED, "cannot be updated");
    }

    @Test
    public void anUnsupportedResultContentIsRefused() {
        tree.refusedWithoutChange(() -> tree.retrieve(CSE + "/dev1", 7), BAD_REQUEST, "rcn) 7 is not supported");
    }

    @Test
    public void anIllegalResourceNameIsRefused() {
        tree.refusedWithoutChange(() -> tree.create(CSE, 14, "{\"m2m:nod\":{\"rn\":\"a b\",\"ni\":\"x\"}}"), BAD_REQUEST, "resourceName (rn) 'a b'");
    }

    @Test
    public void aDotSegmentIsNoResourceName_RFC3986_5_2_4() {
        // the container removes these segments from the path, so DELETE .../dev1/. would have deleted dev1
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:tac\":{\"rn\":\".\",\"mgd\":1024,\"cfp\":\"ab\"}}"),
                BAD_REQUEST, "resourceName (rn) '.' is a dot-segment");
        tree.refusedWithoutChange(() -> tree.create(CSE, 14, "{\"m2m:nod\":{\"rn\":\"..\",\"ni\":\"x\"}}"),
                BAD_REQUEST, "resourceName (rn) '..' is a dot-segment");
        assertEquals("a name that only starts with dots is a name", CREATED,
                tree.createMo("dev1", "{\"dcfg:tac\":{\"rn\":\"...\",\"mgd\":1024,\"cfp\":\"ab\"}}").status());
    }

    @Test
    public void aSemicolonIsNoPartOfAResourceName_Servlet_3_5() {
        // a container cuts a path segment at ';' (a path parameter), so DELETE .../dev1/a;b would have deleted dev1/a
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:tac\":{\"rn\":\"a;b\",\"mgd\":1024,\"cfp\":\"ab\"}}"),
                BAD_REQUEST, "resourceName (rn) 'a;b' must be 1 to 255 characters");
    }

    @Test
    public void aSymmetricKeyThatIsNotBase64IsRefusedWithoutRepeatingIt() {
        ResponsePrimitive refused = tree.refusedWithoutChange(() -> tree.createMo("dev1",
                "{\"dcfg:authp\":{\"mgd\":1022,\"suid\":12,\"skv\":\"hunter2 is my key!\"}}"), BAD_REQUEST, "base64 text");
        assertFalse(refused.content(), refused.content().contains("hunter2"));
        assertTrue(refused.content(), refused.content().contains("not repeated: it is secret"));
    }

    @Test
    public void anIntegerWrittenWithAFractionOrAnExponentIsRefused() {
        for (String port : List.of("8443.0", "8443.000", "8.443e3", "1e18")) {
            tree.refusedWithoutChange(() -> tree.createMo("dev1", String.format(
                    "{\"dcfg:mafcr\":{\"mgd\":1025,\"fqdn\":\"maf.example.com\",\"adfq\":\"admin.example.com\",\"hprt\":%s}}", port)),
                    BAD_REQUEST, "must be a port number from 0 to 65535, written without a fraction or an exponent");
        }
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:tac\":{\"mgd\":1024.0,\"cfp\":\"ab\"}}"),
                BAD_REQUEST, "mgmtDefinition");
        // a positive integer that was accepted as 1E+18 before: the exponent, not the size, is refused
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:datc\":{\"mgd\":1021,\"cntp\":\"/in-cse/c\",\"meil\":1e18}}"),
                BAD_REQUEST, "must be a positive integer, written without a fraction or an exponent");
        assertEquals(CREATED, tree.createMo("dev1", "{\"dcfg:datc\":{\"mgd\":1021,\"cntp\":\"/in-cse/c\",\"meil\":1000000000000000000}}").status());
    }

    @Test
    public void aNulCharacterIsRefusedInsideAListToo() {
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:tac\":{\"mgd\":1024,\"cfp\":\"ab\",\"lbl\":[\"a\\u0000b\"]}}"),
                BAD_REQUEST, "'lbl' contains a NUL character");
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:datc\":{\"mgd\":1021,\"cntp\":\"/in-cse/c\","
                + "\"rpsc\":[{\"sce\":[\"0 0 * * * * *\\u0000\"]}]}}"), BAD_REQUEST, "'rpsc' contains a NUL character");
        tree.refusedWithoutChange(() -> tree.createMo("dev1", "{\"dcfg:datc\":{\"mgd\":1021,\"cntp\":\"/in-cse/c\","
                + "\"rpsc\":[{\"sce\\u0000\":[\"0 0 * * * * *\"]}]}}"), BAD_REQUEST, "'rpsc' contains a NUL character");
    }

    @Test
    public void aDeleteWithAResultContentItCannotGiveIsRefused_TS0004_7_3_3_17() {
        tree.refusedWithoutChange(() -> tree.engine.handle(RequestPrimitive.of(Operation.DELETE, CSE + "/dev1").from(TreeFixture.ADMIN)
                .requestId("rq").resultContent(9).build()), BAD_REQUEST, "resultContent (rcn) 9 is not supported for a DELETE");
        assertEquals(OK, tree.retrieve(CSE + "/dev1/mefcfg").status());
        // refused for the same fault as before the rcn check: the target first, as for CREATE and UPDATE
        tree.refusedWithoutChange(() -> tree.engine.handle(RequestPrimitive.of(Operation.DELETE, CSE + "/nope").from(TreeFixture.ADMIN)
                .requestId("rq").resultContent(9).build()), NOT_FOUND, "no resource");
        tree.refusedWithoutChange(() -> tree.engine.handle(RequestPrimitive.of(Operation.DELETE, CSE).from(TreeFixture.ADMIN)
                .requestId("rq").resultContent(9).build()), OPERATION_NOT_ALLOWED, "cannot be deleted");
    }

    @Test
    public void anUpdateWhoseTyNamesAnotherTypeIsRefused_TS0009_6_4_2() {
        tree.refusedWithoutChange(() -> tree.engine.handle(RequestPrimitive.of(Operation.UPDATE, CSE + "/dev1/mefcfg").from(TreeFixture.ADMIN)
                .requestId("rq").resourceType(14).content("{\"dcfg:mefcr\":{\"lbl\":[\"x\"]}}").build()),
                BAD_REQUEST, "is a MEFClientRegCfg (ty 13), not ty 14 as the Content-Type says");
        assertEquals("the target's own ty is accepted", UPDATED, tree.engine.handle(RequestPrimitive.of(Operation.UPDATE, CSE + "/dev1/mefcfg")
                .from(TreeFixture.ADMIN).requestId("rq").resourceType(13).content("{\"dcfg:mefcr\":{\"lbl\":[\"x\"]}}").build()).status());
    }

    @Test
    public void aStoreFailureIsAnInternalErrorAndLeavesTheTreeAsItWas() {
        tree.store.failNextWrite = new IllegalStateException("disk full");
        tree.refusedWithoutChange(() -> tree.createNode("dev9"), INTERNAL_SERVER_ERROR, "nothing was changed");
        assertEquals(NOT_FOUND, tree.retrieve(CSE + "/dev9").status());
    }
}
