package org.example.tef.impl.tls;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.tls.CipherSuite;
import org.example.tef.api.Hex;
import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.channel.TlsServerConfig;
import org.junit.Test;

/** TLS-PSK sessions (TS-0003 10.2.2, MAF Handshake 8.8.2.2) and their key export (10.3.1). */
public class PskChannelTest extends TlsTestSupport {
    private static final List<String> LABELS = List.of(KeyExport.CONNECTION_LABEL, KeyExport.BOOTSTRAP_LABEL);
    private static final List<Integer> PSK_SUITES = List.of(
        CipherSuite.TLS_PSK_WITH_AES_128_CBC_SHA256, CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_PSK_WITH_AES_128_CCM, CipherSuite.TLS_PSK_WITH_AES_128_CCM_8);

    private TlsListener listen(RecordingHandler handler) throws IOException {
        TlsServerConfig config = TlsServerConfig.builder(MAF_FQDN).psk(kmTable()).exporterLabels(LABELS)
            .handshakeTimeoutMillis(15_000).idleTimeoutMillis(15_000).build();
        return track((TlsListener) channels.listen(config, handler));
    }

    private static TlsClientConfig client(TlsListener server, String identity, byte[] key) {
        return TlsClientConfig.builder("127.0.0.1", server.address().getPort(), MAF_FQDN)
            .psk(new PskCredential(identity, key, null)).exporterLabels(LABELS)
            .connectTimeoutMillis(15_000).readTimeoutMillis(15_000).build();
    }

    @Test
    public void pskHandshakeExportsTheSame48ByteConnectionKeyOnBothSides_10_3_1() throws Exception {
        RecordingHandler handler = RecordingHandler.echo(LABELS);
        TlsListener server = listen(handler);
        try (SecureSession session = channels.connect(client(server, KM_ID, KM))) {
            RecordingHandler.Seen onServer = handler.next();

            byte[] clientKc = session.exported(KeyExport.CONNECTION_LABEL);
            byte[] serverKc = onServer.exported.get(0);
            assertEquals(KeyExport.LENGTH, clientKc.length);
            assertArrayEquals("both peers derive the same exporter output", clientKc, serverKc);
            assertFalse("the exporter output is not all zero", Arrays.equals(new byte[48], clientKc));

            // Kc = 32 least significant bytes, KcID = 16 most significant bytes, on each side alike.
            KeyExport clientSplit = KeyExport.split(clientKc);
            KeyExport serverSplit = KeyExport.split(serverKc);
            assertArrayEquals(serverSplit.key(), clientSplit.key());
            assertArrayEquals(serverSplit.identifier(), clientSplit.identifier());
            assertEquals(serverSplit.relativeKeyId(), clientSplit.relativeKeyId());

            // Each label gives its own value.
            assertArrayEquals(onServer.exported.get(1), session.exported(KeyExport.BOOTSTRAP_LABEL));
            assertNotEquals(Hex.encode(clientKc), Hex.encode(session.exported(KeyExport.BOOTSTRAP_LABEL)));
        }
    }

    @Test
    public void pskSessionReportsWhoAuthenticated_8_8_2_2() throws Exception {
        RecordingHandler handler = RecordingHandler.echo(LABELS);
        TlsListener server = listen(handler);
        try (SecureSession session = channels.connect(client(server, KM_ID, KM))) {
            RecordingHandler.Seen onServer = handler.next();

            assertEquals(SecureSession.Authentication.PSK, onServer.authentication);
            assertEquals(KM_ID, onServer.peerCredential);
            assertEquals(Optional.of(ENTITY_ID), onServer.peerId);
            assertEquals(MAF_FQDN, onServer.serverName);

            assertEquals(SecureSession.Authentication.PSK, session.authentication());
            assertEquals(KM_ID, session.peerCredential());
            assertEquals(Optional.empty(), session.peerId());
            assertEquals(MAF_FQDN, session.serverName());
        }
    }

    @Test
    public void pskSessionReportsTheNegotiatedOfferedSuite_10_2_2() throws Exception {
        RecordingHandler handler = RecordingHandler.echo(LABELS);
        TlsListener server = listen(handler);
        try (SecureSession session = channels.connect(client(server, KM_ID, KM))) {
            RecordingHandler.Seen onServer = handler.next();

            assertTrue("negotiated " + Suites.hex(onServer.cipherSuite), PSK_SUITES.contains(onServer.cipherSuite));
            assertEquals(onServer.cipherSuite, session.cipherSuite());
            System.out.println("PSK suite negotiated with the default offer: " + Suites.hex(session.cipherSuite()));
        }
    }

    @Test
    public void mandatorySuiteTlsPskWithAes128CbcSha256WorksAlone_10_2_2() throws Exception {
        RecordingHandler handler = RecordingHandler.echo(LABELS);
        TlsListener server = listen(handler);
        int[] onlyMandatory = {CipherSuite.TLS_PSK_WITH_AES_128_CBC_SHA256};
        try (SecureSession session = channels.connect(client(server, KM_ID, KM), onlyMandatory, true)) {
            assertEquals(0x00AE, session.cipherSuite());
            assertEquals(0x00AE, handler.next().cipherSuite);
            assertEchoes(session, 1000);
        }
    }

    @Test
    public void eachOfferedPskSuiteCompletesAHandshakeOnItsOwn_10_2_2() throws Exception {
        RecordingHandler handler = RecordingHandler.echo(LABELS);
        TlsListener server = listen(handler);
        for (int suite : PSK_SUITES) {
            try (SecureSession session = channels.connect(client(server, KM_ID, KM), new int[] {suite}, true)) {
                assertEquals(suite, session.cipherSuite());
                assertArrayEquals(handler.next().exported.get(0), session.exported(KeyExport.CONNECTION_LABEL));
                assertEchoes(session, 100);
            }
        }
    }

    private static byte[] wrongKm() {
        byte[] wrong = KM.clone();
        wrong[0] ^= 1;
        return wrong;
    }

    @Test
    public void wrongPskFailsTheHandshakeOnBothSides_RFC4279_2() throws Exception {
        TlsListener server = listen(RecordingHandler.echo(LABELS));

        IOException e = assertThrows(IOException.class, () -> channels.connect(client(server, KM_ID, wrongKm())));
        assertTrue(e.getMessage(), e.getMessage().startsWith("TLS handshake with 127.0.0.1:"));

        assertTrue("the server records a failed handshake", eventually(() -> !server.handshakeFailures().isEmpty()));
    }

    @Test
    public void wrongPskNeverReachesTheHandler() throws Exception {
        RecordingHandler handler = RecordingHandler.echo(LABELS);
        TlsListener server = listen(handler);

        assertThrows(IOException.class, () -> channels.connect(client(server, KM_ID, wrongKm())));

        assertTrue("the server records a failed handshake", eventually(() -> !server.handshakeFailures().isEmpty()));
        assertEquals(0, handler.calls());
    }

    @Test
    public void wrongPskIsLoggedWithoutKeyMaterial() throws Exception {
        TlsListener server = listen(RecordingHandler.echo(LABELS));
        byte[] wrong = wrongKm();

        assertThrows(IOException.class, () -> channels.connect(client(server, KM_ID, wrong)));

        assertTrue("the server records a failed handshake", eventually(() -> !server.handshakeFailures().isEmpty()));
        String logged = server.handshakeFailures().get(0);
        assertFalse(logged, logged.contains(Hex.encode(KM)));
        assertFalse(logged, logged.contains(Hex.encode(wrong)));
    }

    @Test
    public void unknownPskIdentityFailsWithUnknownPskIdentity_RFC4279_2() throws Exception {
        RecordingHandler handler = RecordingHandler.echo(LABELS);
        TlsListener server = listen(handler);

        IOException e = assertThrows(IOException.class,
            () -> channels.connect(client(server, "km-unknown@maf.example.com", KM)));
        assertTrue(e.getMessage(), e.getMessage().contains("unknown_psk_identity"));

        assertTrue(eventually(() -> !server.handshakeFailures().isEmpty()));
        String logged = server.handshakeFailures().get(0);
        assertTrue(logged, logged.contains("unknown_psk_identity"));
        assertEquals(0, handler.calls());
    }

    @Test
    public void unknownPskIdentityIsLoggedWithoutKeyMaterial() throws Exception {
        TlsListener server = listen(RecordingHandler.echo(LABELS));

        assertThrows(IOException.class, () -> channels.connect(client(server, "km-unknown@maf.example.com", KM)));

        assertTrue(eventually(() -> !server.handshakeFailures().isEmpty()));
        String logged = server.handshakeFailures().get(0);
        assertTrue(logged, logged.contains("km-unknown@maf.example.com"));
        assertFalse(logged, logged.contains(Hex.encode(KM)));
    }

    @Test
    public void streamsCarryDataBothWaysAfterTheHandshake() throws Exception {
        TlsListener server = listen(RecordingHandler.echo(LABELS));
        try (SecureSession session = channels.connect(client(server, KM_ID, KM))) {
            assertEchoes(session, 12_345);
            assertEchoes(session, 3);
        }
    }

    @Test
    public void exportedRefusesALabelThatWasNotAskedFor_10_3_1() throws Exception {
        TlsListener server = listen(RecordingHandler.echo(LABELS));
        try (SecureSession session = channels.connect(client(server, KM_ID, KM))) {
            assertThrows(IllegalArgumentException.class, () -> session.exported(KeyExport.ESCERTKE_LABEL));
        }
    }

    @Test
    public void exportedHandsOutACopy() throws Exception {
        TlsListener server = listen(RecordingHandler.echo(LABELS));
        try (SecureSession session = channels.connect(client(server, KM_ID, KM))) {
            byte[] first = session.exported(KeyExport.CONNECTION_LABEL);
            first[0] ^= 1;
            assertFalse("exported() hands out a copy", Arrays.equals(first, session.exported(KeyExport.CONNECTION_LABEL)));
        }
    }

    @Test
    public void sessionDescriptionShowsNoKeyMaterial() throws Exception {
        TlsListener server = listen(RecordingHandler.echo(LABELS));
        try (SecureSession session = channels.connect(client(server, KM_ID, KM))) {
            String text = session.toString();
            assertTrue(text, text.contains(KM_ID));
            assertFalse(text, text.contains(Hex.encode(KM)));
            assertFalse(text, text.contains(Hex.encode(session.exported(KeyExport.CONNECTION_LABEL))));
            assertFalse(text, text.contains(Hex.encode(KeyExport.split(session.exported(KeyExport.CONNECTION_LABEL)).key())));
        }
    }

    private TlsListener listenWithOneSlot(RecordingHandler handler) throws IOException {
        TlsServerConfig config = TlsServerConfig.builder(MAF_FQDN).psk(kmTable()).exporterLabels(LABELS)
            .maxConnections(1).handshakeTimeoutMillis(15_000).idleTimeoutMillis(15_000).build();
        return track((TlsListener) channels.listen(config, handler));
    }

    @Test
    public void aConnectionOverMaxConnectionsIsClosedAtOnce() throws Exception {
        RecordingHandler handler = RecordingHandler.echo(LABELS);
        TlsListener server = listenWithOneSlot(handler);
        try (SecureSession first = channels.connect(client(server, KM_ID, KM))) {
            handler.next(); // the only slot is taken by a session in its handler
            assertThrows(IOException.class, () -> channels.connect(client(server, KM_ID, KM)));
            assertEchoes(first, 10);
        }
    }

    @Test
    public void aSlotIsFreeAgainOnceItsSessionIsOver() throws Exception {
        RecordingHandler handler = RecordingHandler.echo(LABELS);
        TlsListener server = listenWithOneSlot(handler);
        try (SecureSession first = channels.connect(client(server, KM_ID, KM))) {
            handler.next(); // the only slot is taken by a session in its handler
        }
        // Once the first session is over, the slot is free again.
        assertTrue(eventually(() -> {
            try (SecureSession again = channels.connect(client(server, KM_ID, KM))) {
                return again.cipherSuite() > 0;
            } catch (IOException e) {
                return false;
            }
        }));
    }

    @Test
    public void closingTheServerClosesItsOpenSessions() throws Exception {
        RecordingHandler handler = RecordingHandler.echo(LABELS);
        TlsListener server = listen(handler);
        try (SecureSession session = channels.connect(client(server, KM_ID, KM))) {
            handler.next();
            server.close();
            assertEquals(-1, readOrEnd(session.inputStream()));
        }
    }

    @Test
    public void aClosedServerRefusesNewConnections() throws Exception {
        RecordingHandler handler = RecordingHandler.echo(LABELS);
        TlsListener server = listen(handler);
        try (SecureSession session = channels.connect(client(server, KM_ID, KM))) {
            handler.next();
            server.close();
            assertThrows(IOException.class, () -> channels.connect(client(server, KM_ID, KM)));
        }
    }

    @Test
    public void severalClientsAtOnceEachGetTheirOwnSessionAndKeys() throws Exception {
        TlsListener server = listen(RecordingHandler.echo(LABELS));
        int clients = 4;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<String>> relativeKeyIds = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                relativeKeyIds.add(pool.submit(() -> {
                    try (SecureSession session = channels.connect(client(server, KM_ID, KM))) {
                        assertEchoes(session, 2_000);
                        return KeyExport.split(session.exported(KeyExport.CONNECTION_LABEL)).relativeKeyId();
                    }
                }));
            }
            Set<String> distinct = new HashSet<>();
            for (Future<String> id : relativeKeyIds) distinct.add(id.get(20, TimeUnit.SECONDS));
            assertEquals("every session exports its own KcID", clients, distinct.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void deactivatingTheComponentClosesTheServersItOpened() throws Exception {
        TlsListener server = listen(RecordingHandler.echo(LABELS));
        channels.deactivate();
        assertThrows(IOException.class, () -> channels.connect(client(server, KM_ID, KM)));
    }

    private static int readOrEnd(InputStream in) {
        try {
            return in.read();
        } catch (IOException e) {
            return -1; // a reset or an abrupt close also ends the session
        }
    }

    static void assertEchoes(SecureSession session, int size) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        OutputStream out = session.outputStream();
        out.write(data);
        out.flush();
        InputStream in = session.inputStream();
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (back.size() < size) {
            int n = in.read(buffer, 0, Math.min(buffer.length, size - back.size()));
            if (n < 0) throw new IOException("the echo ended after " + back.size() + " of " + size + " bytes");
            back.write(buffer, 0, n);
        }
        assertArrayEquals(data, back.toByteArray());
    }
}
