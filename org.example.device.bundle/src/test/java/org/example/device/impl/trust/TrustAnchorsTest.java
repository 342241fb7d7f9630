package org.example.device.impl.trust;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.example.onem2m.testsupport.TestPki;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** TS-0003 8.3.9.9.7, "Processing a [trustAnchorCred] MO Node", with a fake HTTPS GET. */
public class TrustAnchorsTest {
    private static final String URI_A = "https://ca.example.com/a.pem";
    private static final String URI_B = "https://ca.example.com/b.der";

    private static X509Certificate a;
    private static X509Certificate b;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    /** Serves payloads by URI and records every GET. */
    static final class FakeFetcher implements TrustAnchors.Fetcher {
        final Map<String, byte[]> payloads = new HashMap<>();
        final List<URI> gets = new ArrayList<>();

        FakeFetcher serve(String uri, byte[] payload) {
            payloads.put(uri, payload);
            return this;
        }

        @Override
        public byte[] get(URI uri) throws IOException {
            gets.add(uri);
            byte[] payload = payloads.get(uri.toString());
            if (payload == null) throw new IOException("404 Not Found");
            return payload;
        }
    }

    @BeforeClass
    public static void certificates() throws Exception {
        a = new TestPki("Trust Anchor A").ca;
        b = new TestPki("Trust Anchor B").ca;
    }

    static String sha256Hex(X509Certificate c) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    }

    static byte[] pem(X509Certificate... certificates) throws Exception {
        Path file = Files.createTempFile("bundle", ".pem");
        try {
            byte[][] ders = new byte[certificates.length][];
            for (int i = 0; i < ders.length; i++) ders[i] = certificates[i].getEncoded();
            return Files.readAllBytes(TestPki.pem(file, "CERTIFICATE", ders));
        } finally {
            Files.delete(file);
        }
    }

    private FakeFetcher servingAAndB() throws Exception {
        return new FakeFetcher().serve(URI_A, pem(a)).serve(URI_B, b.getEncoded());
    }

    @Test
    public void aCertificateNotHeldIsFetchedFromItsUriAndKept_8_3_9_9_7() throws Exception {
        FakeFetcher fetcher = servingAAndB();
        try (TrustAnchors anchors = new TrustAnchors(null, fetcher)) {
            assertEquals(a, anchors.process("mo-1", sha256Hex(a), URI_A));
            assertEquals(List.of(URI.create(URI_A)), fetcher.gets);
            assertEquals(a, anchors.of("mo-1").orElseThrow());
            assertEquals(List.of(a), anchors.all());
        }
    }

    @Test
    public void aHeldCertificateIsAssociatedWithoutAFetch_8_3_9_9_7() throws Exception {
        FakeFetcher fetcher = servingAAndB();
        try (TrustAnchors anchors = new TrustAnchors(null, fetcher)) {
            anchors.process("mo-1", sha256Hex(a), URI_A);
            assertEquals(a, anchors.process("mo-2", sha256Hex(a).toUpperCase(), "https://unreachable.example.com/x"));
            assertEquals(a, anchors.process("mo-3", sha256Hex(a), null)); // held: no URI needed
            assertEquals(1, fetcher.gets.size());
            assertEquals(a, anchors.of("mo-3").orElseThrow());
            assertEquals(List.of(a), anchors.all()); // one certificate, however many MOs
        }
    }

    @Test
    public void derAndPemPayloadsAreBothCertificates_8_3_9_9_7() throws Exception {
        FakeFetcher fetcher = servingAAndB();
        try (TrustAnchors anchors = new TrustAnchors(null, fetcher)) {
            assertEquals(a, anchors.process("mo-pem", sha256Hex(a), URI_A));
            assertEquals(b, anchors.process("mo-der", sha256Hex(b), URI_B));
            assertEquals(Set.of(a, b), Set.copyOf(anchors.all()));
        }
    }

    @Test
    public void fromAPemBundleTheMatchingCertificateIsKeptNotTheFirst_8_3_9_9_7() throws Exception {
        byte[] bundle = ("# issuing CAs\n" + new String(pem(b, a), StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
        FakeFetcher fetcher = new FakeFetcher().serve(URI_A, bundle);
        try (TrustAnchors anchors = new TrustAnchors(null, fetcher)) {
            assertEquals(a, anchors.process("mo-1", sha256Hex(a), URI_A));
            assertEquals(List.of(a), anchors.all()); // b, first in the bundle, is not a trust anchor
        }
    }

    @Test
    public void theRfc6920NiFormIsAFingerprint_8_3_9_9_7() throws Exception {
        FakeFetcher fetcher = servingAAndB();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(a.getEncoded());
        String ni = "ni:///sha-256;" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        try (TrustAnchors anchors = new TrustAnchors(null, fetcher)) {
            assertEquals(a, anchors.process("mo-1", ni, URI_A));
            assertEquals(1, fetcher.gets.size());
        }
    }

    @Test
    public void aMismatchFailsWithBothFingerprintsAndKeepsNothing_8_3_9_9_7() throws Exception {
        FakeFetcher fetcher = new FakeFetcher().serve(URI_A, b.getEncoded()); // the server has the wrong certificate
        try (TrustAnchors anchors = new TrustAnchors(null, fetcher)) {
            try {
                anchors.process("mo-1", sha256Hex(a), URI_A);
                fail("a certificate not matching certFingerprint was accepted");
            } catch (TrustAnchorException e) {
                assertTrue(e.getMessage(), e.getMessage().contains(sha256Hex(a)));
                assertTrue(e.getMessage(), e.getMessage().contains(sha256Hex(b)));
                assertTrue(e.getMessage(), e.getMessage().contains(URI_A));
            }
            assertTrue(anchors.all().isEmpty());
            assertFalse(anchors.of("mo-1").isPresent());
            // b was not kept either: asking for it fetches it
            fetcher.serve(URI_B, b.getEncoded());
            anchors.process("mo-2", sha256Hex(b), URI_B);
            assertEquals(2, fetcher.gets.size());
        }
    }

    @Test
    public void aPayloadThatIsNotACertificateFails_8_3_9_9_7() throws Exception {
        FakeFetcher fetcher = new FakeFetcher().serve(URI_A, "<html>It works!</html>".getBytes(StandardCharsets.US_ASCII))
                .serve(URI_B, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n".getBytes(StandardCharsets.US_ASCII));
        try (TrustAnchors anchors = new TrustAnchors(null, fetcher)) {
            for (String uri : List.of(URI_A, URI_B)) {
                TrustAnchorException e = failure(anchors, "mo-1", sha256Hex(a), uri);
                assertTrue(e.getMessage(), e.getMessage().contains("is not a certificate") && e.getMessage().contains(uri));
            }
            assertTrue(anchors.all().isEmpty());
        }
    }

    @Test
    public void noUriOrAFailedGetFailsNamingTheUri_8_3_9_9_7() throws Exception {
        try (TrustAnchors anchors = new TrustAnchors(null, new FakeFetcher())) {
            assertTrue(failure(anchors, "mo-1", sha256Hex(a), null).getMessage().contains("no URI"));
            assertTrue(failure(anchors, "mo-1", sha256Hex(a), " ").getMessage().contains("no URI"));
            TrustAnchorException e = failure(anchors, "mo-1", sha256Hex(a), URI_A);
            assertTrue(e.getMessage(), e.getMessage().contains("HTTPS GET " + URI_A + " failed: 404 Not Found"));
            assertTrue(anchors.all().isEmpty());
        }
    }

    @Test
    public void aFingerprintInNoKnownFormFailsWithoutAFetch_8_3_9_9_7() throws Exception {
        FakeFetcher fetcher = servingAAndB();
        try (TrustAnchors anchors = new TrustAnchors(null, fetcher)) {
            TrustAnchorException e = failure(anchors, "mo-1", "md5:0123456789abcdef", URI_A);
            assertTrue(e.getMessage(), e.getMessage().contains("is neither hex SHA-256 nor an RFC 6920 ni URI"));
            assertTrue(fetcher.gets.isEmpty());
        }
    }

    @Test
    public void forgettingAnMoEndsItsAssociationAndDropsTheCertificateOnlyWhenUnused_8_3_9_9_7() throws Exception {
        FakeFetcher fetcher = servingAAndB();
        Path dir = folder.newFolder("anchors").toPath();
        try (TrustAnchors anchors = new TrustAnchors(dir, fetcher)) {
            anchors.process("mo-1", sha256Hex(a), URI_A);
            anchors.process("mo-2", sha256Hex(a), URI_A);
            anchors.forget("mo-1");
            assertFalse(anchors.of("mo-1").isPresent());
            assertEquals(List.of(a), anchors.all()); // mo-2 still has it
            anchors.process("mo-3", sha256Hex(a), URI_A);
            assertEquals(1, fetcher.gets.size()); // still held
            anchors.forget("mo-2");
            anchors.forget("mo-3");
            anchors.forget("mo-unknown"); // nothing to do
            assertTrue(anchors.all().isEmpty());
        }
        try (TrustAnchors reopened = new TrustAnchors(dir, fetcher)) {
            assertTrue(reopened.all().isEmpty());
            reopened.process("mo-4", sha256Hex(a), URI_A);
            assertEquals(2, fetcher.gets.size()); // it was dropped: fetched again
        }
    }

    @Test
    public void theAssociationsSurviveReopeningTheStoreDirectory_8_3_9_9_7() throws Exception {
        Path dir = folder.getRoot().toPath().resolve("device/trust"); // created, as its parent
        try (TrustAnchors anchors = new TrustAnchors(dir, servingAAndB())) {
            anchors.process("mo-a", sha256Hex(a), URI_A);
            anchors.process("mo-b", sha256Hex(b), URI_B);
        }
        FakeFetcher after = new FakeFetcher(); // serves nothing: any fetch would fail
        try (TrustAnchors reopened = new TrustAnchors(dir, after)) {
            assertEquals(a, reopened.of("mo-a").orElseThrow());
            assertEquals(b, reopened.of("mo-b").orElseThrow());
            assertEquals(Set.of(a, b), Set.copyOf(reopened.all()));
            assertEquals(a, reopened.process("mo-c", sha256Hex(a), URI_A));
            assertTrue(after.gets.isEmpty());
        }
        Path file = dir.resolve(TrustAnchors.FILE_NAME);
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    /** A stop between keeping a certificate and associating it leaves a certificate no MO names: the next open drops it. */
    @Test
    public void aCertificateNoMoNamesIsDroppedAtOpen_8_3_9_9_7() throws Exception {
        Path dir = folder.newFolder("half").toPath();
        try (org.example.tef.client.StateMaps maps = org.example.tef.client.StateMaps.file(dir.resolve(TrustAnchors.FILE_NAME),
                "the trust anchor store", List.of("certificates", "associations"))) {
            maps.put("certificates", sha256Hex(a), java.util.Base64.getEncoder().encodeToString(a.getEncoded()));
        }
        FakeFetcher fetcher = servingAAndB();
        new TrustAnchors(dir, fetcher).close();
        try (org.example.tef.client.StateMaps maps = org.example.tef.client.StateMaps.file(dir.resolve(TrustAnchors.FILE_NAME),
                "the trust anchor store", List.of("certificates", "associations"))) {
            assertEquals("the open dropped it from the file", java.util.Map.of(), maps.all("certificates"));
        }
        try (TrustAnchors anchors = new TrustAnchors(dir, fetcher)) {
            assertEquals(a, anchors.process("mo-a", sha256Hex(a), URI_A));
            assertEquals("not held any more: fetched", List.of(URI.create(URI_A)), fetcher.gets);
        }
    }

    /** Before 2026-11-30 the store was an MVStore committed by hand, without a journal: such a file opens as it is. */
    @Test
    public void aStoreWrittenWithoutAJournalOpensWithItsAssociations_8_3_9_9_7() throws Exception {
        Path dir = folder.newFolder("old").toPath();
        org.h2.mvstore.MVStore old = org.example.onem2m.mvstore.MVStoreFiles.open(dir.resolve(TrustAnchors.FILE_NAME), "the trust anchor store");
        org.h2.mvstore.MVMap.Builder<String, String> strings = new org.h2.mvstore.MVMap.Builder<String, String>()
                .keyType(org.h2.mvstore.type.StringDataType.INSTANCE).valueType(org.h2.mvstore.type.StringDataType.INSTANCE);
        old.openMap("certificates", strings).put(sha256Hex(a), java.util.Base64.getEncoder().encodeToString(a.getEncoded()));
        old.openMap("associations", strings).put("mo-a", sha256Hex(a));
        old.commit();
        old.close();
        FakeFetcher fetcher = servingAAndB();
        try (TrustAnchors anchors = new TrustAnchors(dir, fetcher)) {
            assertEquals(a, anchors.of("mo-a").orElseThrow());
            assertEquals(a, anchors.process("mo-b", sha256Hex(a), URI_A));
            assertTrue("held: not fetched", fetcher.gets.isEmpty());
        }
    }

    @Test
    public void aNewFingerprintForAnMoReplacesItsCertificate_8_3_9_9_7() throws Exception {
        FakeFetcher fetcher = servingAAndB();
        try (TrustAnchors anchors = new TrustAnchors(null, fetcher)) {
            anchors.process("mo-1", sha256Hex(a), URI_A);
            assertEquals(b, anchors.process("mo-1", sha256Hex(b), URI_B));
            assertEquals(b, anchors.of("mo-1").orElseThrow());
            assertEquals(List.of(b), anchors.all()); // a had no other MO: dropped
        }
    }

    @Test
    public void aFailedProcessingEndsTheMosPreviousAssociation_8_3_9_9_7() throws Exception {
        FakeFetcher fetcher = new FakeFetcher().serve(URI_A, pem(a)).serve(URI_B, pem(a)); // B's URI serves a
        try (TrustAnchors anchors = new TrustAnchors(null, fetcher)) {
            anchors.process("mo-1", sha256Hex(a), URI_A);
            failure(anchors, "mo-1", sha256Hex(b), URI_B);
            assertFalse(anchors.of("mo-1").isPresent()); // the MO now names b, which is not held
            assertTrue(anchors.all().isEmpty());
        }
    }

    static TrustAnchorException failure(TrustAnchors anchors, String mo, String fingerprint, String uri) {
        try {
            X509Certificate accepted = anchors.process(mo, fingerprint, uri);
            throw new AssertionError("processing succeeded with " + accepted.getSubjectX500Principal());
        } catch (TrustAnchorException e) {
            return e;
        }
    }
}
