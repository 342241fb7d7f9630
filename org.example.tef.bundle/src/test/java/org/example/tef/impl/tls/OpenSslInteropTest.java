package org.example.tef.impl.tls;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private Process process;
    private Path stderr;
    private final List<Path> pemFiles = new ArrayList<>();

    @Before
    public void findOpenSsl() throws IOException {
        Optional<Path> found = onPath("openssl");
        Assume.assumeTrue("openssl is not on the PATH, so the OpenSSL interop test (TS-0003 10.2.2) is skipped", found.isPresent());
        openssl = found.get();
        stderr = Files.createTempFile("s_client", ".stderr");
    }

    @After
    public void stopOpenSsl() throws Exception {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        if (stderr != null) Files.deleteIfExists(stderr);
        for (Path file : pemFiles) Files.deleteIfExists(file);
    }

    private TlsListener listen(RecordingHandler handler) throws IOException {
        TlsServerConfig config = TlsServerConfig.builder(MAF_FQDN).psk(kmTable())
            .exporterLabels(List.of(KeyExport.CONNECTION_LABEL)).handshakeTimeoutMillis(5_000).idleTimeoutMillis(5_000).build();
        return track((TlsListener) channels.listen(config, handler));
    }

    /**
     * Starts s_client against the server and sends one line; its stdout is collected by a daemon thread. With
     * -quiet stdout carries only application data; {@code extra} replaces -quiet.
     */
    private StdoutCollector sClient(TlsListener server, byte[] key, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(openssl.toString(), "s_client",
            "-connect", "127.0.0.1:" + server.address().getPort(), "-tls1_2",
            "-psk", Hex.encode(key), "-psk_identity", KM_ID,
            "-cipher", "PSK-AES128-CBC-SHA256", "-servername", MAF_FQDN));
        command.addAll(extra.length == 0 ? List.of("-quiet") : List.of(extra));
        return start(command);
    }

    private StdoutCollector start(List<String> command) throws IOException {
        process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        StdoutCollector stdout = new StdoutCollector(process.getInputStream());
        OutputStream stdin = process.getOutputStream();
        try {
            stdin.write((LINE + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException endedAlready) {
            // s_client can end before it reads its input (a handshake the server refused, as some tests want); what it
            // did is what each test checks, so its input not arriving is no failure of the test ("Stream closed" seen in CI)
        }
        return stdout;
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

        StdoutCollector stdout = sClient(server, KM);

        RecordingHandler.Seen seen = handler.next();
        assertEquals(LINE, seen.line);

        String expected = RecordingHandler.replyTo(LINE);
        assertTrue("s_client printed the handler's reply; stdout: " + stdout.text() + "; stderr: " + stderrText(),
            stdout.waitFor(expected, 10_000));
    }

    @Test
    public void openSslExportsTheSameKeyingMaterialUnderTheConnectionLabelWithNoContext_10_3_1() throws Exception {
        RecordingHandler handler = RecordingHandler.lineReply(List.of(KeyExport.CONNECTION_LABEL));
        TlsListener server = listen(handler);

        // s_client -keymatexport calls SSL_export_keying_material with use_context = 0, i.e. no context.
        StdoutCollector stdout = sClient(server, KM, "-ign_eof",
            "-keymatexport", KeyExport.CONNECTION_LABEL, "-keymatexportlen", String.valueOf(KeyExport.LENGTH));

        RecordingHandler.Seen seen = handler.next();
        assertTrue("s_client ends after the server closes", process.waitFor(10, TimeUnit.SECONDS));
        Matcher m = Pattern.compile("Keying material: ([0-9A-Fa-f]+)").matcher(stdout.text());
        assertTrue("s_client printed the exported keying material; stdout: " + stdout.text() + "; stderr: " + stderrText(), m.find());
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

        assertTrue("s_client ends within 10 s", process.waitFor(10, TimeUnit.SECONDS));
        assertNotEquals("s_client reports the failed handshake; stderr: " + stderrText(), 0, process.exitValue());
        assertTrue(eventually(() -> !server.handshakeFailures().isEmpty()));
    }

    @Test
    public void openSslClientWithAWrongKeyNeverReachesTheHandler() throws Exception {
        RecordingHandler handler = RecordingHandler.lineReply(List.of());
        TlsListener server = listen(handler);

        StdoutCollector stdout = sClient(server, wrongKm());

        assertTrue("s_client ends within 10 s", process.waitFor(10, TimeUnit.SECONDS));
        assertTrue(eventually(() -> !server.handshakeFailures().isEmpty()));
        assertEquals(0, handler.calls());
        assertFalse(stdout.text(), stdout.text().contains(RecordingHandler.replyTo(LINE)));
    }

    @Test
    public void openSslClientWithAWrongKeyIsLoggedWithoutKeyMaterial() throws Exception {
        TlsListener server = listen(RecordingHandler.lineReply(List.of()));
        byte[] wrong = wrongKm();

        sClient(server, wrong);

        assertTrue("s_client ends within 10 s", process.waitFor(10, TimeUnit.SECONDS));
        assertTrue(eventually(() -> !server.handshakeFailures().isEmpty()));
        String logged = server.handshakeFailures().get(0);
        assertFalse(logged, logged.contains(Hex.encode(KM)) || logged.contains(Hex.encode(wrong)));
    }

    @Test
    public void openSslClientCompletesACertificateHandshakeWithTheMandatorySuite_10_2_3() throws Exception {
        CertificateFixture pki = new CertificateFixture();
        RecordingHandler handler = RecordingHandler.lineReply(List.of(KeyExport.CONNECTION_LABEL));
        TlsListener server = pki.listen(handler);

        StdoutCollector stdout = start(pki.sClient(server, true));

        RecordingHandler.Seen seen = handler.next();
        assertEquals(LINE, seen.line);
        assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", 0xC023, seen.cipherSuite);
        assertEquals(Optional.of("/id-mn-cse-9"), seen.peerId);
        assertEquals("CN=mn-cse-9", seen.peerCredential);
        assertTrue("s_client verified the MAF certificate and printed the reply; stdout: " + stdout.text() + "; stderr: " + stderrText(),
            stdout.waitFor(RecordingHandler.replyTo(LINE), 10_000));
    }

    @Test
    public void openSslClientWithoutACertificateIsRefusedByACertificateServer_8_8_2_2() throws Exception {
        CertificateFixture pki = new CertificateFixture();
        RecordingHandler handler = RecordingHandler.lineReply(List.of());
        TlsListener server = pki.listen(handler);

        StdoutCollector stdout = start(pki.sClient(server, false));

        assertTrue("s_client ends within 10 s", process.waitFor(10, TimeUnit.SECONDS));
        assertTrue(eventually(() -> !server.handshakeFailures().isEmpty()));
        assertTrue(server.handshakeFailures().get(0), server.handshakeFailures().get(0).contains("no certificate"));
        assertEquals(0, handler.calls());
        assertFalse(stdout.text(), stdout.text().contains(RecordingHandler.replyTo(LINE)));
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
                .exporterLabels(List.of(KeyExport.CONNECTION_LABEL)).handshakeTimeoutMillis(5_000).idleTimeoutMillis(5_000).build();
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

    private String stderrText() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /** Collects a process's stdout on a daemon thread, so reading it never blocks the test. */
    private static final class StdoutCollector {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        StdoutCollector(InputStream in) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[1024];
                try {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        synchronized (bytes) {
                            bytes.write(buffer, 0, n);
                        }
                    }
                } catch (IOException ignored) {
                    // the process went away
                }
            }, "s_client-stdout");
            thread.setDaemon(true);
            thread.start();
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }

        boolean waitFor(String expected, long millis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (!text().contains(expected)) {
                if (System.nanoTime() > deadline) return false;
                Thread.sleep(20);
            }
            return true;
        }
    }
}
