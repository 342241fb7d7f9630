package org.example.mef.api;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.tef.api.EnrolmentKey;
import org.example.tef.api.Hex;
import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.standalone.TefStandalone;
import org.example.tef.core.Stakeholder;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.google.gson.JsonParser;

/** A MEF built outside OSGi through the exported builder keeps its enrolments in its data directory across a restart. */
public class MefServerBuilderTest {
    private static final String MEF = "mef.example.com";
    private static final String DEVICE = "//sp.example.com/device";
    private static final byte[] KPM = Hex.decode("303132333435363738393a3b3c3d3e3f");
    private static final byte[] MAF_KEY = Hex.decode("404142434445464748494a4b4c4d4e4f");

    @Rule public final TemporaryFolder folder = new TemporaryFolder();

    private MefServer start(Path dir) throws IOException {
        return MefServerBuilder.create(MEF).port(0).dataDirectory(dir)
                .stakeholder(new Stakeholder("sp.example.com", Set.of(DEVICE), Duration.ofDays(1), Duration.ofHours(1), null))
                .pskClient(new PskCredential("device-kpm@" + MEF, KPM, DEVICE))
                .enrolmentTarget("maf.example.com=21").pskClient(new PskCredential("maf@" + MEF, MAF_KEY, "maf.example.com"))
                .start();
    }

    private static ResponsePrimitive send(MefServer mef, String identity, byte[] key, String label, Operation op, String to, String content,
                                          EnrolmentKey[] exported) throws IOException {
        try (SecureSession s = TefStandalone.secureChannels().connect(TlsClientConfig.builder("127.0.0.1", mef.address().getPort(), MEF)
                .psk(new PskCredential(identity, key, null)).exporterLabels(List.of(label)).build())) {
            if (exported != null) exported[0] = EnrolmentKey.fromBootstrapExport(s.exported(KeyExport.BOOTSTRAP_LABEL), MEF);
            return TefStandalone.primitiveTransport().client(s).send(RequestPrimitive.of(op, to).from("test")
                    .requestId(UUID.randomUUID().toString()).content(content).build());
        }
    }

    @Test
    public void aBuiltMefKeepsItsEnrolmentsAcrossARestartOnItsDataDirectory_8_3_2_1() throws Exception {
        Path dir = folder.getRoot().toPath();
        EnrolmentKey[] ke = new EnrolmentKey[1];
        try (MefServer mef = start(dir)) {
            ResponsePrimitive r = send(mef, "device-kpm@" + MEF, KPM, KeyExport.BOOTSTRAP_LABEL, Operation.CREATE, "/" + MEF + "/mefBase",
                    "{\"sec:mefClientReg\":{\"et\":\"20991231T000000\",\"adminFQDN\":\"sp.example.com\"}}", ke);
            assertEquals(r.toString(), ResponseStatusCode.CREATED, r.status());
            assertEquals(1, mef.clients().size());
        }
        assertTrue(dir.resolve(MefServerBuilder.REGISTRY_FILE).toFile().isFile());
        try (MefServer mef = start(dir)) {
            ResponsePrimitive r = send(mef, "maf@" + MEF, MAF_KEY, KeyExport.CONNECTION_LABEL, Operation.RETRIEVE,
                    "/fetchCredentials/" + ke[0].keId() + "/21", null, null);
            assertEquals(r.toString(), ResponseStatusCode.OK, r.status());
            String credential = JsonParser.parseString(r.content()).getAsJsonObject().getAsJsonObject("sec:credentials").get("credential").getAsString();
            assertArrayEquals(ke[0].usageConstrainedKey(21, "maf.example.com"), Base64.getDecoder().decode(credential));
            assertEquals("the registration is still there", 1, JsonParser.parseString(mef.clients().get(0)).getAsJsonObject()
                    .getAsJsonArray("registrations").size());
        }
    }

    @Test
    public void estRunsTheEstServerOnAPortOfItsOwnWithItsCaInTheDataDirectory_8_3_6_2() throws Exception {
        Path dir = folder.getRoot().toPath();
        try (MefServer mef = MefServerBuilder.create(MEF).port(0).dataDirectory(dir).est(0).certificateValidity(Duration.ofDays(30)).start()) {
            java.net.URI base = mef.estBaseUri().orElseThrow();
            assertEquals("https", base.getScheme());
            assertEquals(MEF, base.getHost());
            assertEquals("/.well-known/est/", base.getPath());
            assertTrue("a port of its own", base.getPort() > 0 && base.getPort() != mef.address().getPort());
            assertTrue(dir.resolve("ca").resolve("ca-cert.pem").toFile().isFile());
        }
        try (MefServer mef = MefServerBuilder.create(MEF).port(0).start()) {
            assertTrue("no EST server unless asked", mef.estBaseUri().isEmpty());
        }
        IllegalArgumentException noCaDirectory = org.junit.Assert.assertThrows(IllegalArgumentException.class,
                () -> MefServerBuilder.create(MEF).port(0).est(0).start().close());
        assertTrue(noCaDirectory.getMessage(), noCaDirectory.getMessage().contains("caDirectory"));
    }
}
