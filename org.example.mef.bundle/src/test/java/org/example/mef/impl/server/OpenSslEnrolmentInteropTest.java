package org.example.mef.impl.server;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.example.mef.impl.enrolment.EnrolmentRecord;
import org.example.mef.impl.enrolment.MVStoreEnrolmentKeyStore;
import org.example.mef.impl.server.config.MefPskClientComponent;
import org.example.mef.impl.server.config.MefPskClientConfiguration;
import org.example.mef.impl.server.config.MefStakeholderComponent;
import org.example.mef.impl.server.config.MefStakeholderConfiguration;
import org.example.onem2m.testsupport.Configs;
import org.example.onem2m.testsupport.SClient;
import org.example.tef.api.EnrolmentKey;
import org.example.tef.api.Hex;
import org.example.tef.api.KeyExport;
import org.example.tef.api.standalone.TefStandalone;
import org.example.tef.spi.RegistrationStore;
import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The MEF with another TLS stack as the Enrolee: OpenSSL's s_client completes the MEF Handshake with KpmID/Kpm (TS-0003
 * 8.3.5.2.2, TLS_PSK_WITH_AES_128_CBC_SHA256 of 10.2.2, SNI), sends a hand-written MEF Client Registration, and prints
 * the 48 bytes it exports with {@code EXPORTER-oneM2M-Bootstrap}: the Ke and KeID the MEF stored are those bytes
 * (10.3.1, 10.3.4). Skipped only when openssl is not on the PATH.
 */
public class OpenSslEnrolmentInteropTest {
    static final String BODY = "{\"sec:mefClientReg\":{\"et\":\"20991231T235959\",\"adminFQDN\":\"sp.example.com\"}}";
    static final String REQUEST = "POST /~/mef.example.com/mefBase HTTP/1.1\r\nHost: mef.example.com\r\n"
            + "X-M2M-Origin: //sp.example.com/cse-a\r\nX-M2M-RI: openssl-mef-1\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + BODY.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + BODY;

    @Rule public final TemporaryFolder folder = new TemporaryFolder();
    private Path openssl;
    private RegistrationStore registry;
    private MefServerComponent server;

    @Before
    public void startAMef() throws IOException {
        Optional<Path> found = SClient.onPath("openssl");
        Assume.assumeTrue("openssl is not on the PATH, so the OpenSSL enrolment interop test (TS-0003 10.3.1) is skipped", found.isPresent());
        openssl = found.get();
        registry = TefStandalone.registrationStores().inMemory();
        server = new MefServerComponent(TefStandalone.secureChannels(), TefStandalone.primitiveTransport(), registry,
                Configs.of(MefServerConfiguration.class, "fqdn", MefOverTlsTest.MEF, "port", 0),
                new MVStoreEnrolmentKeyStore(folder.getRoot().toPath().resolve("mef-enrolment.mv.db")),
                new org.example.mef.impl.commands.InMemoryCommandStore(), Clock.systemUTC());
        server.addStakeholder(new MefStakeholderComponent(Configs.of(MefStakeholderConfiguration.class, "adminFqdn", MefOverTlsTest.SP,
                "preAuthorizedClients", new String[] {MefOverTlsTest.ENROLEE})));
        server.addPskClient(new MefPskClientComponent(Configs.of(MefPskClientConfiguration.class, "kpmId", MefOverTlsTest.KPM_ID,
                "kpm", MefOverTlsTest.KPM, "clientId", MefOverTlsTest.ENROLEE)));
    }

    @After
    public void stop() throws IOException {
        if (server != null) server.deactivate();
        if (registry != null) registry.close();
    }

    @Test
    public void theKeOpenSslExportsIsTheKeTheMefStored_10_3_1_10_3_4() throws Exception {
        try (SClient sClient = SClient.run(List.of(openssl.toString(), "s_client", "-connect", "127.0.0.1:" + server.address().getPort(),
                "-tls1_2", "-psk", MefOverTlsTest.KPM, "-psk_identity", MefOverTlsTest.KPM_ID, "-cipher", "PSK-AES128-CBC-SHA256",
                "-servername", MefOverTlsTest.MEF, "-ign_eof", "-keymatexport", KeyExport.BOOTSTRAP_LABEL, "-keymatexportlen", "48"),
                REQUEST.getBytes(StandardCharsets.UTF_8))) {
            String stdout = sClient.stdoutAfterExit(15);
            assertTrue("the registration was created; stdout: " + stdout + "; stderr: " + sClient.stderr(), stdout.contains("X-M2M-RSC: 2001"));
            Matcher m = Pattern.compile("Keying material: ([0-9A-Fa-f]+)").matcher(stdout);
            assertTrue("s_client printed the exported keying material; stdout: " + stdout, m.find());
            EnrolmentKey openSsl = EnrolmentKey.fromBootstrapExport(Hex.decode(m.group(1).toLowerCase(Locale.ROOT)), MefOverTlsTest.MEF);
            EnrolmentRecord stored = server.enrolmentKeys().byKeId(openSsl.keId()).orElseThrow(() -> new AssertionError(
                    "no Enrolment Key stored under OpenSSL's KeID " + openSsl.keId()));
            assertArrayEquals("Ke = bytes 16..47 of OpenSSL's export", openSsl.value(), stored.key().value());
            assertEquals(MefOverTlsTest.ENROLEE, stored.enroleeId());
        }
    }
}
