package org.example.tef.impl.tls;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.example.onem2m.testsupport.SClient;
import org.example.onem2m.testsupport.TestPki;
import org.example.tef.api.Hex;
import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.CertificateCredential;
import org.example.tef.api.channel.TlsServerConfig;
import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;

/**
 * Interoperability of the server with another TLS stack: OpenSSL's s_client, TLS 1.2 with SNI, offering only the
 * mandatory suite: TLS_PSK_WITH_AES_128_CBC_SHA256 (PSK-AES128-CBC-SHA256, TS-0003 10.2.2) or
 * TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 (ECDHE-ECDSA-AES128-SHA256, 10.2.3). Skipped only when openssl is not on
 * the PATH.
 */
public class OpenSslInteropTest extends TlsTestSupport {
    private static final String LINE = "hello MAF from openssl s_client";

    private Path openssl;
    private SClient client;
    private final List<Path> pemFiles = new ArrayList<>();

    @Before
    public void findOpenSsl() {
        Optional<Path> found = SClient.onPath("openssl");
        Assume.assumeTrue("openssl is not on the PATH, so the OpenSSL interop test (TS-0003 10.2.2) is skipped", found.isPresent());
        openssl = found.get();
    }

    @After
    public void stopOpenSsl() throws Exception {
        if (client != null) client.close();
        for (Path file : pemFiles) Files.deleteIfExists(file);
    }

    private TlsListener listen(RecordingHandler handler) throws IOException {
        TlsServerConfig config = TlsServerConfig.builder(MAF_FQDN).psk(kmTable())
            .exporterLabels(List.of(KeyExport.CONNECTION_LABEL)).handshakeTimeoutMillis(15_000).idleTimeoutMillis(15_000).build();
        return track((TlsListener) channels.listen(config, handler));
    }

    /**
     * Starts s_client against the server and sends one line; its stdout is collected by a daemon thread (SClient). With
     * -quiet stdout carries only application data; {@code extra} replaces -quiet.
     */
    private SClient sClient(TlsListener server, byte[] key, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(openssl.toString(), "s_client",
            "-connect", "127.0.0.1:" + server.address().getPort(), "-tls1_2",
            "-psk", Hex.encode(key), "-psk_identity", KM_ID,
            "-cipher", "PSK-AES128-CBC-SHA256", "-servername", MAF_FQDN));
        command.addAll(extra.length == 0 ? List.of("-quiet") : List.of(extra));
        return start(command);
    }

    /** Starts the command and sends it one line, leaving its stdin open. */
    private SClient start(List<String> command) throws IOException {
        client = SClient.start(command, (LINE + "\n").getBytes(StandardCharsets.UTF_8));
        return client;
    }

    @Test
    public void openSslClientCompletesAPskHandshakeWithTheMandatorySuite_10_2_2() throws Exception {
        RecordingHandler handler = RecordingHandler.lineReply(List.of(KeyExport.CONNECTION_LABEL));
        TlsListener server = listen(handler);

        sClient(server, KM);

        RecordingHandler.Seen seen = handler.next();
        assertEquals("TLS_PSK_WITH_AES_128_CBC_SHA256", 0x00AE, seen.cipherSuite);
        assertEquals(KM_ID, seen.peerCredential);
        assertEquals(Optional.of(ENTITY_ID), seen.peerId);
        assertEquals(MAF_FQDN, seen.serverName);
        assertEquals(KeyExport.LENGTH, seen.exported.get(0).length);
    }

    @Test
    public void openSslClientExchangesDataOverAPskSession() throws Exception {
        RecordingHandler handler = RecordingHandler.lineReply(List.of(KeyExport.CONNECTION_LABEL));
        TlsListener server = listen(handler);

        SClient stdout = sClient(server, KM);

        RecordingHandler.Seen seen = handler.next();
        assertEquals(LINE, seen.line);

        String expected = RecordingHandler.replyTo(LINE);
        assertTrue("s_client printed the handler's reply; stdout: " + stdout.stdout() + "; stderr: " + client.stderr(),
            stdout.awaitStdout(expected, 10_000));
    }

    @Test
    public void openSslExportsTheSameKeyingMaterialUnderTheConnectionLabelWithNoContext_10_3_1() throws Exception {
        RecordingHandler handler = RecordingHandler.lineReply(List.of(KeyExport.CONNECTION_LABEL));
        TlsListener server = listen(handler);

        // s_client -keymatexport calls SSL_export_keying_material with use_context = 0, i.e. no context.
        SClient stdout = sClient(server, KM, "-ign_eof",
            "-keymatexport", KeyExport.CONNECTION_LABEL, "-keymatexportlen", String.valueOf(KeyExport.LENGTH));

        RecordingHandler.Seen seen = handler.next();
        assertTrue("s_client ends after the server closes, its stdout read to the end", client.awaitExit(10));
        Matcher m = Pattern.compile("Keying material: ([0-9A-Fa-f]+)").matcher(stdout.stdout());
        assertTrue("s_client printed the exported keying material; stdout: " + stdout.stdout() + "; stderr: " + client.stderr(), m.find());
        assertEquals(Hex.encode(seen.exported.get(0)), m.group(1).toLowerCase(Locale.ROOT));
    }

    private static byte[] wrongKm() {
        byte[] wrong = KM.clone();
        wrong[31] ^= 0x55;
        return wrong;
    }

    @Test
    public void openSslClientWithAWrongKeyFails_RFC4279_2() throws Exception {
        TlsListener server = listen(RecordingHandler.lineReply(List.of()));

        sClient(server, wrongKm());

        assertTrue("s_client ends within 10 s", client.awaitExit(10));
        assertNotEquals("s_client reports the failed handshake; stderr: " + client.stderr(), 0, client.exitValue());
        assertTrue(eventually(() -> !server.handshakeFailures().isEmpty()));
    }

    @Test
    public void openSslClientWithAWrongKeyNeverReachesTheHandler() throws Exception {
        RecordingHandler handler = RecordingHandler.lineReply(List.of());
        TlsListener server = listen(handler);

        SClient stdout = sClient(server, wrongKm());

        assertTrue("s_client ends within 10 s", client.awaitExit(10));
        assertTrue(eventually(() -> !server.handshakeFailures().isEmpty()));
        assertEquals(0, handler.calls());
        assertFalse(stdout.stdout(), stdout.stdout().contains(RecordingHandler.replyTo(LINE)));
    }

    @Test
    public void openSslClientWithAWrongKeyIsLoggedWithoutKeyMaterial() throws Exception {
        TlsListener server = listen(RecordingHandler.lineReply(List.of()));
        byte[] wrong = wrongKm();

        sClient(server, wrong);

        assertTrue("s_client ends within 10 s", client.awaitExit(10));
        assertTrue(eventually(() -> !server.handshakeFailures().isEmpty()));
        String logged = server.handshakeFailures().get(0);
        assertFalse(logged, logged.contains(Hex.encode(KM)) || logged.contains(Hex.encode(wrong)));
    }

    @Test
    public void openSslClientCompletesACertificateHandshakeWithTheMandatorySuite_10_2_3() throws Exception {
        CertificateFixture pki = new CertificateFixture();
        RecordingHandler handler = RecordingHandler.lineReply(List.of(KeyExport.CONNECTION_LABEL));
        TlsListener server = pki.listen(handler);

        SClient stdout = start(pki.sClient(server, true));

        RecordingHandler.Seen seen = handler.next();
        assertEquals(LINE, seen.line);
        assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", 0xC023, seen.cipherSuite);
        assertEquals(Optional.of("/id-mn-cse-9"), seen.peerId);
        assertEquals("CN=mn-cse-9", seen.peerCredential);
        assertTrue("s_client verified the MAF certificate and printed the reply; stdout: " + stdout.stdout() + "; stderr: " + client.stderr(),
            stdout.awaitStdout(RecordingHandler.replyTo(LINE), 10_000));
    }

    @Test
    public void openSslClientWithoutACertificateIsRefusedByACertificateServer_8_8_2_2() throws Exception {
        CertificateFixture pki = new CertificateFixture();
        RecordingHandler handler = RecordingHandler.lineReply(List.of());
        TlsListener server = pki.listen(handler);

        SClient stdout = start(pki.sClient(server, false));

        assertTrue("s_client ends within 10 s", client.awaitExit(10));
        assertTrue(eventually(() -> !server.handshakeFailures().isEmpty()));
        assertTrue(server.handshakeFailures().get(0), server.handshakeFailures().get(0).contains("no certificate"));
        assertEquals(0, handler.calls());
        assertFalse(stdout.stdout(), stdout.stdout().contains(RecordingHandler.replyTo(LINE)));
    }

    /** A test PKI written as PEM files for s_client, and a certificate-only server using it. */
    private final class CertificateFixture {
        final TestPki pki = new TestPki("oneM2M interop CA");
        final CertificateCredential maf = pki.server(MAF_FQDN).as(CertificateCredential::new);
        final CertificateCredential client = pki.clientWithUri("mn-cse-9", "urn:onem2m:cse:/id-mn-cse-9").as(CertificateCredential::new);
        final Path caPem = pem("ca", "CERTIFICATE", pki.ca.getEncoded());
        final Path clientPem = pem("client", "CERTIFICATE", client.chain().get(0).getEncoded());
        final Path clientKeyPem = pem("client-key", "PRIVATE KEY", client.privateKey().getEncoded());

        CertificateFixture() throws Exception {}

        TlsListener listen(RecordingHandler handler) throws IOException {
            TlsServerConfig config = TlsServerConfig.builder(MAF_FQDN)
                .certificate(maf, List.of(pki.ca), chain -> chain.get(0).getSubjectX500Principal().getName().equals("CN=mn-cse-9")
                    ? Optional.of("/id-mn-cse-9") : Optional.empty())
                .exporterLabels(List.of(KeyExport.CONNECTION_LABEL)).handshakeTimeoutMillis(15_000).idleTimeoutMillis(15_000).build();
            return track((TlsListener) channels.listen(config, handler));
        }

        List<String> sClient(TlsListener server, boolean withCertificate) {
            List<String> command = new ArrayList<>(List.of(openssl.toString(), "s_client",
                "-connect", "127.0.0.1:" + server.address().getPort(), "-tls1_2",
                "-cipher", "ECDHE-ECDSA-AES128-SHA256", "-servername", MAF_FQDN,
                "-CAfile", caPem.toString(), "-verify_return_error", "-verify_hostname", MAF_FQDN, "-quiet"));
            if (withCertificate) command.addAll(List.of("-cert", clientPem.toString(), "-key", clientKeyPem.toString()));
            return command;
        }
    }

    private Path pem(String name, String type, byte[] der) throws IOException {
        Path file = Files.createTempFile(name, ".pem");
        pemFiles.add(file);
        return TestPki.pem(file, type, der);
    }

}
