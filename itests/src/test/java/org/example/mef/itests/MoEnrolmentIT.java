package org.example.mef.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.example.mef.api.EnrolmentStatus;
import org.example.mef.api.MefAdministration;
import org.example.mef.api.MefClient;
import org.example.mef.api.MefClientConfig;
import org.example.mef.api.MefClientFactory;
import org.example.mef.api.MefException;
import org.example.mef.api.MoState;
import org.example.onem2m.itests.Await;
import org.example.onem2m.itests.Framework;
import org.example.onem2m.itests.ItestOptions;
import org.example.onem2m.itests.Onem2mHttp;
import org.example.onem2m.itests.Onem2mHttp.Answer;
import org.example.tef.api.Hex;
import org.example.tef.client.DistributedKey;
import org.junit.After;
import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.ConfigurationAdmin;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Device configuration drives enrolment (issue 13), end to end in a real framework (Felix; Equinox in itests-equinox): TS-0022 {@code <mgmtObj>}s
 * created over the oneM2M HTTP binding (TS-0009) make the device's MEF Client (the {@code EnrolmentEngine}, PID
 * {@value #DEVICE_PID}) run MEF Client Registration (TS-0003 8.3.4.2) and Key Registration (8.3.4.3, 8.3.9.9.4) against
 * a MEF over TLS-PSK, and the Key Identifier comes back into the tree as the profile's symmKeyID.
 * <p>
 * One container holds both sides: the infrastructure (the MEF, PID {@value #MEF_PID}, its registry, stakeholder and
 * Kpms) and the device (the resource tree, PID {@value #TREE_PID}, and the EnrolmentEngine), talking over TLS on
 * loopback. Device and MEF in separate frameworks or processes are still to come. Everything is configured through
 * Configuration Admin, once per container.
 * <p>
 * The tests share the device's enrolment (a MEF Client Registration of one client for one stakeholder is refused a
 * second time), so they run in name order: the key is established (and checked) before the profile is deleted.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class MoEnrolmentIT {
    static final String MEF_PID = MefConfigurations.MEF_PID;
    static final String MEF_STAKEHOLDER_FACTORY_PID = MefConfigurations.MEF_STAKEHOLDER_FACTORY_PID;
    static final String MEF_PSK_FACTORY_PID = MefConfigurations.MEF_PSK_FACTORY_PID;
    static final String STORE_FACTORY_PID = MefConfigurations.STORE_FACTORY_PID;
    static final String TREE_PID = "org.example.mgmtobj";
    static final String DEVICE_PID = "org.example.mef.device";

    static final String MEF = MefConfigurations.MEF;
    static final String SP = MefConfigurations.SP;
    static final String ADMIN = "CAdmin";
    static final int TY_MGMT_OBJ = 13;
    static final int TY_NODE = 14;
    /** The device whose tree is configured, and the second Enrolee, the Target of the device's key (the registration's Registrar CSE). */
    static final MefScenarioIT.Credential DEVICE = new MefScenarioIT.Credential("//sp.example.com/cse-device", "device-kpm@" + MEF,
            "606162636465666768696a6b6c6d6e6f");
    static final MefScenarioIT.Credential TARGET = new MefScenarioIT.Credential("//sp.example.com/cse-target", "target-kpm@" + MEF,
            "707172737475767778797a7b7c7d7e7f");
    static final int SUID_MEF_REGISTRATION = 22;
    static final long TLS_PSK_WITH_AES_128_CBC_SHA256 = 0x00AE;
    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(30); // TLS round trips in a cold container on a busy machine

    /** The enrolled device of the first test, kept for the next ones (one container per class). */
    private static Enrolled enrolled;
    private static boolean enrolmentTried;

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    private int mefPort;
    private Onem2mHttp http;
    private final List<MefClient> made = new ArrayList<>();

    @Configuration
    public Option[] config() {
        return ItestOptions.container();
    }

    /** The MEF (stores, stakeholder, Kpms first, the server last), the tree and the device's EnrolmentEngine; then waits until both answer. */
    @Before
    public void configureTheMefAndTheDevice() throws IOException, InvalidSyntaxException {
        if (configurationAdmin.listConfigurations("(service.pid=" + MEF_PID + ")") == null) {
            java.nio.file.Path root = Framework.newDirectory("mo-enrolment-itest-");
            MefConfigurations.configureMef(configurationAdmin, root, List.of(DEVICE.clientId, TARGET.clientId), List.of(DEVICE, TARGET),
                    java.util.Map.of());

            Hashtable<String, Object> tree = new Hashtable<>();
            tree.put("cseId", "in-cse");
            tree.put("cseName", "in-name");
            tree.put("adminOriginators", new String[] {ADMIN});
            tree.put("dataDirectory", java.nio.file.Files.createDirectories(root.resolve("tree-data")).toString());
            configurationAdmin.getConfiguration(TREE_PID, "?").update(tree);

            Hashtable<String, Object> device = new Hashtable<>();
            device.put("clientId", DEVICE.clientId);
            device.put("kpmId", DEVICE.keyId);
            device.put("kpm", DEVICE.keyHex);
            device.put("stateDirectory", root.resolve("device-state").toString());
            device.put("mefHost", "127.0.0.1");
            device.put("cseId", "in-cse");
            device.put("adminOriginator", ADMIN);
            device.put("firstRetryMillis", 100L);
            device.put("maxRetryMillis", 1_000L);
            configurationAdmin.getConfiguration(DEVICE_PID, "?").update(device);
        }
        mefPort = ((Number) configurationAdmin.getConfiguration(MEF_PID, "?").getProperties().get("port")).intValue();
        http = new Onem2mHttp(Integer.parseInt(context.getProperty(ItestOptions.HTTP_PORT)));
        assertEquals("2000", http.awaitCseBase(ADMIN, READY_TIMEOUT).rsc);
        service(EnrolmentStatus.class);
        awaitMefAnswers();
    }

    @After
    public void closeTheTestsClients() {
        made.forEach(MefClient::close);
        made.clear();
    }

    /** What the first test created: the MOs' resource IDs and the profile's path. */
    static final class Enrolled {
        final String cfgRi, profileRi, profilePath, keyIdentifier;

        Enrolled(String cfgRi, String profileRi, String profilePath, String keyIdentifier) {
            this.cfgRi = cfgRi;
            this.profileRi = profileRi;
            this.profilePath = profilePath;
            this.keyIdentifier = keyIdentifier;
        }
    }

    /**
     * TS-0003 8.3.4.2 and 8.3.4.3 with 8.3.9.9.2/8.3.9.9.4, driven over HTTP: a {@code <node>}, its MEFClientRegCfg (the
     * MEF's FQDN and HTTP port), an authenticationProfile (SUID 22, keyRegDuration, TLSCiphersuites with 0x00AE,
     * mgmtLink to the MEFClientRegCfg) and a registration linking to the profile whose Registrar CSE-ID is the second
     * Enrolee. The device registers with the MEF, registers a key for that Enrolee, and writes its Key Identifier to the
     * profile's symmKeyID; the Enrolee retrieves the key.
     */
    @Test
    public void creatingMefClientRegCfgAndAProfileOverHttpRegistersTheClientAndAKeyAtTheMef_8_3_4_2_8_3_4_3() throws Exception {
        Enrolled device = enrol();

        MoState cfgState = status().state(device.cfgRi).orElseThrow();
        assertTrue("the MEFClientRegCfg's result is its MEFClientRegID: " + cfgState, cfgState.result().isPresent());
        String regId = cfgState.result().get();
        JsonObject client = mefClient(DEVICE.clientId);
        assertTrue("the MEF knows the device's registration " + regId + ": " + client,
                client.getAsJsonArray("registrations").toString().contains("\"" + regId + "\""));

        assertTrue("a Key Identifier of this MEF: " + device.keyIdentifier, device.keyIdentifier.endsWith("@" + MEF));
        Answer profile = http.retrieve(ADMIN, device.profilePath);
        assertEquals(profile.toString(), "2000", profile.rsc);
        JsonObject authp = profile.json().getAsJsonObject("dcfg:authp");
        assertEquals("the profile shows the Key Identifier (8.3.4.3): " + authp, device.keyIdentifier,
                Optional.ofNullable(authp.get("skid")).map(e -> e.getAsString()).orElse(null));
        assertEquals("the symmKeyID write changed nothing else", 22, authp.get("suid").getAsInt());

        MefClient target = newClient(TARGET);
        String targetReg = target.register(SP, Instant.now().plus(Duration.ofHours(1)), List.of("itest")).registrationId;
        try {
            DistributedKey key = target.retrieveKey(device.keyIdentifier);
            assertEquals("the device is the key's Source", DEVICE.clientId, key.sourceClientId);
            assertEquals("the registration's Registrar CSE-ID is the Target (8.3.9.9.4)", List.of(TARGET.clientId), key.targetIds);
            assertEquals(SUID_MEF_REGISTRATION, key.suid);
            assertEquals(List.of("itest"), key.labels);
            assertTrue("keyRegDuration PT1H: expires within the hour, not later: " + key.expirationTime,
                    key.expirationTime.isBefore(Instant.now().plus(Duration.ofMinutes(61))));
        } finally {
            target.deregister(targetReg); // so that a later registration of the Target is not refused as a second one
        }
    }

    /**
     * TS-0003 8.3.4.3: deleting the profile de-registers its key (8.3.5.2.10). Before the DELETE the key exists (a client
     * without registration is refused for that, not with 4004); after it, the MEF does not know the Key Identifier.
     */
    @Test
    public void deletingTheProfileDeRegistersItsKey_8_3_4_3() throws Exception {
        Enrolled device = enrol();
        MefException before = expectRefusal(newClient(TARGET), device.keyIdentifier);
        assertNotEquals("the key exists before the DELETE: " + before, 4004, before.rsc());

        Answer deleted = http.delete(ADMIN, device.profilePath);
        assertEquals(deleted.toString(), "2002", deleted.rsc);
        MoState s = awaitState(device.profileRi, st -> st.state() == MoState.State.DONE && st.result().orElse("").contains("de-registered"));
        assertTrue(s.toString(), s.result().get().contains(device.keyIdentifier));

        MefException after = expectRefusal(newClient(TARGET), device.keyIdentifier);
        assertEquals("the MEF no longer knows " + device.keyIdentifier + ": " + after, 4004, after.rsc());
    }

    /**
     * TS-0003 8.3.9.9.2: an authenticationProfile with SUID 22 whose mgmtLink names no MEFClientRegCfg is
     * MO_NODE_INCONSISTENT_CONFIG (304); nothing is registered and no symmKeyID is written.
     */
    @Test
    public void aProfileWithoutItsMefClientRegCfgIsInconsistentConfig_8_3_9_9_2() {
        String device = "dev-inconsistent";
        createNode(device);
        String parent = Onem2mHttp.CSE_BASE + "/" + device;
        String profileRi = createMo(parent, "dcfg:authp", "{\"dcfg:authp\":{\"rn\":\"ap\",\"mgd\":1022,\"suid\":" + SUID_MEF_REGISTRATION
                + ",\"mkrd\":\"PT1H\",\"tlscs\":[" + TLS_PSK_WITH_AES_128_CBC_SHA256 + "]}}");
        createMo(parent, "dcfg:regn", "{\"dcfg:regn\":{\"rn\":\"reg\",\"mgd\":1020,\"csi\":\"" + TARGET.clientId + "\","
                + "\"cmlk\":[{\"nm\":\"authProfile\",\"typ\":1022,\"val\":\"" + profileRi + "\"}]}}");

        MoState s = awaitState(profileRi, st -> st.state() == MoState.State.FAILED);
        assertEquals(s.toString(), 304, s.statusCode());
        assertTrue(s.toString(), s.reason().orElse("").contains("MEFClientRegCfg"));
        Answer profile = http.retrieve(ADMIN, parent + "/ap");
        assertEquals(profile.toString(), "2000", profile.rsc);
        assertTrue("no symmKeyID: " + profile.body, !profile.json().getAsJsonObject("dcfg:authp").has("skid"));
    }

    /** The MOs of the first test, created once per container, and the DONE states of the cfg and the profile. */
    private Enrolled enrol() {
        if (enrolled != null) return enrolled;
        if (enrolmentTried) throw new AssertionError("the enrolment of an earlier test in this container failed");
        enrolmentTried = true;
        String device = "dev-enrolled";
        createNode(device);
        String parent = Onem2mHttp.CSE_BASE + "/" + device;
        String cfgRi = createMo(parent, "dcfg:mefcr", "{\"dcfg:mefcr\":{\"rn\":\"mefcfg\",\"mgd\":1026,\"fqdn\":\"" + MEF + "\",\"adfq\":\"" + SP
                + "\",\"hprt\":" + mefPort + "}}");
        String profileRi = createMo(parent, "dcfg:authp", "{\"dcfg:authp\":{\"rn\":\"ap\",\"mgd\":1022,\"suid\":" + SUID_MEF_REGISTRATION
                + ",\"mkrd\":\"PT1H\",\"mkrl\":[\"itest\"],\"tlscs\":[" + TLS_PSK_WITH_AES_128_CBC_SHA256 + "],"
                + "\"cmlk\":[{\"nm\":\"mefCfg\",\"typ\":1026,\"val\":\"" + cfgRi + "\"}]}}");
        createMo(parent, "dcfg:regn", "{\"dcfg:regn\":{\"rn\":\"reg\",\"mgd\":1020,\"csi\":\"" + TARGET.clientId + "\","
                + "\"cmlk\":[{\"nm\":\"authProfile\",\"typ\":1022,\"val\":\"" + profileRi + "\"}]}}");

        MoState cfg = awaitState(cfgRi, s -> s.state() == MoState.State.DONE);
        assertEquals("MEFClientRegCfg", cfg.specialization());
        MoState profile = awaitState(profileRi, s -> s.state() == MoState.State.DONE);
        assertEquals("authenticationProfile", profile.specialization());
        enrolled = new Enrolled(cfgRi, profileRi, parent + "/ap", profile.result().orElseThrow());
        return enrolled;
    }

    /** Waits until the MO's state satisfies the condition; a FAILED state that does not is reported at once. */
    private MoState awaitState(String ri, java.util.function.Predicate<MoState> condition) {
        return Await.until("the EnrolmentStatus of " + ri, PROCESSING_TIMEOUT, () -> {
            MoState s = status().state(ri).orElse(null);
            if (s != null && s.state() == MoState.State.FAILED && !condition.test(s)) throw new AssertionError("FAILED: " + s);
            return s != null && condition.test(s) ? s : null;
        }, () -> String.valueOf(status().states()));
    }

    private static MefException expectRefusal(MefClient client, String keyIdentifier) {
        try {
            client.retrieveKey(keyIdentifier);
        } catch (MefException e) {
            return e;
        }
        throw new AssertionError("the Key Retrieval of " + keyIdentifier + " by " + client.clientId() + " succeeded without a registration");
    }

    private void createNode(String rn) {
        Answer node = http.create(ADMIN, Onem2mHttp.CSE_BASE, TY_NODE, "{\"m2m:nod\":{\"rn\":\"" + rn + "\",\"ni\":\"urn:dev:" + rn + "\"}}");
        assertEquals(node.toString(), "2001", node.rsc);
    }

    private String createMo(String parent, String wrapper, String body) {
        Answer created = http.create(ADMIN, parent, TY_MGMT_OBJ, body);
        assertEquals(created.toString(), "2001", created.rsc);
        return created.json().getAsJsonObject(wrapper).get("ri").getAsString();
    }

    /** The MEF's view of one Enrolee (MefAdministration.clients). */
    private JsonObject mefClient(String clientId) {
        List<String> all = service(MefAdministration.class).clients();
        return all.stream().map(s -> JsonParser.parseString(s).getAsJsonObject()).filter(o -> clientId.equals(o.get("mefClientID").getAsString()))
                .findFirst().orElseThrow(() -> new AssertionError("the MEF does not know " + clientId + ": " + all));
    }

    private EnrolmentStatus status() {
        return service(EnrolmentStatus.class);
    }

    private MefClient newClient(MefScenarioIT.Credential c) {
        MefClient client = service(MefClientFactory.class).create(MefClientConfig.withPsk(MEF, "127.0.0.1", mefPort, c.clientId, c.keyId,
                Hex.decode(c.keyHex)));
        made.add(client);
        return client;
    }

    private <S> S service(Class<S> type) { return Framework.service(context, type, READY_TIMEOUT); }

    /** Until the MEF answers over TLS: a Key Retrieval of a key nobody registered is 4004. */
    private void awaitMefAnswers() {
        String[] last = {"nothing yet"};
        Await.until("the MEF on 127.0.0.1:" + mefPort + " to answer", READY_TIMEOUT, () -> {
            MefClient probe = service(MefClientFactory.class).create(MefClientConfig.withPsk(MEF, "127.0.0.1", mefPort, TARGET.clientId,
                    TARGET.keyId, Hex.decode(TARGET.keyHex)));
            try {
                probe.retrieveKey("00000000000000000000000000000000@" + MEF);
                return Boolean.TRUE;
            } catch (MefException e) {
                last[0] = e.rsc() + " " + e.getMessage();
                return e.rsc() != 0 ? Boolean.TRUE : null;
            } finally {
                probe.close();
            }
        }, () -> last[0]);
    }
}
