package org.example.maf.impl.server;

import org.example.onem2m.testsupport.Configs;

import org.example.onem2m.testsupport.SClient;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.example.maf.impl.server.config.PskClientComponent;
import org.example.maf.impl.server.config.PskClientConfiguration;
import org.example.maf.impl.server.config.StakeholderComponent;
import org.example.maf.impl.server.config.StakeholderConfiguration;
import org.example.tef.api.Hex;
import org.example.tef.api.KeyExport;
import org.example.onem2m.primitive.M2mTimestamp;
import org.example.tef.impl.tls.BcSecureChannels;
import org.example.tef.impl.wire.HttpPrimitiveTransport;
import org.example.tef.spi.RegistrationStore;
import org.example.tef.spi.ClientRegistration;
import org.example.tef.spi.KeyRegistration;
import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The MAF procedures with another TLS stack as the MAF Client: OpenSSL's s_client completes the TLS-PSK MAF
 * Handshake (TS-0003 8.8.2.2; TLS 1.2, PSK-AES128-CBC-SHA256 = TLS_PSK_WITH_AES_128_CBC_SHA256 of 10.2.2, SNI of
 * 10.2.1) and carries hand-written HTTP/1.1 requests, exactly as the README shows them. Skipped only when openssl is
 * not on the PATH.
 */
public class OpenSslProcedureInteropTest {
    static final String MAF = "maf.example.com";
    static final String SP = "sp.example.com";
    static final String CLIENT = "//sp.example.com/cse-a";
    static final String KM_ID = "km-cse-a@maf.example.com";
    static final String KM = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    /** The README's MAF Client Registration request (8.8.2.3), byte for byte. */
    static final String REGISTRATION_BODY = "{\"sec:mafClientReg\":{\"et\":\"20991231T235959\",\"lbl\":[\"openssl\"],\"adminFQDN\":\"sp.example.com\"}}";
    static final String REGISTRATION_REQUEST = "POST /~/maf.example.com/mafBase HTTP/1.1\r\n"
            + "Host: maf.example.com\r\n"
            + "X-M2M-Origin: //sp.example.com/cse-a\r\n"
            + "X-M2M-RI: openssl-reg-1\r\n"
            + "Content-Type: application/json\r\n"
            + "Accept: application/json\r\n"
            + "Content-Length: " + REGISTRATION_BODY.getBytes(StandardCharsets.UTF_8).length + "\r\n"
            + "Connection: close\r\n"
            + "\r\n"
            + REGISTRATION_BODY;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path openssl;
    private MafServerComponent server;
    private RegistrationStore store;
    private final List<SClient> started = new ArrayList<>();

    @Before
    public void startAMafWithOnePskClientThatItsStakeholderPreAuthorizes() throws IOException {
        Optional<Path> found = SClient.onPath("openssl");
        Assume.assumeTrue("openssl is not on the PATH, so the OpenSSL procedure interop test (TS-0003 8.8.2.3, 10.2.2) is skipped", found.isPresent());
        openssl = found.get();
        store = Registries.durable(folder.getRoot().toPath());
        server = new MafServerComponent(new BcSecureChannels(), new HttpPrimitiveTransport(), store,
                Configs.of(MafServerConfiguration.class, "fqdn", MAF, "port", 0));
        server.addStakeholder(new StakeholderComponent(Configs.of(StakeholderConfiguration.class, "adminFqdn", SP,
                "preAuthorizedClients", new String[] {CLIENT})));
        server.addPskClient(new PskClientComponent(Configs.of(PskClientConfiguration.class, "kmId", KM_ID, "km", KM, "clientId", CLIENT)));
    }

    @After
    public void stop() throws Exception {
        for (SClient c : started) c.close();
        if (server != null) server.deactivate();
        if (store != null) store.close();
    }

    /** The README's command; {@code extra} replaces -quiet. */
    private SClient sClient(String input, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(openssl.toString(), "s_client", "-connect", "127.0.0.1:" + server.address().getPort(),
                "-tls1_2", "-psk", KM, "-psk_identity", KM_ID, "-cipher", "PSK-AES128-CBC-SHA256", "-servername", MAF));
        command.addAll(extra.length == 0 ? List.of("-quiet") : Arrays.asList(extra));
        SClient c = SClient.run(command, input.getBytes(StandardCharsets.UTF_8));
        started.add(c);
        return c;
    }

    /** One HTTP/1.1 response of the MAF within s_client's output: status line, headers by lower-case name, body. */
    private static final class HttpAnswer {
        final String statusLine;
        final java.util.Map<String, String> headers = new java.util.HashMap<>();
        final String body;

        HttpAnswer(String text) {
            int headEnd = text.indexOf("\r\n\r\n");
            assertTrue("a complete HTTP head in: " + text, headEnd > 0);
            String[] lines = text.substring(0, headEnd).split("\r\n");
            statusLine = lines[0];
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.get("content-length"));
            byte[] rest = text.substring(headEnd + 4).getBytes(StandardCharsets.UTF_8);
            body = new String(rest, 0, Math.min(length, rest.length), StandardCharsets.UTF_8);
        }

        JsonObject content(String wrapper) { return JsonParser.parseString(body).getAsJsonObject().getAsJsonObject(wrapper); }
    }

    private static List<HttpAnswer> answers(String stdout) {
        List<HttpAnswer> answers = new ArrayList<>();
        for (int at = stdout.indexOf("HTTP/1.1 "); at >= 0; at = stdout.indexOf("HTTP/1.1 ", at + 1)) answers.add(new HttpAnswer(stdout.substring(at)));
        return answers;
    }

    @Test
    public void aMafClientRegistrationWrittenByHandThroughOpenSslIsCreated_8_8_2_3() throws Exception {
        Instant before = Instant.now();
        SClient sClient = sClient(REGISTRATION_REQUEST);
        String stdout = sClient.stdoutAfterExit(15);

        List<HttpAnswer> answers = answers(stdout);
        assertEquals("one answer; stdout: " + stdout + "; stderr: " + sClient.stderr(), 1, answers.size());
        HttpAnswer answer = answers.get(0);
        assertTrue(answer.statusLine, answer.statusLine.startsWith("HTTP/1.1 201"));
        assertEquals("CREATED (TS-0004 6.6.3.3)", "2001", answer.headers.get("x-m2m-rsc"));
        assertEquals("openssl-reg-1", answer.headers.get("x-m2m-ri"));
        assertEquals("close", answer.headers.get("connection"));
        JsonObject registration = answer.content("sec:mafClientReg");
        String id = registration.get("mafClientRegID").getAsString();
        assertEquals("/maf.example.com/mafBase/regs/" + id, answer.headers.get("content-location"));
        assertEquals("the MAF Client ID is the one the KmID is bound to (8.8.2.2)", CLIENT, registration.get("mafClientID").getAsString());
        assertEquals(SP, registration.get("adminFQDN").getAsString());
        assertEquals("openssl", registration.getAsJsonArray("lbl").get(0).getAsString());
        Instant et = M2mTimestamp.parse(registration.get("et").getAsString());
        assertTrue("2099 is shortened to the stakeholder's longest registration (8.8.2.3): " + et,
                et.isAfter(before) && !et.isAfter(Instant.now().plus(Duration.ofSeconds(31_536_000L))));

        ClientRegistration stored = server.store().clientRegistration(id).orElseThrow();
        assertEquals(CLIENT, stored.clientId());
        assertEquals(KM_ID, stored.credential());
        assertEquals(SP, stored.adminFqdn());
        assertEquals(et, stored.expirationTime());
    }

    @Test
    public void aKeyRegisteredInOpenSslsSessionIsTheKeyOpenSslExports_10_3_1() throws Exception {
        String keyBody = "{\"sec:symmKeyReg\":{\"et\":\"20991231T235959\",\"adminFQDN\":\"sp.example.com\",\"suid\":32,"
                + "\"targetIDs\":[\"//sp.example.com/cse-b\"]}}";
        String keyRequest = "POST /~/maf.example.com/mafBase HTTP/1.1\r\nHost: maf.example.com\r\nX-M2M-Origin: //sp.example.com/cse-a\r\n"
                + "X-M2M-RI: openssl-key-1\r\nContent-Type: application/json\r\nContent-Length: " + keyBody.length()
                + "\r\nConnection: close\r\n\r\n" + keyBody;
        // Registration and key registration in one session (HTTP/1.1 keep-alive): the key comes from this session's exporter.
        SClient sClient = sClient(REGISTRATION_REQUEST.replace("Connection: close\r\n", "") + keyRequest, "-ign_eof",
                "-keymatexport", KeyExport.CONNECTION_LABEL, "-keymatexportlen", String.valueOf(KeyExport.LENGTH));
        String stdout = sClient.stdoutAfterExit(15);

        List<HttpAnswer> answers = answers(stdout);
        assertEquals("two answers; stdout: " + stdout + "; stderr: " + sClient.stderr(), 2, answers.size());
        assertEquals("2001", answers.get(0).headers.get("x-m2m-rsc"));
        assertEquals("2001", answers.get(1).headers.get("x-m2m-rsc"));
        Matcher m = Pattern.compile("Keying material: ([0-9A-Fa-f]+)").matcher(stdout);
        assertTrue("s_client printed the exported keying material; stdout: " + stdout, m.find());
        KeyExport openSslExport = KeyExport.split(Hex.decode(m.group(1).toLowerCase(Locale.ROOT)));

        String relativeKeyId = answers.get(1).content("sec:symmKeyReg").get("relativeKeyID").getAsString();
        assertEquals("RelativeKeyID = hexBinary(KcID), bytes 0..15 of OpenSSL's export (10.3.1, 10.3.5)", openSslExport.relativeKeyId(), relativeKeyId);
        KeyRegistration stored = server.store().keyRegistration(relativeKeyId).orElseThrow();
        assertArrayEquals("the MAF stores Kc = bytes 16..47 of the same export", openSslExport.key(), stored.keyValue());
        assertEquals(CLIENT, stored.sourceClientId());
        assertEquals(List.of("//sp.example.com/cse-b"), stored.targetIds());
    }
}
