package org.example.maf.impl.server;

import org.example.onem2m.testsupport.Configs;

import org.example.maf.api.MafServerBuilder;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.example.maf.api.KeyRegistrationRequest;
import org.example.maf.api.MafClient;
import org.example.maf.api.MafClientConfig;
import org.example.maf.api.MafException;
import org.example.maf.api.MafKey;
import org.example.maf.impl.client.MafClientFactoryComponent;
import org.example.tef.core.certificates.Fingerprints;
import org.example.maf.impl.server.config.CertificateClientComponent;
import org.example.maf.impl.server.config.CertificateClientConfiguration;
import org.example.maf.impl.server.config.PskClientComponent;
import org.example.maf.impl.server.config.PskClientConfiguration;
import org.example.maf.impl.server.config.StakeholderComponent;
import org.example.maf.impl.server.config.StakeholderConfiguration;
import org.example.tef.api.Hex;
import org.example.tef.api.channel.CertificateCredential;
import org.example.onem2m.testsupport.TestPki;
import org.example.tef.impl.tls.BcSecureChannels;
import org.example.tef.impl.wire.HttpPrimitiveTransport;
import org.example.tef.spi.RegistrationStore;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The MAF in certificate mode (TS-0003 8.8.2.2 certificate-based MAF Handshake, TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256
 * of 10.2.3), configured from PEM files, with the provisioned MAF Client Certificate Information from factory
 * configurations: certificate clients register and share keys, an unprovisioned one is refused in the handshake,
 * PSK and certificates work on one MAF.
 */
public class MafCertificateModeTest {
    private static final String MAF = "maf.example.com";
    private static final String SP = "sp.example.com";
    private static final String A = "//sp.example.com/cse-a";
    private static final String B = "//sp.example.com/cse-b";
    private static final String X = "//sp.example.com/cse-x";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final BcSecureChannels channels = new BcSecureChannels();
    private final HttpPrimitiveTransport transport = new HttpPrimitiveTransport();
    private final MafClientFactoryComponent clients = new MafClientFactoryComponent(channels, transport);
    private final TestPki pki;
    private final CertificateCredential mafCertificate;
    private final CertificateCredential a;
    private final CertificateCredential b;
    private final List<MafServerComponent> servers = new ArrayList<>();
    private final List<RegistrationStore> registries = new ArrayList<>();

    public MafCertificateModeTest() throws Exception {
        pki = new TestPki("oneM2M MAF test CA");
        mafCertificate = pki.server(MAF).as(CertificateCredential::new);
        a = pki.client("cse-a", A).as(CertificateCredential::new);
        b = pki.client("cse-b", B).as(CertificateCredential::new);
    }

    @After
    public void stop() throws IOException {
        for (MafServerComponent s : servers) s.deactivate();
        for (RegistrationStore r : registries) r.close();
    }

    private Path file(String name, String type, byte[]... ders) throws IOException {
        return TestPki.pem(folder.getRoot().toPath().resolve(name), type, ders);
    }

    private Path mafChain() throws Exception { return file("maf-chain.pem", "CERTIFICATE", mafCertificate.chain().get(0).getEncoded(), pki.ca.getEncoded()); }
    private Path mafKey() throws Exception { return file("maf-key.pem", "PRIVATE KEY", mafCertificate.privateKey().getEncoded()); }
    private Path clientCas() throws Exception { return file("client-cas.pem", "CERTIFICATE", pki.ca.getEncoded()); }

    private MafServerConfiguration config(Object... more) throws Exception {
        List<Object> values = new ArrayList<>(List.of("fqdn", MAF, "port", 0, "pskEnabled", false, "certificateChainFile", mafChain().toString(),
                "privateKeyFile", mafKey().toString(), "clientTrustAnchorsFile", clientCas().toString()));
        values.addAll(List.of(more));
        return Configs.of(MafServerConfiguration.class, values.toArray());
    }

    private MafServerComponent start(MafServerConfiguration config) throws IOException {
        RegistrationStore registry = Registries.durableOnFirstUse(folder.getRoot().toPath());
        registries.add(registry);
        MafServerComponent server = new MafServerComponent(channels, transport, registry, config);
        servers.add(server);
        server.addStakeholder(new StakeholderComponent(Configs.of(StakeholderConfiguration.class, "adminFqdn", SP,
                "preAuthorizedClients", new String[] {A, B, X})));
        return server;
    }

    private static CertificateClientComponent provisioned(String clientId, Object... how) {
        List<Object> values = new ArrayList<>(List.of("clientId", clientId));
        values.addAll(List.of(how));
        return new CertificateClientComponent(Configs.of(CertificateClientConfiguration.class, values.toArray()));
    }

    /** As openssl x509 -noout -fingerprint -sha256 prints it. */
    private static String opensslFingerprint(CertificateCredential credential) throws Exception {
        String hex = Hex.encode(java.security.MessageDigest.getInstance("SHA-256").digest(credential.chain().get(0).getEncoded()));
        return "SHA256 Fingerprint=" + hex.toUpperCase(Locale.ROOT).replaceAll("(..)(?!$)", "$1:");
    }

    private MafClient client(MafServerComponent server, String id, CertificateCredential credential) {
        return clients.create(MafClientConfig.withCertificate(MAF, "127.0.0.1", server.address().getPort(), id, credential, List.of(pki.ca)));
    }

    private static Instant in(Duration d) { return Instant.now().plus(d); }

    /** A provisioned by the openssl fingerprint of its certificate, B by its certificate file; neither registered yet. */
    private MafServerComponent startWithCertificateClientsAAndB() throws Exception {
        MafServerComponent server = start(config());
        server.addCertificateClient(provisioned(A, "fingerprint", opensslFingerprint(a)));
        server.addCertificateClient(provisioned(B, "certificateFile", file("cse-b.pem", "CERTIFICATE", b.chain().get(0).getEncoded()).toString()));
        return server;
    }

    @Test
    public void certificateClientsRegisterUnderTheCertificateTheyAuthenticatedWith_8_8_2_2() throws Exception {
        MafServerComponent server = startWithCertificateClientsAAndB();
        MafClient source = client(server, A, a);
        MafClient target = client(server, B, b);

        assertEquals(A, source.register(SP, in(Duration.ofDays(1)), List.of()).clientId);
        assertEquals(B, target.register(SP, in(Duration.ofDays(1)), List.of()).clientId);
        assertEquals("the registry records the certificate the client authenticated with", "CN=cse-a",
                server.store().clientRegistrationsOf(A).get(0).credential());
    }

    @Test
    public void aCertificateTargetRetrievesTheKeyExportedInTheSourcesCertificateSession_10_3_1() throws Exception {
        MafServerComponent server = startWithCertificateClientsAAndB();
        MafClient source = client(server, A, a);
        MafClient target = client(server, B, b);
        source.register(SP, in(Duration.ofDays(1)), List.of());
        target.register(SP, in(Duration.ofDays(1)), List.of());

        MafKey registered = source.registerKey(KeyRegistrationRequest.exported(SP, in(Duration.ofHours(1)), 32, List.of(B), List.of()));
        MafKey retrieved = target.retrieveKey(registered.keyIdentifier);

        assertArrayEquals("the Kc the TLS exporter gave Source and MAF in a certificate session (10.3.1)", registered.value(), retrieved.value());
        assertEquals(A, retrieved.sourceClientId);
    }

    /** X's certificate, of the right CA but not provisioned, has just been refused by {@code server}, which provisions only A. */
    private MafClient refusedStranger(MafServerComponent server, CertificateCredential x) throws Exception {
        server.addCertificateClient(provisioned(A, "fingerprint", opensslFingerprint(a)));
        MafClient stranger = client(server, X, x);
        try {
            stranger.register(SP, in(Duration.ofDays(1)), List.of());
            fail("a certificate of the right CA that is not provisioned must not authenticate anyone");
        } catch (MafException e) {
            assertEquals("no answer: the handshake failed (" + e.getMessage() + ")", 0, e.rsc());
            assertTrue(e.getMessage(), e.getMessage().contains("access_denied"));
        }
        return stranger;
    }

    @Test
    public void aValidButUnprovisionedCertificateIsRefusedInTheHandshakeLeavingNoRecord_8_8_2_2() throws Exception {
        MafServerComponent server = start(config());
        refusedStranger(server, pki.client("cse-x", X).as(CertificateCredential::new));
        assertEquals(0, server.store().clientRegistrationCount());
        assertEquals(0, server.store().keyRegistrationCount());
    }

    @Test
    public void aRefusedCertificateAuthenticatesOnceProvisioned_8_8_2_2() throws Exception {
        MafServerComponent server = start(config());
        CertificateCredential x = pki.client("cse-x", X).as(CertificateCredential::new);
        MafClient stranger = refusedStranger(server, x);

        server.addCertificateClient(provisioned(X, "fingerprint", Fingerprints.of(x.chain().get(0))));
        assertEquals("once provisioned, the same certificate authenticates", X, stranger.register(SP, in(Duration.ofDays(1)), List.of()).clientId);
    }

    @Test
    public void aProvisionedCertificateOfAnotherCaIsRefusedByTheClientTrustAnchors_8_1_2_5() throws Exception {
        MafServerComponent server = start(config());
        CertificateCredential foreign = new TestPki("another CA").client("cse-a", A).as(CertificateCredential::new);
        server.addCertificateClient(provisioned(A, "fingerprint", Fingerprints.of(foreign.chain().get(0))));
        try {
            client(server, A, foreign).register(SP, in(Duration.ofDays(1)), List.of());
            fail("a certificate that does not chain to the client trust anchors must be refused");
        } catch (MafException e) {
            assertEquals(e.getMessage(), 0, e.rsc());
        }
        assertEquals(0, server.store().clientRegistrationCount());
    }

    @Test
    public void pskAndCertificateClientsOnOneMaf_8_8_3_1() throws Exception {
        // One PEM file holding the MAF's certificate and its SEC 1 key, as openssl ecparam -genkey writes it.
        PrivateKeyInfo pkcs8 = PrivateKeyInfo.getInstance(mafCertificate.privateKey().getEncoded());
        byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, ((java.security.interfaces.ECPrivateKey) mafCertificate.privateKey()).getS(),
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(mafCertificate.chain().get(0).getPublicKey().getEncoded()).getPublicKeyData(),
                pkcs8.getPrivateKeyAlgorithm().getParameters()).getEncoded();
        Path combined = folder.getRoot().toPath().resolve("maf-combined.pem");
        Files.writeString(combined, Files.readString(file("c.pem", "CERTIFICATE", mafCertificate.chain().get(0).getEncoded()))
                + Files.readString(file("k.pem", "EC PRIVATE KEY", sec1)));
        MafServerComponent server = start(config("pskEnabled", true, "certificateChainFile", combined.toString(), "privateKeyFile", combined.toString()));
        byte[] km = Hex.decode("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
        server.addPskClient(new PskClientComponent(Configs.of(PskClientConfiguration.class, "kmId", "km-a@" + MAF, "km", Hex.encode(km), "clientId", A)));
        server.addCertificateClient(provisioned(B, "fingerprint", Fingerprints.of(b.chain().get(0))));

        MafClient pskClient = clients.create(MafClientConfig.withPsk(MAF, "127.0.0.1", server.address().getPort(), A, "km-a@" + MAF, km));
        assertEquals(A, pskClient.register(SP, in(Duration.ofDays(1)), List.of()).clientId);
        assertEquals(B, client(server, B, b).register(SP, in(Duration.ofDays(1)), List.of()).clientId);
        assertEquals("km-a@" + MAF, server.store().clientRegistrationsOf(A).get(0).credential());
        assertEquals("CN=cse-b", server.store().clientRegistrationsOf(B).get(0).credential());
    }

    @Test
    public void aCertificateOnlyMafRefusesPskClients_8_8_2_2() throws Exception {
        MafServerComponent server = start(config());
        byte[] km = new byte[32];
        server.addPskClient(new PskClientComponent(Configs.of(PskClientConfiguration.class, "kmId", "km-a@" + MAF, "km", Hex.encode(km), "clientId", A)));
        try {
            clients.create(MafClientConfig.withPsk(MAF, "127.0.0.1", server.address().getPort(), A, "km-a@" + MAF, km))
                    .register(SP, in(Duration.ofDays(1)), List.of());
            fail("pskEnabled=false: no PSK suite is offered");
        } catch (MafException e) {
            assertEquals(e.getMessage(), 0, e.rsc());
        }
        assertEquals(0, server.store().clientRegistrationCount());
    }

    // --- configuration that cannot serve stops the MAF with a message naming the setting or file ---

    private String refusal(MafServerConfiguration config) {
        try {
            start(config);
        } catch (IllegalArgumentException e) {
            assertFalse("the registry was not opened", Files.exists(folder.getRoot().toPath().resolve(MafServerBuilder.STORE_FILE)));
            return e.getMessage();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the MAF should not have started");
    }

    private static void assertSays(String message, String... parts) {
        for (String p : parts) assertTrue("'" + message + "' should say '" + p + "'", message.contains(p));
    }

    @Test
    public void withNeitherPskNorCertificatesTheMafDoesNotStart_8_8_2_2() {
        assertSays(refusal(Configs.of(MafServerConfiguration.class, "fqdn", MAF, "port", 0,
                "pskEnabled", false)), "neither PSK clients (pskEnabled=false) nor certificate clients", "certificateChainFile");
    }

    @Test
    public void certificateSettingsComeInThrees() throws Exception {
        assertSays(refusal(Configs.of(MafServerConfiguration.class, "fqdn", MAF, "port", 0,
                "certificateChainFile", mafChain().toString())), "privateKeyFile, clientTrustAnchorsFile are not set");
    }

    @Test
    public void aMissingFileIsNamed() throws Exception {
        Path missing = folder.getRoot().toPath().resolve("nowhere.pem");
        assertSays(refusal(config("certificateChainFile", missing.toString())), "certificateChainFile " + missing.toAbsolutePath() + ": does not exist");
    }

    @Test
    public void aTrustAnchorsFileWithoutAPemCertificateIsNamed() throws Exception {
        Path text = Files.writeString(folder.getRoot().toPath().resolve("notes.txt"), "not a certificate\n");
        assertSays(refusal(config("clientTrustAnchorsFile", text.toString())), "clientTrustAnchorsFile " + text.toAbsolutePath(), "holds no PEM certificate");
    }

    @Test
    public void aPrivateKeyFileWithoutAPemPrivateKeyIsNamed() throws Exception {
        assertSays(refusal(config("privateKeyFile", mafChain().toString())), "privateKeyFile", "holds no PEM private key");
    }

    @Test
    public void anUnreadablePemFileIsNamed() throws Exception {
        Path broken = Files.writeString(folder.getRoot().toPath().resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\n%%%%\n-----END CERTIFICATE-----\n");
        assertSays(refusal(config("certificateChainFile", broken.toString())), "certificateChainFile " + broken.toAbsolutePath(), "not a readable PEM file");
    }

    @Test
    public void aKeyThatIsNotTheCertificatesIsNamed() throws Exception {
        Path otherKey = file("other-key.pem", "PRIVATE KEY", TestPki.p256().getPrivate().getEncoded());
        assertSays(refusal(config("privateKeyFile", otherKey.toString())), "privateKeyFile " + otherKey.toAbsolutePath(),
                "is not the key of the first certificate in", "CN=maf.example.com");
    }

    @Test
    public void aChainInTheWrongOrderIsNamed() throws Exception {
        Path caFirst = file("ca-first.pem", "CERTIFICATE", pki.ca.getEncoded(), mafCertificate.chain().get(0).getEncoded());
        assertSays(refusal(config("certificateChainFile", caFirst.toString())), "(CN=oneM2M MAF test CA); the chain starts with the MAF's own certificate");
    }

    @Test
    public void anRsaKeyIsRefused_10_2_3() throws Exception {
        java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        Path rsaKey = file("rsa-key.pem", "PRIVATE KEY", rsa.generateKeyPair().getPrivate().getEncoded());
        assertSays(refusal(config("privateKeyFile", rsaKey.toString())), "holds an RSA key", "ECDSA");
    }

    @Test
    public void anEncryptedKeyIsRefused() throws Exception {
        java.io.StringWriter pem = new java.io.StringWriter();
        try (org.bouncycastle.openssl.jcajce.JcaPEMWriter writer = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(pem)) {
            writer.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(mafCertificate.privateKey(),
                    new org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder(org.bouncycastle.openssl.PKCS8Generator.AES_256_CBC)
                            .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).setPassword("secret".toCharArray()).build()));
        }
        Path encryptedKey = Files.writeString(folder.getRoot().toPath().resolve("encrypted-key.pem"), pem.toString());
        assertSays(refusal(config("privateKeyFile", encryptedKey.toString())), "privateKeyFile " + encryptedKey.toAbsolutePath(), "encrypted private key");
    }

    @Test
    public void aMafCertificateForAnotherNameIsRefused_10_1_3() throws Exception {
        CertificateCredential other = pki.server("other.example.com").as(CertificateCredential::new);
        Path chain = file("other-chain.pem", "CERTIFICATE", other.chain().get(0).getEncoded());
        Path key = file("other-key.pem", "PRIVATE KEY", other.privateKey().getEncoded());
        assertSays(refusal(config("certificateChainFile", chain.toString(), "privateKeyFile", key.toString())),
                "does not serve the MAF-FQDN maf.example.com: server certificate names other.example.com, not maf.example.com");
    }

    /** What tef's TLS client would refuse at every handshake stops the start instead (RFC 6125 6.4.4, RFC 5280 4.2.1.12). */
    private String refusalOfOwnCertificate(TestPki.Issued own) throws Exception {
        Path chain = file("own-chain.pem", "CERTIFICATE", own.certificate().getEncoded());
        Path key = file("own-key.pem", "PRIVATE KEY", own.privateKey().getEncoded());
        return refusal(config("certificateChainFile", chain.toString(), "privateKeyFile", key.toString()));
    }

    @Test
    public void aMafCertificateNamedOnlyByItsCnBesideAnotherSubjectAltNameIsRefused_10_1_3() throws Exception {
        assertSays(refusalOfOwnCertificate(pki.clientWithUri(MAF, "urn:onem2m:cse://sp.example.com/cse-a")),
                "does not serve the MAF-FQDN maf.example.com", "has a subjectAltName but no dNSName");
    }

    @Test
    public void aMafCertificateForClientAuthenticationOnlyIsRefused_10_1_3() throws Exception {
        assertSays(refusalOfOwnCertificate(pki.clientAuthOnly(MAF)), "does not serve the MAF-FQDN maf.example.com",
                "is not for TLS servers", "has no serverAuth");
    }

    @Test
    public void aClientCertificateConfigurationNamesOneWayToKnowTheCertificate() throws Exception {
        assertSays(message(() -> provisioned(A)), "org.example.maf.certclient of //sp.example.com/cse-a: set fingerprint or certificateFile, one of them");
        assertSays(message(() -> provisioned(A, "fingerprint", "ab", "certificateFile", "x.pem")), "not both");
        assertSays(message(() -> provisioned(A, "fingerprint", "SHA256 Fingerprint=AB:CD")), "'SHA256 Fingerprint=AB:CD' is not a SHA-256 fingerprint");
        assertSays(message(() -> provisioned(A, "certificateFile", folder.getRoot().toPath().resolve("none.pem").toString())),
                "certificateFile of //sp.example.com/cse-a", "does not exist");
        assertSays(message(() -> provisioned(" ", "fingerprint", Fingerprints.of(a.chain().get(0)))), "clientId is not set");
        assertEquals("colons, case and openssl's prefix are ignored", Fingerprints.of(a.chain().get(0)), provisioned(A, "fingerprint", opensslFingerprint(a)).fingerprint());
    }

    private static String message(Runnable r) {
        try {
            r.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("should have been refused");
    }
}
