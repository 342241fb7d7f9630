package org.example.mef.impl.commands;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.example.mef.impl.commands.CommandArgs.CertProv;
import org.example.mef.impl.commands.CommandArgs.CertProvProtocol;
import org.example.mef.impl.commands.CommandArgs.CertSubjectType;
import org.example.mef.impl.commands.CommandArgs.DevCfg;
import org.example.mef.impl.commands.CommandArgs.DevMgmt;
import org.example.mef.impl.commands.CommandArgs.MoNode;
import org.example.mef.impl.commands.CommandArgs.NoMoreCommands;
import org.example.mef.impl.commands.CommandArgs.ObjectType;
import org.junit.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The enumerations and complex types of TS-0003 12.3.2 and 12.4.4 to 12.4.10, and their JSON. */
public class CommandDataTypesTest {
    static final CommandDescription CERT_PROV = CommandDescription.of(new CertProv(CertProvProtocol.EST,
            URI.create("https://mef.example.com/.well-known/est"), CertSubjectType.CSE_ID, "/cse-1"));

    private static CommandDescription read(String json) {
        return CommandDescription.fromJson(JsonParser.parseString(json).getAsJsonObject());
    }

    private static String refusal(String json) {
        return assertThrows(IllegalArgumentException.class, () -> read(json)).getMessage();
    }

    @Test
    public void cmdClassIdsAreThoseOfTable_12_3_2_3() {
        assertEquals(CommandClass.NO_MORE_COMMANDS, CommandClass.of(0));
        assertEquals(CommandClass.MO_NODE, CommandClass.of(3));
        assertEquals(2, CommandClass.DEV_CFG.code());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CommandClass.of(4)).getMessage().contains("cmdClassID 4"));
    }

    @Test
    public void theMefAssignsIssuedAndReissuedAndTheClientTheRest_8_3_9_5_1() {
        for (CommandStatus s : CommandStatus.values()) {
            boolean mef = s == CommandStatus.ISSUED || s == CommandStatus.REISSUED;
            assertEquals(s.name(), mef ? CommandStatus.Side.MEF : CommandStatus.Side.MEF_CLIENT, s.assignedBy());
            assertEquals(s.name(), !mef, s.isFinal());
            assertEquals(s, CommandStatus.of(s.code()));
        }
        assertEquals(17, CommandStatus.values().length);
        assertEquals(CommandStatus.MO_NODE_EXECUTION_ERROR, CommandStatus.of(305));
        assertEquals("MEF_CLIENT_CMD_REPEATED_CMD_ID", CommandStatus.of(40).specName());
        assertThrows(IllegalArgumentException.class, () -> CommandStatus.of(12));
    }

    @Test
    public void eachStatusCodeAppliesToTheClassesOfTable_8_3_9_5_1() {
        assertTrue(CommandStatus.BAD_ARGUMENTS.appliesTo(CommandClass.NO_MORE_COMMANDS));
        assertFalse(CommandStatus.UNACCEPTABLE_ARGUMENTS.appliesTo(CommandClass.NO_MORE_COMMANDS));
        assertTrue(CommandStatus.UNACCEPTABLE_ARGUMENTS.appliesTo(CommandClass.MO_NODE));
        assertTrue(CommandStatus.CERT_PROV_SERVER_ERROR.appliesTo(CommandClass.CERT_PROV));
        assertFalse(CommandStatus.CERT_PROV_SERVER_ERROR.appliesTo(CommandClass.DEV_CFG));
        assertFalse(CommandStatus.MO_NODE_NOT_FOUND.appliesTo(CommandClass.CERT_PROV));
        assertEquals(4, CommandStatus.OK.classes().size());
    }

    @Test
    public void aCertProvDescriptionRoundTripsThroughJson_12_4_7() {
        JsonObject json = CERT_PROV.toJson();
        assertEquals("{\"cmdClassID\":1,\"cmdArgs\":{\"certProvCmdArgs\":{\"certProvProtocolID\":1,"
                + "\"URI\":\"https://mef.example.com/.well-known/est\",\"certSubjectType\":2,\"certSubjectID\":\"/cse-1\"}}}", json.toString());
        assertEquals(CERT_PROV, CommandDescription.fromJson(json));
    }

    @Test
    public void aDevCfgCommandCarriesADeviceConfigUri_12_4_8() {
        CommandDescription d = read("{\"cmdClassID\":2,\"cmdArgs\":{\"devCfgCmdArgs\":{\"deviceConfigURI\":\"3:coaps://mef.example.com:5684/dm\"}}}");
        DevCfg args = (DevCfg) d.args();
        assertEquals(DevMgmt.OMA_LWM2M, args.devMgmt());
        assertEquals("mef.example.com", args.uri().getHost());
        assertEquals("3:coaps://mef.example.com:5684/dm", d.toJson().getAsJsonObject("cmdArgs").getAsJsonObject("devCfgCmdArgs").get("deviceConfigURI").getAsString());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DevCfg.parse("https://mef.example.com")).getMessage().contains("<devMgmtID>:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DevCfg.parse("7:https://mef.example.com")).getMessage().contains("devMgmtID 7"));
    }

    @Test
    public void anAuthenticationProfileMoNodeCarriesItsSuid_8_3_9_9_1() {
        CommandDescription d = CommandDescription.of(new MoNode("./oneM2M/authProfile/1", ObjectType.AUTHENTICATION_PROFILE, 22), "//sp.example.com/cse-1");
        String json = d.toJson().toString();
        assertTrue(json, json.contains("\"objectTypeSpecificArgs\":{\"suid\":22}"));
        assertEquals(d, CommandDescription.fromJson(d.toJson()));
        assertEquals(Optional.of("//sp.example.com/cse-1"), CommandDescription.fromJson(d.toJson()).targetId());
        // the name as table 12.4.9-1 spells it is read too
        CommandDescription tabled = read("{\"cmdClassID\":3,\"cmdArgs\":{\"MONodeCmdArgs\":{\"objectPath\":\"./a\",\"objectTypeID\":1,"
                + "\"objectTypeSpecifcArgs\":{\"suid\":41}}}}");
        assertEquals(Integer.valueOf(41), ((MoNode) tabled.args()).suid());
    }

    @Test
    public void anMoNodeCommandIsRefusedWithoutItsSpecificArgsOrWithUnwantedOnes_8_3_9_9_1() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MoNode("./a", ObjectType.AUTHENTICATION_PROFILE, null))
                .getMessage().contains("SUID"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MoNode("./a", ObjectType.TRUST_ANCHOR_CRED, 22))
                .getMessage().contains("no objectTypeSpecificArgs"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MoNode("./a", ObjectType.AUTHENTICATION_PROFILE, 10))
                .getMessage().contains("SUID 10"));
        assertEquals(ObjectType.MAF_CLIENT_REG_CFG, new MoNode("./b", ObjectType.of(3), null).objectType());
    }

    @Test
    public void retryDurationIsAnXsDurationOfFixedLength_12_4_6() {
        assertEquals(Duration.ofHours(1), NoMoreCommands.parse("PT1H").retryDuration());
        assertEquals(Duration.ofHours(36), NoMoreCommands.parse("P1DT12H").retryDuration());
        assertEquals(Duration.ofMillis(1500), NoMoreCommands.parse("PT1.5S").retryDuration());
        assertEquals("PT36H", NoMoreCommands.parse("P1DT12H").toJson().get("retryDuration").getAsString());
        for (String bad : new String[] {"P1M", "P1Y", "PT", "P", "1H", "PT-1H", "-PT1H", "P1DT"}) {
            assertThrows(bad, IllegalArgumentException.class, () -> NoMoreCommands.parse(bad));
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NoMoreCommands.parse("PT0S")).getMessage().contains("longer than zero"));
    }

    @Test
    public void badValuesAreRefusedWithAMessageNamingTheElement_12_4() {
        assertTrue(refusal("{\"cmdClassID\":1,\"cmdArgs\":{\"certProvCmdArgs\":{\"certProvProtocolID\":3,\"URI\":\"https://m.example\","
                + "\"certSubjectType\":2,\"certSubjectID\":\"/c\"}}}").contains("certProvProtocolID 3"));
        assertTrue(refusal("{\"cmdClassID\":1,\"cmdArgs\":{\"certProvCmdArgs\":{\"certProvProtocolID\":1,\"URI\":\"/est\","
                + "\"certSubjectType\":2,\"certSubjectID\":\"/c\"}}}").contains("absolute URI"));
        assertTrue(refusal("{\"cmdClassID\":1,\"cmdArgs\":{\"certProvCmdArgs\":{\"certProvProtocolID\":1,\"URI\":\"https://m.example\","
                + "\"certSubjectType\":4,\"certSubjectID\":\"/c\"}}}").contains("certSubjectType 4"));
        assertTrue(refusal("{\"cmdClassID\":2,\"cmdArgs\":{\"certProvCmdArgs\":{}}}").contains("devCfgCmdArgs"));
        assertTrue(refusal("{\"cmdClassID\":0,\"cmdArgs\":{\"noMoreCmdArgs\":{\"retryDuration\":\"PT1H\",\"retry\":1}}}").contains("unknown element 'retry'"));
        assertTrue(refusal("{\"cmdClassID\":0}").contains("missing element 'cmdArgs'"));
        assertTrue(refusal("{\"cmdClassID\":\"0\",\"cmdArgs\":{}}").contains("whole number"));
        assertTrue(refusal("{\"cmdClassID\":0,\"cmdArgs\":{\"noMoreCmdArgs\":{\"retryDuration\":\"PT1H\"}},\"targetID\":\"\"}").contains("targetID"));
    }

    @Test
    public void targetIdIsOptional_8_3_9_4() {
        CommandDescription d = read("{\"cmdClassID\":0,\"cmdArgs\":{\"noMoreCmdArgs\":{\"retryDuration\":\"PT10M\"}}}");
        assertEquals(Optional.empty(), d.targetId());
        assertFalse(d.toJson().has("targetID"));
        assertEquals(Duration.ofMinutes(10), ((NoMoreCommands) d.args()).retryDuration());
    }
}
