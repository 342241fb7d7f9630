package org.example.mef.impl.server;

import static org.example.mef.impl.server.EstFixture.CSE;
import static org.example.mef.impl.server.EstFixture.KPM;
import static org.example.mef.impl.server.EstFixture.KPM_ID;
import static org.example.mef.impl.server.EstFixture.MEF;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.example.onem2m.testsupport.SClient;
import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * OpenSSL as the MEF Client's EST client with certificate-less mutual authentication (RFC 7030 3.3.3, TS-0003
 * 8.3.6.2.1 for the PPSK-based RSPF): {@code openssl req} makes a P-256 key and a CSR whose subjectAltName is the
 * CERT_PROV command's subject (10.1.4), {@code openssl s_client -psk} sends it to /simpleenroll and fetches /cacerts
 * over TLS_PSK_WITH_AES_128_CBC_SHA256 (10.2.2) with the MEF-FQDN in SNI, and {@code openssl verify} accepts the issued
 * certificate against the chain from cacerts. Skipped only when openssl is not on the PATH.
 */
public class EstOpenSslInteropTest {
    @Rule public final TemporaryFolder folder = new TemporaryFolder();
    private Path openssl;
    private Path dir;
    private EstFixture mef;

    @Before
    public void start() throws IOException {
        Optional<Path> found = SClient.onPath("openssl");
        Assume.assumeTrue("openssl is not on the PATH, so the OpenSSL EST interop test (RFC 7030 3.3.3) is skipped", found.isPresent());
        openssl = found.get();
        dir = folder.getRoot().toPath();
        mef = new EstFixture(dir);
    }

    @After
    public void stop() throws IOException {
        if (mef != null) mef.close();
    }

    /** Runs {@code openssl args...} and returns what it printed; it must succeed. */
    private String openssl(byte[] input, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(openssl.toString()));
        command.addAll(List.of(args));
        try (SClient run = SClient.run(command, input)) {
            String stdout = run.stdoutAfterExit(30);
            assertEquals(command + " failed; stdout: " + stdout + "; stderr: " + run.stderr(), 0, run.exitValue());
            return stdout;
        }
    }

    /** One HTTP/1.1 request through {@code s_client -psk} to the EST port; the answer's status line and body. */
    private String[] est(String method, String operation, String contentType, byte[] body) throws Exception {
        String head = method + " /.well-known/est/" + operation + " HTTP/1.1\r\nHost: " + MEF + "\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\nContent-Transfer-Encoding: base64\r\n")
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        byte[] request = new byte[head.length() + body.length];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, request, 0, head.length());
        System.arraycopy(body, 0, request, head.length(), body.length);
        String out = openssl(request, "s_client", "-connect", "127.0.0.1:" + mef.estPort(), "-tls1_2", "-psk", KPM, "-psk_identity", KPM_ID,
                "-cipher", "PSK-AES128-CBC-SHA256", "-servername", MEF, "-quiet");
        int start = out.indexOf("HTTP/1.1 ");
        assertTrue("s_client printed an HTTP answer: " + out, start >= 0);
        String answer = out.substring(start);
        int split = answer.indexOf("\r\n\r\n");
        return new String[] {answer.substring(0, answer.indexOf("\r\n")), answer.substring(0, split), answer.substring(split + 4)};
    }

    /** A certs-only answer (base64 of a degenerate SignedData) as PEM certificates, through {@code openssl pkcs7}. */
    private Path certificates(String base64, String name) throws Exception {
        Path p7 = Files.write(dir.resolve(name + ".p7"), Base64.getMimeDecoder().decode(base64));
        Path pem = dir.resolve(name + ".pem");
        openssl(new byte[0], "pkcs7", "-inform", "DER", "-in", p7.toString(), "-print_certs", "-out", pem.toString());
        return pem;
    }

    @Test
    public void aCsrOfOpenSslSentWithPskIsIssuedAndVerifiesAgainstCacerts_8_3_6_2_2_RFC7030_3_3_3() throws Exception {
        mef.pendingCertProv(CSE);
        Path key = dir.resolve("cse-key.pem");
        Path csr = dir.resolve("cse.csr");
        openssl(new byte[0], "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.toString(),
                "-subj", "/CN=id-mn-cse-1", "-addext", "subjectAltName=URI:" + CSE.uri(), "-sha256", "-outform", "DER", "-out", csr.toString());

        String[] enrolled = est("POST", "simpleenroll", "application/pkcs10", Base64.getMimeEncoder().encode(Files.readAllBytes(csr)));
        assertEquals(enrolled[1] + "\n" + enrolled[2], "HTTP/1.1 200 OK", enrolled[0]);
        assertTrue(enrolled[1], enrolled[1].contains("Content-Type: application/pkcs7-mime; smime-type=certs-only"));
        Path issued = certificates(enrolled[2], "issued");

        String[] cacerts = est("GET", "cacerts", null, new byte[0]);
        assertEquals(cacerts[1], "HTTP/1.1 200 OK", cacerts[0]);
        assertTrue(cacerts[1], cacerts[1].contains("Content-Type: application/pkcs7-mime"));
        Path ca = certificates(cacerts[2], "cacerts");

        String verified = openssl(new byte[0], "verify", "-CAfile", ca.toString(), "-purpose", "sslclient", issued.toString());
        assertTrue(verified, verified.contains(issued + ": OK"));
        String san = openssl(new byte[0], "x509", "-in", issued.toString(), "-noout", "-ext", "subjectAltName");
        assertTrue(san, san.contains("URI:" + CSE.uri()));
        String pub = openssl(new byte[0], "pkey", "-in", key.toString(), "-pubout");
        String certPub = openssl(new byte[0], "x509", "-in", issued.toString(), "-noout", "-pubkey");
        assertEquals("issued to the key OpenSSL made", pub, certPub);
    }
}
