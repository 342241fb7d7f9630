package org.example.mgmtobj.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.Test;

/** The declarative table of TS-0022 specializations agrees with TS-0004, ACME and itself. */
public class SpecializationTableTest {

    @Test
    public void theSevenSpecializationsCarryTheirMgd_TS0004_6_3_4_2_22() {
        Map<Integer, String> expected = Map.of(1020, "registration", 1021, "dataCollection", 1022, "authenticationProfile",
                1023, "myCertFileCred", 1024, "trustAnchorCred", 1025, "MAFClientRegCfg", 1026, "MEFClientRegCfg");
        assertEquals(7, Specialization.values().length);
        for (Map.Entry<Integer, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), Specialization.byMgd(e.getKey()).orElseThrow().longName());
        }
    }

    @Test
    public void everyResourceShortNameIsInTheDcfgNamespace() {
        for (Specialization s : Specialization.values()) {
            assertTrue(s.shortName(), s.shortName().startsWith("dcfg:"));
        }
    }

    @Test
    public void everyResourceShortNameIsUnique() {
        Set<String> names = new HashSet<>();
        for (Specialization s : Specialization.values()) {
            assertTrue("duplicate " + s.shortName(), names.add(s.shortName()));
        }
    }

    @Test
    public void everyResourceShortNameFindsItsSpecialization() {
        for (Specialization s : Specialization.values()) {
            assertEquals(s, Specialization.byShortName(s.shortName()).orElseThrow());
        }
    }

    @Test
    public void noSpecializationReusesAShortNameOfTheCommonAttributes() {
        Set<String> common = Specialization.COMMON_ATTRIBUTES.stream().map(AttributeSpec::shortName).collect(Collectors.toSet());
        for (Specialization s : Specialization.values()) {
            for (AttributeSpec a : s.attributes()) {
                assertFalse(s + " reuses common short name " + a.shortName(), common.contains(a.shortName()));
            }
        }
    }

    @Test
    public void noSpecializationRepeatsAnAttributeShortName() {
        for (Specialization s : Specialization.values()) {
            Set<String> own = new HashSet<>();
            for (AttributeSpec a : s.attributes()) {
                assertTrue(s + " repeats " + a.shortName(), own.add(a.shortName()));
            }
        }
    }

    @Test
    public void theShortNamesAcmeConfirmsAreNotProvisional() {
        assertEquals("dcfg:datc", Specialization.DATA_COLLECTION.shortName());
        assertEquals("dcfg:nycfc", Specialization.MY_CERT_FILE_CRED.shortName());
        for (String confirmed : List.of("cntp", "rpsc", "mesc", "meil")) {
            assertFalse(Specialization.DATA_COLLECTION.attributeByShortName(confirmed).orElseThrow().provisional());
        }
        for (String confirmed : List.of("suids", "mcff", "mcfc")) {
            assertFalse(Specialization.MY_CERT_FILE_CRED.attributeByShortName(confirmed).orElseThrow().provisional());
        }
    }

    @Test
    public void theShortNamesAcmeDoesNotConfirmAreProvisional() {
        for (Specialization s : List.of(Specialization.REGISTRATION, Specialization.AUTHENTICATION_PROFILE,
                Specialization.TRUST_ANCHOR_CRED, Specialization.MAF_CLIENT_REG_CFG, Specialization.MEF_CLIENT_REG_CFG)) {
            assertTrue(s + " resource name is provisional", s.provisional());
            assertTrue(s.attributes().stream().allMatch(AttributeSpec::provisional));
        }
    }

    @Test
    public void theClientRegistrationConfigurationsMirrorSecClientRegCfg_12_4_2() {
        for (Specialization s : List.of(Specialization.MAF_CLIENT_REG_CFG, Specialization.MEF_CLIENT_REG_CFG)) {
            assertEquals(List.of("fqdn", "adminFQDN", "httpPort", "coapPort", "websocketPort"),
                    s.attributes().stream().map(AttributeSpec::longName).collect(Collectors.toList()));
            assertEquals(Optionality.M, s.attributeByLongName("fqdn").orElseThrow().create());
            assertEquals(Optionality.M, s.attributeByLongName("adminFQDN").orElseThrow().create());
            assertEquals(AttributeType.PORT, s.attributeByLongName("httpPort").orElseThrow().type());
            assertTrue(s.atMostOnePerNode());
        }
    }

    @Test
    public void theLinkGraphIsTheOneTs0003Expects_8_3_9_9() {
        assertTrue(Specialization.REGISTRATION.mayLinkTo(Specialization.AUTHENTICATION_PROFILE));
        assertTrue(Specialization.DATA_COLLECTION.mayLinkTo(Specialization.AUTHENTICATION_PROFILE));
        assertTrue(Specialization.AUTHENTICATION_PROFILE.mayLinkTo(Specialization.MEF_CLIENT_REG_CFG));
        assertTrue(Specialization.AUTHENTICATION_PROFILE.mayLinkTo(Specialization.TRUST_ANCHOR_CRED));
        assertFalse(Specialization.TRUST_ANCHOR_CRED.mayLinkTo(Specialization.AUTHENTICATION_PROFILE));
        assertFalse(Specialization.AUTHENTICATION_PROFILE.mayLinkTo(Specialization.AUTHENTICATION_PROFILE));
    }

    @Test(expected = IllegalArgumentException.class)
    public void askingForAnAttributeThatDoesNotExistFailsLoudly() {
        Specialization.MEF_CLIENT_REG_CFG.shortNameOf("fdqn");
    }

    @Test
    public void myCertFileCredAcceptsM2mNycfcAsAnInputAlias() {
        assertEquals(List.of("m2m:nycfc"), Specialization.MY_CERT_FILE_CRED.inputAliases());
        assertEquals(Specialization.MY_CERT_FILE_CRED, Specialization.byInputName("m2m:nycfc").orElseThrow());
        assertTrue("an alias is for input only", Specialization.byShortName("m2m:nycfc").isEmpty());
    }

    @Test
    public void noInputAliasIsAnotherSpecializationsName() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Specialization s : Specialization.values()) names.add(s.shortName());
        for (Specialization s : Specialization.values()) {
            for (String alias : s.inputAliases()) assertTrue("alias " + alias + " of " + s + " is used twice", names.add(alias));
        }
    }

    @Test
    public void everyShortNameIsAlsoAnInputName() {
        for (Specialization s : Specialization.values()) assertEquals(s, Specialization.byInputName(s.shortName()).orElseThrow());
    }

    /** The name look-ups are tables made once; each must answer what a search of the declarations in order answers. */
    @Test
    public void everyShortNameAndInputAliasFindsTheFirstSpecializationDeclaringIt() {
        Set<String> names = new HashSet<>(List.of("m2m:nod", "dcfg:unknown", "", "DCFG:DATC"));
        for (Specialization s : Specialization.values()) {
            names.add(s.shortName());
            names.addAll(s.inputAliases());
        }
        for (String name : names) {
            assertEquals(name, java.util.Arrays.stream(Specialization.values()).filter(s -> s.shortName().equals(name)).findFirst(),
                    Specialization.byShortName(name));
            assertEquals(name, java.util.Arrays.stream(Specialization.values())
                    .filter(s -> s.shortName().equals(name) || s.inputAliases().contains(name)).findFirst(),
                    Specialization.byInputName(name));
        }
    }
}
