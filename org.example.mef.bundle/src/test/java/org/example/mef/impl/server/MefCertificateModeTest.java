package org.example.mef.impl.server;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.example.mef.impl.commands.CommandStore;
import org.example.mef.impl.commands.InMemoryCommandStore;
import org.example.mef.impl.enrolment.EnrolmentKeyStore;
import org.example.mef.impl.enrolment.InMemoryEnrolmentKeyStore;
import org.example.mef.impl.server.config.MefCertificateClientComponent;
import org.example.mef.impl.server.config.MefCertificateClientConfiguration;
import org.example.mef.impl.server.config.MefStakeholderComponent;
import org.example.mef.impl.server.config.MefStakeholderConfiguration;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.onem2m.testsupport.Configs;
import org.example.onem2m.testsupport.TestPki;
import org.example.tef.api.EnrolmentKey;
import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.CertificateCredential;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.standalone.TefStandalone;
import org.example.tef.spi.RegistrationStore;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The certificate-based MEF Handshake (TS-0003 8.3.5.2.2, ECDHE_ECDSA of 10.2.3): an Enrolee whose certificate chains to
 * the MEF's client trust anchors and is provisioned (by fingerprint) enrols and registers; an unprovisioned one is
 * refused in the handshake; a configuration that cannot serve stops the MEF with a message naming the setting.
 */
public class MefCertificateModeTest {
    private static final String MEF = "mef.example.com";
    private static final String ENROLEE = "//sp.example.com/cse-a";

    @Rule public final TemporaryFolder folder = new TemporaryFolder();
    private final TestPki pki;
    private final CertificateCredential mefCertificate;
    private final CertificateCredential enrolee;
    private final CertificateCredential stranger;
    private final List<MefServerComponent> servers = new ArrayList<>();
    private final List<RegistrationStore> registries = new ArrayList<>();

    public MefCertificateModeTest() throws Exception {
        pki = new TestPki("oneM2M MEF test CA");
        mefCertificate = pki.server(MEF).as(CertificateCredential::new);
        enrolee = pki.client("cse-a", ENROLEE).as(CertificateCredential::new);
        stranger = pki.client("cse-x", "//sp.example.com/cse-x").as(CertificateCredential::new);
    }

    @After
    public void stop() throws IOException {
        for (MefServerComponent s : servers) s.deactivate();
        for (RegistrationStore r : registries) r.close();
    }

    private Path pem(String name, String type, byte[]... ders) throws IOException {
        return TestPki.pem(folder.getRoot().toPath().resolve(name), type, ders);
    }

    private MefServerComponent start(Object... settings) throws Exception {
        List<Object> values = new ArrayList<>(List.of("fqdn", MEF, "port", 0, "pskEnabled", false,
                "certificateChainFile", pem("chain.pem", "CERTIFICATE", mefCertificate.chain().get(0).getEncoded(), pki.ca.getEncoded()).toString(),
                "privateKeyFile", pem("key.pem", "PRIVATE KEY", mefCertificate.privateKey().getEncoded()).toString(),
                "clientTrustAnchorsFile", pem("cas.pem", "CERTIFICATE", pki.ca.getEncoded()).toString()));
        values.addAll(List.of(settings));
        RegistrationStore registry = TefStandalone.registrationStores().inMemory();
        registries.add(registry);
        MefServerComponent server = new MefServerComponent(TefStandalone.secureChannels(), TefStandalone.primitiveTransport(), registry,
                Configs.of(MefServerConfiguration.class, values.toArray()), new InMemoryEnrolmentKeyStore(), new InMemoryCommandStore(),
                Clock.systemUTC());
        servers.add(server);
        server.addStakeholder(new MefStakeholderComponent(Configs.of(MefStakeholderConfiguration.class, "adminFqdn", "sp.example.com",
                "preAuthorizedClients", new String[] {ENROLEE})));
        server.addCertificateClient(new MefCertificateClientComponent(Configs.of(MefCertificateClientConfiguration.class,
                "clientId", ENROLEE, "certificateFile", pem("enrolee.pem", "CERTIFICATE", enrolee.chain().get(0).getEncoded()).toString())));
        return server;
    }


    @Test
    public void aProvisionedCertificateEnrolsAndRegisters_8_3_5_2_2() throws Exception {
        MefServerComponent server = start();
        try (SecureSession session = TefStandalone.secureChannels().connect(TlsClientConfig.builder("127.0.0.1", server.address().getPort(), MEF)
                .certificate(enrolee, List.of(pki.ca)).exporterLabels(List.of(KeyExport.BOOTSTRAP_LABEL)).build())) {
            ResponsePrimitive r = TefStandalone.primitiveTransport().client(session).send(RequestPrimitive.of(Operation.CREATE, "/" + MEF + "/mefBase")
                    .from("x").requestId(UUID.randomUUID().toString())
                    .content("{\"sec:mefClientReg\":{\"et\":\"20991231T000000\",\"adminFQDN\":\"sp.example.com\"}}").build());
            assertEquals(r.toString(), ResponseStatusCode.CREATED, r.status());
            EnrolmentKey ke = EnrolmentKey.fromBootstrapExport(session.exported(KeyExport.BOOTSTRAP_LABEL), MEF);
            assertEquals("the certificate's Enrolee holds the Enrolment Key (10.3.1)", ENROLEE,
                    server.enrolmentKeys().byKeId(ke.keId()).orElseThrow().enroleeId());
        }
    }

    @Test
    public void anUnprovisionedCertificateIsRefusedInTheHandshake_8_3_5_2_2() throws Exception {
        MefServerComponent server = start();
        try (SecureSession s = TefStandalone.secureChannels().connect(TlsClientConfig.builder("127.0.0.1", server.address().getPort(), MEF)
                .certificate(stranger, List.of(pki.ca)).exporterLabels(List.of(KeyExport.BOOTSTRAP_LABEL)).build())) {
            fail("a certificate no configuration provisions must not complete the MEF Handshake");
        } catch (IOException expected) {
            assertEquals(0, server.enrolmentKeys().count());
        }
    }

    @Test
    public void neitherPskNorCertificatesStopsTheMefNamingTheSettings_8_3_5_2_2() {
        RegistrationStore registry = TefStandalone.registrationStores().inMemory();
        registries.add(registry);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MefServerComponent(TefStandalone.secureChannels(),
                TefStandalone.primitiveTransport(), registry, Configs.of(MefServerConfiguration.class, "fqdn", MEF, "port", 0, "pskEnabled", false),
                new InMemoryEnrolmentKeyStore(), new InMemoryCommandStore(), Clock.systemUTC()));
        assertTrue(e.getMessage(), e.getMessage().contains("no MEF Client could complete the MEF Handshake (TS-0003 8.3.5.2.2)"));
    }

    @Test
    public void aNumberThatCannotServeStopsTheMefNamingItAndClosesItsStores() {
        for (String[] bad : new String[][] {{"noMoreCommandsRetrySeconds", "0"}, {"enrolmentKeyLifetimeSeconds", "-1"},
                {"enrolmentKeyLifetimeSeconds", "99999999999999"}, {"maxConnections", "0"}}) {
            RegistrationStore registry = TefStandalone.registrationStores().inMemory();
            registries.add(registry);
            boolean[] closed = new boolean[2];
            EnrolmentKeyStore keys = noticingClose(EnrolmentKeyStore.class, new InMemoryEnrolmentKeyStore(), () -> closed[0] = true);
            CommandStore commands = noticingClose(CommandStore.class, new InMemoryCommandStore(), () -> closed[1] = true);
            Object value = bad[0].equals("maxConnections") ? (Object) Integer.parseInt(bad[1]) : (Object) Long.parseLong(bad[1]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MefServerComponent(TefStandalone.secureChannels(),
                    TefStandalone.primitiveTransport(), registry, Configs.of(MefServerConfiguration.class, "fqdn", MEF, "port", 0, bad[0], value),
                    keys, commands, Clock.systemUTC()));
            assertTrue(e.getMessage(), e.getMessage().startsWith(bad[0] + " is " + bad[1]));
            assertTrue("both stores closed after " + bad[0], closed[0] && closed[1]);
        }
    }

    /** {@code store}, telling when it is closed. */
    private static <T> T noticingClose(Class<T> type, T store, Runnable onClose) {
        return type.cast(java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("close")) onClose.run();
            try {
                return method.invoke(store, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    @Test
    public void aKeyThatIsNotTheCertificatesStopsTheMefNamingTheFile_10_1_3() throws Exception {
        CertificateCredential other = pki.server("other.example.com").as(CertificateCredential::new);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> start("privateKeyFile", pem("other-key.pem", "PRIVATE KEY", other.privateKey().getEncoded()).toString()));
        assertTrue(e.getMessage(), e.getMessage().contains("other-key.pem") && e.getMessage().contains("MEF's own certificate"));
    }
}
