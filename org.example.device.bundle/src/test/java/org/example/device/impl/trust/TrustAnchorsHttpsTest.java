package org.example.device.impl.trust;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import org.example.onem2m.testsupport.TestPki;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/** TS-0003 8.3.9.9.7's HTTPS GET through {@link TrustAnchors#https}, against a real HTTPS server on the loopback. */
public class TrustAnchorsHttpsTest {
    private static final char[] PASSWORD = "test".toCharArray();

    private static HttpsServer server;
    private static ExecutorService executor;
    private static SSLContext trustingTheServer;
    private static X509Certificate anchor;
    private static X509Certificate other;
    private static final AtomicInteger bundleGets = new AtomicInteger();

    @BeforeClass
    public static void startServer() throws Exception {
        anchor = new TestPki("Device Trust Anchor").ca;
        other = new TestPki("Some Other CA").ca;
        TestPki serverPki = new TestPki("Web Server CA");
        TestPki.Issued web = serverPki.server("localhost");

        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", web.privateKey(), PASSWORD, web.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("web-ca", serverPki.ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        trustingTheServer = SSLContext.getInstance("TLS");
        trustingTheServer.init(null, tmf.getTrustManagers(), null);

        byte[] bundle = TrustAnchorsTest.pem(other, anchor); // the matching certificate is not the first
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        server.createContext("/ca/bundle.pem", exchange -> {
            bundleGets.incrementAndGet();
            answer(exchange, 200, bundle);
        });
        server.createContext("/ca/huge.pem", exchange -> answer(exchange, 200, new byte[HttpsFetcher.MAX_BYTES + 1]));
        server.createContext("/ca/moved.pem", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://localhost:" + port() + "/ca/bundle.pem");
            answer(exchange, 302, new byte[0]);
        });
        server.createContext("/ca/slow.pem", exchange -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, bundle);
        });
        server.createContext("/", exchange -> answer(exchange, 404, new byte[0]));
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.start();
    }

    @AfterClass
    public static void stopServer() {
        if (server != null) server.stop(0);
        if (executor != null) executor.shutdownNow();
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static int port() {
        return server.getAddress().getPort();
    }

    private static String uri(String path) {
        return "https://localhost:" + port() + path; // the server certificate's dNSName
    }

    @Test
    public void aTrustAnchorIsRetrievedByAnHttpsGetAndKept_8_3_9_9_7() throws Exception {
        int before = bundleGets.get();
        try (TrustAnchors anchors = TrustAnchors.https(null, Duration.ofSeconds(10), trustingTheServer)) {
            assertEquals(anchor, anchors.process("mo-1", TrustAnchorsTest.sha256Hex(anchor), uri("/ca/bundle.pem")));
            assertEquals(anchor, anchors.process("mo-2", TrustAnchorsTest.sha256Hex(anchor), uri("/ca/bundle.pem")));
            assertEquals(List.of(anchor), anchors.all());
        }
        assertEquals(1, bundleGets.get() - before); // the second MO found it held
    }

    @Test
    public void anHttpsGetThatFailsIsAProcessingFailure_8_3_9_9_7() throws Exception {
        String fingerprint = TrustAnchorsTest.sha256Hex(anchor);
        // 10 s for the answers that come at once: the first HTTPS exchange of a JVM (java.net.http, a JSSE handshake)
        // can take over a second on a busy machine, and would then fail for the wrong reason
        try (TrustAnchors anchors = TrustAnchors.https(null, Duration.ofSeconds(10), trustingTheServer)) {
            assertFailure(anchors, fingerprint, uri("/ca/nothing.pem"), "answered HTTP status 404");
            assertFailure(anchors, fingerprint, uri("/ca/huge.pem"), "larger than 65536 bytes");
            assertFailure(anchors, fingerprint, uri("/ca/moved.pem"), "answered HTTP status 302"); // never to http:
            assertTrue(anchors.all().isEmpty());
        }
        try (TrustAnchors impatient = TrustAnchors.https(null, Duration.ofSeconds(1), trustingTheServer)) {
            assertFailure(impatient, fingerprint, uri("/ca/slow.pem"), "within PT1S"); // it answers after 5 s
            assertTrue(impatient.all().isEmpty());
        }
        try (TrustAnchors defaultTrust = TrustAnchors.https(null, Duration.ofSeconds(10), null)) {
            TrustAnchorException e = assertFailure(defaultTrust, fingerprint, uri("/ca/bundle.pem"), "HTTPS GET");
            Throwable cause = e;
            while (cause != null && !(cause instanceof SSLException)) cause = cause.getCause();
            assertTrue("the server's certificate was not verified: " + e, cause != null);
        }
    }

    @Test
    public void anHttpUriIsRefusedByTheHttpsFetcher_8_3_9_9_7() throws Exception {
        try (TrustAnchors anchors = TrustAnchors.https(null, Duration.ofSeconds(10), trustingTheServer)) {
            String plain = "http://localhost:" + port() + "/ca/bundle.pem";
            assertFailure(anchors, TrustAnchorsTest.sha256Hex(anchor), plain, plain + " is not an https: URI");
        }
    }

    private static TrustAnchorException assertFailure(TrustAnchors anchors, String fingerprint, String uri, String reason) {
        TrustAnchorException e = TrustAnchorsTest.failure(anchors, "mo-x", fingerprint, uri);
        assertTrue(e.getMessage(), e.getMessage().contains(reason) && e.getMessage().contains(uri));
        return e;
    }
}
