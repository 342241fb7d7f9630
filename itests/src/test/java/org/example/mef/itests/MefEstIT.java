package org.example.mef.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Hashtable;
import java.util.Map;

import java.math.BigInteger;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Date;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.example.maf.api.ClientRegistrationInfo;
import org.example.maf.api.MafClient;
import org.example.maf.api.MafClientConfig;
import org.example.maf.api.MafClientFactory;
import org.example.maf.api.MafException;
import org.example.mef.api.ProvisionedCertificate;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import javax.inject.Inject;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.example.mef.api.MefAdministration;
import org.example.mef.api.MefClient;
import org.example.mef.api.MefClientConfig;
import org.example.mef.api.MefClientFactory;
import org.example.mef.api.MefCommand;
import org.example.onem2m.itests.Await;
import org.example.onem2m.itests.Framework;
import org.example.onem2m.itests.ItestOptions;
import org.example.tef.api.Hex;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.wire.HttpRequestMessage;
import org.example.tef.api.wire.HttpResponseMessage;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.tef.client.Registration;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The MEF's EST server (TS-0003 8.3.6.2, RFC 7030) in a real framework (Felix; Equinox in itests-equinox), configured
 * through Configuration Admin with estPort: the stakeholder queues a CERT_PROV command (8.3.9.7) through
 * {@link MefAdministration}, the MEF Client retrieves it, and a certificate-less mutually authenticated session (the
 * Enrolee's Kpm, RFC 7030 3.3.3) to the EST port gets cacerts and a certificate for the command's subject.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MefEstIT {
    static final String MEF = MefConfigurations.MEF;
    static final MefScenarioIT.Credential ENROLEE = new MefScenarioIT.Credential("//sp.example.com/cse-est", "est-kpm@" + MEF,
            "606162636465666768696a6b6c6d6e6f");
    static final MefScenarioIT.Credential DEVICE = new MefScenarioIT.Credential("//sp.example.com/cse-est-device", "est-device-kpm@" + MEF,
            "707172737475767778797a7b7c7d7e7f");
    static final String SUBJECT_URI = "urn:onem2m:cse:/id-est-cse";
    static final String MAF = "maf.example.com";
    static final String MEF_CLIENT_PID = "org.example.mef.client";
    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    private org.osgi.framework.BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    private int mefPort;
    private int estPort;
    private Path root;

    @Configuration
    public Option[] config() {
        return ItestOptions.container();
    }

    @Before
    public void configureAMefWithAnEstServer() throws Exception {
        if (configurationAdmin.listConfigurations("(service.pid=" + MefConfigurations.MEF_PID + ")") == null) {
            root = Framework.newDirectory("mef-est-itest-");
            // the device side's MEF Clients execute CERT_PROV and keep what they get here (8.3.9.7)
            Hashtable<String, Object> clients = new Hashtable<>();
            clients.put("certificateDirectory", root.resolve("device-certificates").toString());
            configurationAdmin.getConfiguration(MEF_CLIENT_PID, "?").update(clients);
            MefConfigurations.configureMef(configurationAdmin, root, List.of(ENROLEE.clientId, DEVICE.clientId), List.of(ENROLEE, DEVICE),
                    Map.of("estPort", ItestOptions.freeLocalPort()));
        }
        root = Path.of((String) configurationAdmin.getConfiguration(MefConfigurations.MEF_PID, "?").getProperties().get("dataDirectory")).getParent();
        java.util.Dictionary<String, Object> mef = configurationAdmin.getConfiguration(MefConfigurations.MEF_PID, "?").getProperties();
        mefPort = ((Number) mef.get("port")).intValue();
        estPort = ((Number) mef.get("estPort")).intValue();
        Await.until("the EST server on 127.0.0.1:" + estPort, READY_TIMEOUT, () -> {
            try {
                return est(HttpRequestMessage.of("GET", "/.well-known/est/cacerts", null)).status() == 200 ? Boolean.TRUE : null;
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }, () -> "no answer");
    }

    private <S> S service(Class<S> type) { return Framework.service(context, type, READY_TIMEOUT); }

    private HttpResponseMessage est(HttpRequestMessage request) throws IOException {
        try (SecureSession session = service(SecureChannels.class).connect(TlsClientConfig.builder("127.0.0.1", estPort, MEF)
                .psk(new PskCredential(ENROLEE.keyId, Hex.decode(ENROLEE.keyHex), null)).build());
             PrimitiveTransport.HttpClient client = service(PrimitiveTransport.class).httpClient(session)) {
            return client.send(request);
        }
    }

    private static List<X509Certificate> certsOnly(HttpResponseMessage answer) throws Exception {
        assertEquals(new String(answer.body(), StandardCharsets.UTF_8), 200, answer.status());
        List<X509Certificate> out = new ArrayList<>();
        for (X509CertificateHolder h : new CMSSignedData(Base64.getMimeDecoder().decode(answer.body())).getCertificates().getMatches(null)) {
            out.add(new JcaX509CertificateConverter().getCertificate(h));
        }
        return out;
    }

    @Test
    public void aRetrievedCertProvCommandLetsTheMefClientEnrolOverEst_8_3_6_2_2_8_3_9_7() throws Exception {
        try (MefClient client = service(MefClientFactory.class).create(MefClientConfig.withPsk(MEF, "127.0.0.1", mefPort, ENROLEE.clientId,
                ENROLEE.keyId, Hex.decode(ENROLEE.keyHex)))) {
            Registration registration = client.register(MefConfigurations.SP, Instant.now().plus(Duration.ofHours(1)), List.of("est"));
            String cmdId = service(MefAdministration.class).enqueue(registration.registrationId, "{\"cmdClassID\":1,\"cmdArgs\":{\"certProvCmdArgs\":"
                    + "{\"certProvProtocolID\":1,\"URI\":\"https://" + MEF + ":" + estPort + "/.well-known/est/\",\"certSubjectType\":2,"
                    + "\"certSubjectID\":\"/id-est-cse\"}}}");
            MefCommand command = client.retrieveCommand(registration.registrationId);
            assertEquals(cmdId, command.cmdId());

            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, SUBJECT_URI)));
            PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=id-est-cse"), keys.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
            X509Certificate issued = certsOnly(est(HttpRequestMessage.of("POST", "/.well-known/est/simpleenroll",
                    Base64.getMimeEncoder().encode(csr.getEncoded())).withHeader("Content-Type", "application/pkcs10"))).get(0);
            X509Certificate ca = certsOnly(est(HttpRequestMessage.of("GET", "/.well-known/est/cacerts", null))).get(0);
            issued.verify(ca.getPublicKey());
            assertTrue(issued.getSubjectAlternativeNames().toString(), issued.getSubjectAlternativeNames().toString().contains(SUBJECT_URI));
        }
    }

    /**
     * Issue 15's whole path in one framework: the stakeholder queues CERT_PROV (8.3.9.7) through {@link MefAdministration};
     * the device's MEF Client (the factory configured with a certificate directory) retrieves it, enrols over EST with
     * its PSK (8.3.6.2.2, RFC 7030 3.3.3), stores the certificate and reports MEF_CLIENT_CMD_OK, which the stakeholder
     * sees; then the device registers at a certificate-only MAF with a certificate-based MAF Handshake (8.8.2.2) using
     * that certificate (the MAF trusts the MEF CA for client certificates and knows the device's by its fingerprint).
     */
    @Test
    public void aCertificateProvisionedByCertProvAuthenticatesTheDeviceAtTheMaf_8_3_9_7_8_8_2_2() throws Exception {
        try (MefClient client = service(MefClientFactory.class).create(MefClientConfig.withPsk(MEF, "127.0.0.1", mefPort, DEVICE.clientId,
                DEVICE.keyId, Hex.decode(DEVICE.keyHex)))) {
            Registration registration = client.register(MefConfigurations.SP, Instant.now().plus(Duration.ofHours(1)), List.of("est"));
            MefAdministration stakeholder = service(MefAdministration.class);
            String cmdId = stakeholder.enqueue(registration.registrationId, "{\"cmdClassID\":1,\"cmdArgs\":{\"certProvCmdArgs\":"
                    + "{\"certProvProtocolID\":1,\"URI\":\"https://" + MEF + ":" + estPort + "/.well-known/est/\",\"certSubjectType\":2,"
                    + "\"certSubjectID\":\"" + DEVICE.clientId + "\"}}}");
            client.processCommands(registration.registrationId);
            JsonObject reported = stakeholder.commands(registration.registrationId).stream().map(c -> JsonParser.parseString(c).getAsJsonObject())
                    .filter(c -> cmdId.equals(c.get("cmdID").getAsString())).findFirst().orElseThrow();
            assertEquals(reported.toString(), "OK", reported.get("status").getAsString());

            ProvisionedCertificate provisioned = client.provisionedCertificates().get(0);
            X509Certificate mefCa = certsOnly(est(HttpRequestMessage.of("GET", "/.well-known/est/cacerts", null))).get(0);
            provisioned.certificate().verify(mefCa.getPublicKey());
            assertTrue(provisioned.certificate().getSubjectAlternativeNames().toString(),
                    provisioned.certificate().getSubjectAlternativeNames().toString().contains("urn:onem2m:cse:" + DEVICE.clientId));

            KeyPair mafCaKeys = p256();
            X509Certificate mafCa = certificate("CN=MAF test CA", mafCaKeys, "CN=MAF test CA", mafCaKeys.getPublic(), true);
            KeyPair mafKeys = p256();
            X509Certificate mafCertificate = certificate("CN=MAF test CA", mafCaKeys, "CN=" + MAF, mafKeys.getPublic(), false);
            int mafPort = configureACertificateOnlyMaf(mafCertificate, mafKeys, mefCa, provisioned.certificate());
            MafClientConfig config = MafClientConfig.withCertificate(MAF, "127.0.0.1", mafPort, DEVICE.clientId, provisioned.credential(),
                    List.of(mafCa));
            ClientRegistrationInfo atTheMaf = Await.until("a MAF Client Registration with the provisioned certificate", READY_TIMEOUT, () -> {
                try (MafClient maf = service(MafClientFactory.class).create(config)) {
                    return maf.register(MefConfigurations.SP, Instant.now().plus(Duration.ofHours(1)), List.of());
                } catch (MafException | RuntimeException notYet) {
                    return null;
                }
            }, () -> "the MAF did not register " + DEVICE.clientId);
            assertEquals(DEVICE.clientId, atTheMaf.clientId);
        }
    }

    /** The MAF through Configuration Admin: certificate clients only (8.8.2.2), the device's certificate provisioned by fingerprint. */
    private int configureACertificateOnlyMaf(X509Certificate own, KeyPair ownKeys, X509Certificate clientCa, X509Certificate device) throws Exception {
        Framework.createFactory(configurationAdmin, MefConfigurations.STORE_FACTORY_PID, "name", "maf", "dataDirectory", root.toString(),
                "file", "maf-registry.mv.db");
        Framework.createFactory(configurationAdmin, "org.example.maf.stakeholder", "adminFqdn", MefConfigurations.SP,
                "preAuthorizedClients", new String[] {DEVICE.clientId}, "maxRegistrationLifetimeSeconds", 86_400L, "maxKeyLifetimeSeconds", 3_600L);
        Framework.createFactory(configurationAdmin, "org.example.maf.certclient", "clientId", DEVICE.clientId,
                "fingerprint", Hex.encode(MessageDigest.getInstance("SHA-256").digest(device.getEncoded())));
        int port = ItestOptions.freeLocalPort();
        Hashtable<String, Object> maf = new Hashtable<>();
        maf.put("fqdn", MAF);
        maf.put("host", "127.0.0.1");
        maf.put("port", port);
        maf.put("store.target", "(name=maf)");
        maf.put("pskEnabled", false);
        maf.put("certificateChainFile", pem(root.resolve("maf-chain.pem"), "CERTIFICATE", own.getEncoded()));
        maf.put("privateKeyFile", pem(root.resolve("maf-key.pem"), "PRIVATE KEY", ownKeys.getPrivate().getEncoded()));
        maf.put("clientTrustAnchorsFile", pem(root.resolve("maf-client-cas.pem"), "CERTIFICATE", clientCa.getEncoded()));
        configurationAdmin.getConfiguration("org.example.maf.server", "?").update(maf);
        return port;
    }

    private static String pem(Path file, String type, byte[] der) throws IOException {
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n");
        return file.toString();
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** A certificate signed by {@code issuerKeys}: a CA, or a TLS server certificate naming its CN as dNSName. */
    private static X509Certificate certificate(String issuer, KeyPair issuerKeys, String subject, PublicKey key, boolean ca) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(1))), new X500Name(subject), key);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
        } else {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName,
                    subject.substring("CN=".length()))));
        }
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(issuerKeys.getPrivate())));
    }
}
