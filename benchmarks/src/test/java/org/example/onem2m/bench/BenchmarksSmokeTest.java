package org.example.onem2m.bench;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.example.maf.api.MafServer;
import org.example.tef.api.Identifiers;
import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.CipherSuites;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.TlsServerConfig;
import org.example.tef.api.standalone.InMemoryHandshakes;
import org.example.tef.api.standalone.TefStandalone;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.junit.Test;

/**
 * That the benchmark code does what it claims, once each, quickly: the in-memory handshakes negotiate the suite
 * asked for, and the primitives the load generator sends are the ones the MAF accepts. No timing is asserted.
 */
public class BenchmarksSmokeTest {

    @Test
    public void inMemoryHandshakesNegotiateEachSuiteTheMafOffers() throws Exception {
        InMemoryTls raw = new InMemoryTls(Fixture.kmId(0).getBytes(StandardCharsets.UTF_8), Fixture.km(0));
        PskCredential c = Fixture.credential(0);
        TlsServerConfig server = TlsServerConfig.builder(Fixture.MAF).psk(id -> id.equals(c.identity()) ? Optional.of(c) : Optional.empty())
                .exporterLabels(List.of(KeyExport.CONNECTION_LABEL)).build();
        InMemoryHandshakes product = TefStandalone.inMemoryHandshakes();
        for (int suite : CipherSuites.PSK) {
            assertEquals(suite, raw.handshake(suite));
            assertEquals(suite, product.handshake(server, Fixture.tls(1, 0, suite)));
        }
    }

    @Test
    public void preloadedIdentifiersAreValid() {
        for (long j : new long[] {0, 1, 999_999}) {
            assertTrue(Fixture.keyId(j), Identifiers.isRelativeId(Fixture.keyId(j)));
            assertEquals(33, Fixture.keyId(j).length());
        }
        assertEquals(Fixture.MAF, Identifiers.parse(Fixture.kmId(3)).fqdn());
    }

    @Test
    public void theLoadGeneratorsPrimitivesWorkAgainstARealMafOverTls() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (MafServer maf = MafServerMain.server(port, null, 16, Fixture.credentials(2))) {
            for (int client = 0; client < 2; client++) {
                try (MafWire.Session s = new MafWire.Session(port, client, CipherSuites.TLS_PSK_WITH_AES_128_CBC_SHA256)) {
                    ResponsePrimitive r = s.client.send(RequestPrimitive.of(Operation.CREATE, MafWire.base(Fixture.MAF)).from(Fixture.clientId(client)).requestId("r").content("{\"" + MafWire.CLIENT_REG + "\":{\"et\":\"20990101T000000\",\"adminFQDN\":\"" + Fixture.SP + "\"}}").build());
                    assertEquals(r.toString(), ResponseStatusCode.CREATED, r.status());
                    assertEquals(CipherSuites.TLS_PSK_WITH_AES_128_CBC_SHA256, s.session.cipherSuite());
                }
            }
            byte[] value = new byte[32];
            value[7] = 7;
            String relativeKeyId;
            try (MafWire.Session source = new MafWire.Session(port, 0, 0)) {
                ResponsePrimitive r = MafWire.expect(source.client, MafWire.registerKey(0, 1, value, Instant.now().plusSeconds(600), "a"), ResponseStatusCode.CREATED);
                relativeKeyId = MafWire.attribute(r, MafWire.KEY_REG, MafWire.RELATIVE_KEY_ID);
                MafWire.expect(source.client, MafWire.registerKey(0, 1, value, Instant.now().plusSeconds(600), "b"), ResponseStatusCode.CREATED);
            }
            try (MafWire.Session target = new MafWire.Session(port, 1, 0)) {
                for (int i = 0; i < 2; i++) { // keep-alive: two requests on one session
                    ResponsePrimitive r = MafWire.expect(target.client, MafWire.retrieveKey(1, relativeKeyId, "c" + i), ResponseStatusCode.OK);
                    assertArrayEquals(value, java.util.Base64.getDecoder().decode(MafWire.attribute(r, MafWire.KEY_REG, MafWire.KEY_VALUE)));
                }
            }
        }
    }

    @Test
    public void figure6RetrievesKeysThroughTheClientApiWithKeptAndWithFreshSessions() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("bench-clientapi");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (Log log = new Log(dir.resolve("log.txt"))) {
            Preload.ensure(dir.resolve("maf"), HandshakeFigure.CLIENTS, HandshakeFigure.CLIENTS, 3 * HandshakeFigure.CLIENTS, log);
        }
        try (MafServer maf = MafServerMain.server(port, dir.resolve("maf"), 16, Fixture.credentials(HandshakeFigure.CLIENTS))) {
            for (java.time.Duration idle : List.of(org.example.maf.api.MafClientConfig.DEFAULT_SESSION_IDLE_TIMEOUT, java.time.Duration.ZERO)) {
                // 2 threads, 3 keys per client: every fourth call of a thread starts a new MafClient
                Load.Result r = counted(2, ClientApiFigure.retrievals(port, 3 * HandshakeFigure.CLIENTS, idle), 0.01, 0.2);
                assertTrue(idle + ": " + r, r.calls > 0);
                assertEquals(idle + ": " + r, 0, r.errors);
            }
        } finally {
            Preload.deleteTree(dir);
        }
    }

    @Test
    public void figure10RegistersKeysAtAMefOnOpenSessionsAsAtAMaf() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("bench-mef10");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (org.example.mef.api.MefServer mef = MefServerMain.server(port, dir, 16, Fixture.Function.MEF.credentials(HandshakeFigure.CLIENTS), -1)) {
            MefFigure.registerClients(port, HandshakeFigure.CLIENTS);
            java.util.concurrent.ConcurrentLinkedQueue<DurableFigure.Acked> acked = new java.util.concurrent.ConcurrentLinkedQueue<>();
            for (int thread = 0; thread < 2; thread++) { // called directly, not in a timed window
                try (Load.Worker w = DurableFigure.registrations(Fixture.Function.MEF, port, acked).create(thread)) {
                    w.call();
                    w.call(); // one open session, several registrations
                }
            }
            assertEquals(4, acked.size());
            assertTrue(acked.peek().relativeKeyId, Identifiers.isRelativeId(acked.peek().relativeKeyId));
        } finally {
            Preload.deleteTree(dir);
        }
    }

    @Test
    public void figure11RegistersAtAMafWithKeIdsWhoseKmItFetchesFromAMefAndWithPreProvisionedKm() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("bench-mef11");
        int mefPort;
        int mafPort;
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            mefPort = a.getLocalPort();
            mafPort = b.getLocalPort();
        }
        try (org.example.mef.api.MefServer mef = MefServerMain.server(mefPort, dir.resolve("mef"), 16, Fixture.Function.MEF.credentials(HandshakeFigure.CLIENTS), -1);
             MafServer maf = MafServerMain.server(mafPort, dir.resolve("maf"), 16, Fixture.credentials(HandshakeFigure.CLIENTS),
                     Fixture.Function.MEF.fqdn, mefPort)) {
            MefFigure.KeIdPool pool = new MefFigure.KeIdPool(mefPort, 2);
            pool.fill(6, null);
            assertEquals(6, pool.size());
            // each call of the remote worker registers (and de-registers) with one KeID of its client; the answer carries an
            // assigned KmID (checked by the worker); called directly, not in a timed window, so that no timing matters
            for (int thread = 0; thread < 2; thread++) {
                try (Load.Worker remote = MefFigure.remote(mafPort, pool).create(thread); Load.Worker pre = MefFigure.preProvisioned(mafPort).create(thread)) {
                    for (int i = 0; i < 3; i++) {
                        remote.call();
                        pre.call();
                    }
                }
            }
            assertEquals(0, pool.size());
            assertEquals(0, pool.shortfall.get());
            {
                try (Load.Worker remote = MefFigure.remote(mafPort, pool).create(0)) {
                    remote.call(); // the pool is empty: the worker enrols one itself, outside the call's time
                }
                assertEquals(1, pool.shortfall.get());
            }
        } finally {
            Preload.deleteTree(dir);
        }
    }

    /**
     * A short load run, run again (at most 20 times) while it counted no call: a call counts only if it starts and ends
     * in the window, and on a busy machine the first, cold one may not; a run with errors is returned as it is.
     */
    private static Load.Result counted(int threads, Load.WorkerFactory factory, double warmupSeconds, double seconds) throws InterruptedException {
        Load.Result r = Load.run(threads, factory, warmupSeconds, seconds);
        for (int again = 0; again < 20 && r.calls == 0 && r.errors == 0; again++) r = Load.run(threads, factory, warmupSeconds, seconds);
        return r;
    }

    @Test
    public void theTcpFloorServesConnectionsWithAndWithoutTheThreadHandOff() throws Exception {
        for (boolean handOff : new boolean[] {true, false}) {
            try (TcpFloor floor = new TcpFloor(handOff)) {
                Load.Result r = counted(1, floor.clients(), 0.01, 0.05);
                assertTrue("hand-off " + handOff + ": " + r, r.calls > 0);
                assertEquals("hand-off " + handOff + ": " + r, 0, r.errors);
            }
        }
    }

    @Test
    public void theLoadRunnerCountsCallsAndErrors() throws Exception {
        int[] n = {0};
        Load.Result r = Load.run(1, t -> () -> {
            if (++n[0] % 2 == 0) throw new IllegalStateException("every second call fails");
        }, 0.01, 0.2); // a call is a counter's increment: thousands in 0.2 s
        assertTrue(r.calls > 0);
        assertTrue(r.errors > 0);
    }

    @Test
    public void figure13EnrolsOverEstWithARetrievedCertProvAndSignsTheSameCertificatesRaw() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("bench-est13");
        int port;
        int estPort;
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            port = a.getLocalPort();
            estPort = b.getLocalPort();
        }
        java.util.List<org.example.tef.api.channel.PskCredential> enrolees = Fixture.Function.MEF.credentials(2);
        try (org.example.mef.api.MefServer mef = MefServerMain.server(port, dir, 16, enrolees, estPort)) {
            java.util.List<java.util.List<byte[]>> bodies = new java.util.ArrayList<>();
            java.util.List<java.util.List<org.bouncycastle.pkcs.PKCS10CertificationRequest>> csrs = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                mef.enqueueForClient(enrolees.get(i).peerId(), EstFigure.certProv(mef.estBaseUri().orElseThrow(), i));
                EstFigure.retrieveTheCertProvCommand(port, i);
                org.bouncycastle.pkcs.PKCS10CertificationRequest csr = EstFigure.csr(EstFigure.subject(i));
                csrs.add(java.util.List.of(csr));
                bodies.add(java.util.List.of(java.util.Base64.getMimeEncoder().encode(csr.getEncoded())));
            }
            EstFigure.Issued issued = new EstFigure.Issued();
            for (int thread = 0; thread < 2; thread++) { // called directly, not in a timed window
                try (Load.Worker est = EstFigure.est(estPort, bodies, issued).create(thread); Load.Worker raw = EstFigure.raw(csrs, null, false).create(thread);
                     Load.Worker rawBc = EstFigure.raw(csrs, EstFigure.BC, false).create(thread);
                     Load.Worker rawChecked = EstFigure.raw(csrs, EstFigure.BC, true).create(thread)) {
                    est.call(); // throws unless answered 200 with a certs-only body
                    est.call(); // the same session, the command still pending
                    raw.call();
                    rawBc.call();
                    rawChecked.call(); // throws unless the CSR's signature verified
                }
            }
            assertEquals(4, issued.count.get());
            // the checking peer does check: a CSR whose signature is broken is refused
            org.bouncycastle.asn1.pkcs.CertificationRequest good = csrs.get(0).get(0).toASN1Structure();
            byte[] signature = good.getSignature().getBytes().clone();
            signature[signature.length - 1] ^= 1;
            org.bouncycastle.pkcs.PKCS10CertificationRequest broken = new org.bouncycastle.pkcs.PKCS10CertificationRequest(
                    new org.bouncycastle.asn1.pkcs.CertificationRequest(good.getCertificationRequestInfo(), good.getSignatureAlgorithm(),
                            new org.bouncycastle.asn1.DERBitString(signature)));
            try (Load.Worker rawChecked = EstFigure.raw(java.util.List.of(java.util.List.of(broken)), EstFigure.BC, true).create(0)) {
                java.io.IOException refused = org.junit.Assert.assertThrows(java.io.IOException.class, rawChecked::call);
                assertEquals("a CSR's signature did not verify", refused.getMessage());
            }
        } finally {
            Preload.deleteTree(dir);
        }
    }
}
