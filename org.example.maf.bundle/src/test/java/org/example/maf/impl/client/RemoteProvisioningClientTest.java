package org.example.maf.impl.client;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.example.maf.api.ClientRegistrationInfo;
import org.example.maf.api.KeyRegistrationRequest;
import org.example.maf.api.MafClient;
import org.example.maf.api.MafClientBuilder;
import org.example.maf.api.MafClientConfig;
import org.example.maf.api.MafException;
import org.example.maf.api.MafKey;
import org.example.maf.impl.server.RemotelyProvisioningMaf;
import org.example.mef.api.MefClient;
import org.example.mef.api.MefClientBuilder;
import org.example.mef.api.MefClientConfig;
import org.example.mef.api.MefServer;
import org.example.mef.api.MefServerBuilder;
import org.example.tef.api.EnrolmentKey;
import org.example.tef.api.Hex;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.core.Stakeholder;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The MAF Client's side of remote provisioning (TS-0003 8.8.2.3, 8.8.2.5 with 8.3.2.1 "Use of Remotely Provisioned
 * Credential"), end to end on loopback: the device enrols at a real MEF with the exported MEF Client, and its MAF Client
 * is configured with the Enrolment Key ({@link MafClientConfig#withEnrolmentKey}); the MAF fetches the Km from the MEF,
 * answers the client's ID and assigns a KmID, which the client uses from then on.
 */
public class RemoteProvisioningClientTest {
    static final String MAF = "maf.example.com";
    static final String MEF = "mef.example.com";
    static final String SP = "sp.example.com";
    static final String DEVICE = "//sp.example.com/cse-device";
    static final String TARGET = "//sp.example.com/target";
    static final String TARGET_KM_ID = "target-km@maf.example.com";
    static final String TARGET_KM = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";
    static final String KPM_ID = "kpm-device@mef.example.com";
    static final byte[] KPM = Hex.decode("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    static final String MAF_AT_MEF = "maf@mef.example.com";
    static final String MAF_PSK = "404142434445464748494a4b4c4d4e4f";
    static final Instant LATER = Instant.now().plus(Duration.ofDays(1));

    @Rule public final TemporaryFolder folder = new TemporaryFolder();

    private MefServer mef;
    private RemotelyProvisioningMaf maf;
    private MefClient device;
    private final List<MafClient> clients = new ArrayList<>();

    @Before
    public void startAMefAndAMafThatFetchesFromIt() throws IOException {
        mef = MefServerBuilder.create(MEF).port(0)
                .stakeholder(new Stakeholder(SP, Set.of(DEVICE), Duration.ofDays(2), Duration.ofDays(1), null))
                .pskClient(new PskCredential(KPM_ID, KPM, DEVICE))
                .enrolmentTarget(MAF + "=21").pskClient(new PskCredential(MAF_AT_MEF, Hex.decode(MAF_PSK), MAF)).start();
        maf = new RemotelyProvisioningMaf(folder.newFolder("maf").toPath(), MAF, MEF, mef.address().getPort(), MAF_AT_MEF, MAF_PSK, SP,
                List.of(DEVICE, TARGET), List.<String[]>of(new String[] {TARGET_KM_ID, TARGET_KM, TARGET}));
        device = MefClientBuilder.create().build(MefClientConfig.withPsk(MEF, "127.0.0.1", mef.address().getPort(), DEVICE, KPM_ID, KPM));
    }

    @After
    public void stop() throws IOException {
        clients.forEach(MafClient::close);
        if (device != null) device.close();
        if (maf != null) maf.close();
        if (mef != null) mef.close();
    }

    /**
     * The device's MEF Client registers (8.3.5.2.3), after de-registering an earlier registration (8.3.5.2.6; the MEF
     * answers 4117 to a second one): its handshake establishes a new Enrolment Key (10.3.1).
     */
    private EnrolmentKey enrol() throws Exception {
        for (var r : device.registrations()) device.deregister(r.registrationId);
        device.register(SP, LATER, List.of());
        return device.enrolmentKey().orElseThrow();
    }

    private MafClient client(MafClientConfig config) {
        MafClient c = MafClientBuilder.create().build(config);
        clients.add(c);
        return c;
    }

    private MafClientConfig withKe(EnrolmentKey ke) {
        return MafClientConfig.withEnrolmentKey(MAF, "127.0.0.1", maf.port(), ke);
    }

    private Path stateFile() { return folder.getRoot().toPath().resolve("maf-client.mv.db"); }

    @Test
    public void aClientWithAnEnrolmentKeyRegistersWithItsKeId_8_8_2_3() throws Exception {
        EnrolmentKey ke = enrol();
        MafClient client = client(withKe(ke));
        assertEquals(ke.keId(), client.pskIdentity());
        assertNull("the MAF, not the client, names the client of a KeID", client.clientId());

        ClientRegistrationInfo info = client.register(SP, LATER, List.of("remote"));

        assertEquals("mafClientID: the EnroleeID the MEF gave the MAF", DEVICE, info.clientId);
        assertEquals(DEVICE, client.clientId());
        assertEquals("the MAF registered a KeID session", ke.keId(), maf.registry().clientRegistration(info.registrationId).orElseThrow().credential());
        assertNotNull("a KeID session is assigned a KmID", info.assignedKmId);
        assertTrue(info.assignedKmId, info.assignedKmId.endsWith("@" + MAF));
    }

    @Test
    public void theClientUsesTheAssignedKmIdFromThenOn_8_8_2_3() throws Exception {
        MafClient source = client(withKe(enrol()));
        ClientRegistrationInfo info = source.register(SP, LATER, List.of());
        assertEquals(info.assignedKmId, source.pskIdentity());

        MafKey key = source.registerKey(KeyRegistrationRequest.exported(SP, LATER, 32, List.of(TARGET), List.of()));
        assertEquals(DEVICE, key.sourceClientId);
        MafClient target = client(MafClientConfig.withPsk(MAF, "127.0.0.1", maf.port(), TARGET, TARGET_KM_ID, Hex.decode(TARGET_KM)));
        target.register(SP, LATER, List.of());
        assertArrayEquals("the Target retrieves the key the device registered", key.value(), target.retrieveKey(key.keyIdentifier).value());

        // Only a KeID session is assigned a KmID (8.8.2.5): none here, so the update ran under the assigned KmID, on a
        // new session (the registration's KeID session was kept, and must have been dropped).
        ClientRegistrationInfo updated = source.updateRegistration(info.registrationId, null, List.of("later"));
        assertNull("the update ran in a KeID session: " + updated.assignedKmId, updated.assignedKmId);
        assertEquals(List.of("later"), updated.labels);
        assertEquals(DEVICE, updated.clientId);
    }

    @Test
    public void anUpdateThatAssignsANewKmIdIsFollowed_8_8_2_5() throws Exception {
        EnrolmentKey first = enrol();
        MafClient before = client(withKe(first).withStateFile(stateFile()));
        ClientRegistrationInfo registered = before.register(SP, LATER, List.of());
        String firstKmId = registered.assignedKmId;
        before.close();

        EnrolmentKey second = enrol(); // the device enrols again: a new Ke, KeID and Km
        assertNotEquals(first.keId(), second.keId());
        MafClient after = client(withKe(second).withStateFile(stateFile()));
        assertEquals("a KmID of the old Km is not used with the new Enrolment Key", second.keId(), after.pskIdentity());

        ClientRegistrationInfo renewed = after.updateRegistration(registered.registrationId, null, List.of("renewed"));
        assertNotNull(renewed.assignedKmId);
        assertNotEquals(firstKmId, renewed.assignedKmId);
        assertEquals(renewed.assignedKmId, after.pskIdentity());
        assertEquals("the registration's client, kept with the old KmID", DEVICE, after.clientId());
        assertNull("the next update runs under the new KmID", after.updateRegistration(registered.registrationId, null, List.of("again")).assignedKmId);

        MafClient old = client(MafClientConfig.withPsk(MAF, "127.0.0.1", maf.port(), DEVICE, firstKmId, first.usageConstrainedKey(21, MAF)));
        MafException e = assertThrows(MafException.class, () -> old.updateRegistration(registered.registrationId, null, List.of("old")));
        assertEquals("the replaced KmID no longer authenticates: no answer", 0, e.rsc());
    }

    @Test
    public void theAssignedKmIdSurvivesARestartOfTheClient_8_8_2_3() throws Exception {
        EnrolmentKey ke = enrol();
        MafClient before = client(withKe(ke).withStateFile(stateFile()));
        ClientRegistrationInfo info = before.register(SP, LATER, List.of());
        before.close();

        MafClient restarted = client(withKe(ke).withStateFile(stateFile()));
        assertEquals(info.assignedKmId, restarted.pskIdentity());
        assertEquals(DEVICE, restarted.clientId());
        ClientRegistrationInfo updated = restarted.updateRegistration(info.registrationId, null, List.of("after-restart"));
        assertNull("the restarted client authenticated with the KmID, not the KeID (8.8.2.5)", updated.assignedKmId);
        assertEquals(List.of("after-restart"), updated.labels);
    }

    @Test
    public void aDeRegistrationReturnsTheClientToItsKeId_8_8_2_6() throws Exception {
        EnrolmentKey ke = enrol();
        MafClient client = client(withKe(ke).withStateFile(stateFile()));
        ClientRegistrationInfo info = client.register(SP, LATER, List.of());
        client.deregister(info.registrationId);
        assertEquals("the MAF ended the KmID with the registration", ke.keId(), client.pskIdentity());

        ClientRegistrationInfo again = client.register(SP, LATER, List.of());
        assertNotNull(again.assignedKmId);
        assertNotEquals(info.assignedKmId, again.assignedKmId);
        client.deregister(again.registrationId);
        client.close();
        assertEquals("the state file forgot the ended KmID", ke.keId(), client(withKe(ke).withStateFile(stateFile())).pskIdentity());
    }

    @Test
    public void aKeIdTheMefDoesNotKnowFailsWithNoAnswer_8_8_2_2() throws Exception {
        enrol();
        EnrolmentKey unknown = EnrolmentKey.of("00112233445566778899aabbccddeeff", Hex.decode(TARGET_KM), MEF);
        MafClient client = client(withKe(unknown));
        MafException e = assertThrows(MafException.class, () -> client.register(SP, LATER, List.of()));
        assertEquals("the handshake failed: no answer", 0, e.rsc());
        assertEquals("nothing registered", 0, maf.registry().clientRegistrationCount());
        assertNull(client.clientId());
    }

    @Test
    public void anEnrolmentKeyConfigurationTakesOnlyRemotelyProvisionedSuids_8_8_2_3() throws Exception {
        EnrolmentKey ke = enrol();
        assertThrows(IllegalArgumentException.class, () -> MafClientConfig.withEnrolmentKey(MAF, "127.0.0.1", 1, ke, 32));
        MafClientConfig suid22 = MafClientConfig.withEnrolmentKey(MAF, "127.0.0.1", 1, ke, 22);
        assertArrayEquals(ke.usageConstrainedKey(22, MAF), suid22.psk.key());
        assertNull(suid22.clientId);
        assertThrows("a pre-provisioned client is never assigned a KmID", IllegalArgumentException.class,
                () -> MafClientConfig.withPsk(MAF, "127.0.0.1", 1, TARGET, TARGET_KM_ID, Hex.decode(TARGET_KM)).withStateFile(stateFile()));
        assertTrue(suid22.toString(), !suid22.toString().toLowerCase().contains(Hex.encode(suid22.psk.key()).toLowerCase()));
    }
}
