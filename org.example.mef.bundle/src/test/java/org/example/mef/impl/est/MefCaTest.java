package org.example.mef.impl.est;

import static org.example.mef.impl.est.CsrFixtures.csr;
import static org.example.mef.impl.est.CsrFixtures.ec;
import static org.example.mef.impl.est.CsrFixtures.rsa;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.math.BigInteger;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The MEF CA (TS-0003 8.3.6.2, MEF CA = EST CA) and the certificates it issues (TS-0003 10.1.1, 10.1.4). */
public class MefCaTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final CertSubject CSE = new CertSubject(CertSubject.Type.CSE, "/id-mn-cse-1");

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();
    private Path dir;
    private KeyPair p256;

    /** Every CA a test opens, closed after it (each holds its record store open). */
    private final List<MefCa> opened = new java.util.ArrayList<>();

    private MefCa open(Path directory, String fqdn, Clock clock) throws Exception {
        MefCa ca = MefCa.openOrCreate(directory, fqdn, clock);
        opened.add(ca);
        return ca;
    }

    @org.junit.After
    public void closeTheCas() {
        opened.forEach(MefCa::close);
    }

    @Before
    public void setUp() throws Exception {
        dir = folder.getRoot().toPath().resolve("mef-ca");
        p256 = ec("secp256r1");
    }

    private static Set<String> uriSans(X509Certificate certificate) throws Exception {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        return names.stream().filter(n -> (Integer) n.get(0) == 6).map(n -> (String) n.get(1)).collect(Collectors.toSet());
    }

    @Test
    public void aNewCaIsAP256SelfSignedCaFor10Years_8_3_6_2() throws Exception {
        X509Certificate ca = open(dir, "mef.example.com", CLOCK).caCertificate();
        assertEquals("CN=mef.example.com MEF CA", ca.getSubjectX500Principal().getName());
        assertEquals(ca.getSubjectX500Principal(), ca.getIssuerX500Principal());
        ca.verify(ca.getPublicKey());
        assertEquals("SHA256withECDSA", ca.getSigAlgName());
        assertTrue(ca.getBasicConstraints() >= 0);
        boolean[] usage = ca.getKeyUsage();
        assertTrue("keyCertSign", usage[5]);
        assertTrue("cRLSign", usage[6]);
        assertFalse("digitalSignature", usage[0]);
        assertEquals(NOW, ca.getNotBefore().toInstant());
        assertEquals(Instant.parse("2036-11-30T12:00:00Z"), ca.getNotAfter().toInstant());
        assertEquals(256, ((java.security.interfaces.ECPublicKey) ca.getPublicKey()).getParams().getOrder().bitLength());
    }

    @Test
    public void aCaReopenedIsTheSameAndItsKeyFileIsOwnerOnly_8_3_6_2() throws Exception {
        MefCa first = open(dir, "mef.example.com", CLOCK);
        X509Certificate issued = first.issue(csr(p256, CSE), CSE, Duration.ofDays(30));
        first.close();
        MefCa again = open(dir, "other.example.com", Clock.offset(CLOCK, Duration.ofDays(400)));
        assertArrayEquals(first.caCertificate().getEncoded(), again.caCertificate().getEncoded());
        assertEquals(List.of(issued), again.issued());
        // the reopened CA signs with the same key
        again.issue(csr(p256, CSE), CSE, Duration.ofDays(30)).verify(first.caCertificate().getPublicKey());
        assumeTrue("POSIX permissions", FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(MefCa.KEY_FILE))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertTrue(Files.readString(dir.resolve(MefCa.CERT_FILE)).startsWith("-----BEGIN CERTIFICATE-----"));
        assertTrue(Files.readString(dir.resolve(MefCa.KEY_FILE)).startsWith("-----BEGIN PRIVATE KEY-----"));
    }

    /** Issues are not serialised (the signatures run in parallel); each one is still recorded before it is returned. */
    @Test
    public void concurrentIssuesAreEachRecordedBeforeTheyAreReturned_8_3_6_2() throws Exception {
        MefCa ca = open(dir, "mef.example.com", CLOCK);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<X509Certificate>> issuing = new java.util.ArrayList<>();
            for (int i = 0; i < 64; i++) {
                issuing.add(pool.submit(() -> {
                    X509Certificate c = ca.issue(csr(p256, CSE), CSE, Duration.ofDays(30));
                    assertTrue("recorded before returned", ca.issued().contains(c));
                    return c;
                }));
            }
            Set<BigInteger> serials = new HashSet<>();
            for (java.util.concurrent.Future<X509Certificate> f : issuing) serials.add(f.get().getSerialNumber());
            assertEquals("unique serials", 64, serials.size());
            assertEquals(serials, ca.issued().stream().map(X509Certificate::getSerialNumber).collect(Collectors.toSet()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void aCaWhoseKeyIsNotItsCertificatesIsNotOpened() throws Exception {
        open(dir, "mef.example.com", CLOCK).close();
        Path other = folder.getRoot().toPath().resolve("other-ca");
        open(other, "mef.example.com", CLOCK);
        Files.copy(other.resolve(MefCa.KEY_FILE), dir.resolve(MefCa.KEY_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try {
            open(dir, "mef.example.com", CLOCK);
            org.junit.Assert.fail("opened with another CA's key");
        } catch (java.io.IOException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("is not the key of"));
        }
    }

    @Test
    public void anIssuedCertificateChainsToTheCaAndCarriesTheCseIdSan_10_1_1_5() throws Exception {
        MefCa ca = open(dir, "mef.example.com", CLOCK);
        X509Certificate certificate = ca.issue(csr(p256, CSE), CSE, Duration.ofDays(90));
        certificate.verify(ca.caCertificate().getPublicKey());
        assertEquals(ca.caCertificate().getSubjectX500Principal(), certificate.getIssuerX500Principal());
        assertEquals("CN=/id-mn-cse-1", certificate.getSubjectX500Principal().getName());
        assertEquals(p256.getPublic(), certificate.getPublicKey());
        assertEquals(Set.of("urn:onem2m:cse:/id-mn-cse-1"), uriSans(certificate));
        assertEquals(1, certificate.getSubjectAlternativeNames().size());
        assertEquals(List.of(KeyPurposeId.id_kp_clientAuth.getId()), certificate.getExtendedKeyUsage());
        boolean[] usage = certificate.getKeyUsage();
        assertTrue("digitalSignature", usage[0]);
        assertTrue("keyAgreement for EC", usage[4]);
        assertFalse("keyCertSign", usage[5]);
        assertEquals(-1, certificate.getBasicConstraints());
        assertEquals(NOW, certificate.getNotBefore().toInstant());
        assertEquals(NOW.plus(Duration.ofDays(90)), certificate.getNotAfter().toInstant());
        assertEquals(List.of(certificate), ca.issued());
        assertEquals(1, ca.issuedCount());
    }

    @Test
    public void anAeAndANodeGetTheirSans_10_1_1_7_10_1_1_8() throws Exception {
        MefCa ca = open(dir, "mef.example.com", CLOCK);
        CertSubject ae = new CertSubject(CertSubject.Type.AE, "Cmyae");
        CertSubject node = new CertSubject(CertSubject.Type.NODE, "urn:oid:1.2.3.4.5");
        assertEquals(Set.of("urn:onem2m:ae:Cmyae"), uriSans(ca.issue(csr(p256, ae), ae, Duration.ofDays(1))));
        assertEquals(Set.of("urn:onem2m:node:urn:oid:1.2.3.4.5"), uriSans(ca.issue(csr(p256, node), node, Duration.ofDays(1))));
    }

    @Test
    public void anRsaKeyGetsDigitalSignatureOnly_10_1_4() throws Exception {
        MefCa ca = open(dir, "mef.example.com", CLOCK);
        X509Certificate certificate = ca.issue(csr(rsa(2048), CSE), CSE, Duration.ofDays(1));
        certificate.verify(ca.caCertificate().getPublicKey());
        boolean[] usage = certificate.getKeyUsage();
        assertTrue(usage[0]);
        assertFalse(usage[4]);
    }

    @Test
    public void aCsrWithoutSubjectDnGetsCnOfTheCertSubjectId_10_1_4() throws Exception {
        MefCa ca = open(dir, "mef.example.com", CLOCK);
        X509Certificate certificate = ca.issue(csr(p256, "", CSE.subjectAltName()), CSE, Duration.ofDays(1));
        assertEquals("CN=/id-mn-cse-1", certificate.getSubjectX500Principal().getName());
    }

    @Test
    public void theSanIsTheAuthorisedSubjectNotWhatTheCsrAsks_8_3_6_2() throws Exception {
        MefCa ca = open(dir, "mef.example.com", CLOCK);
        X509Certificate certificate = ca.issue(csr(p256, new CertSubject(CertSubject.Type.CSE, "/other")), CSE, Duration.ofDays(1));
        assertEquals(Set.of("urn:onem2m:cse:/id-mn-cse-1"), uriSans(certificate));
    }

    @Test
    public void serialsAreUniquePositive16BytesAndAllIssuedAreRecorded_8_3_6_2() throws Exception {
        MefCa ca = open(dir, "mef.example.com", CLOCK);
        int n = 200;
        Set<BigInteger> serials = new HashSet<>();
        for (int i = 0; i < n; i++) {
            BigInteger serial = ca.issue(csr(p256, CSE), CSE, Duration.ofDays(1)).getSerialNumber();
            assertTrue(serial.signum() > 0);
            assertTrue(serial.bitLength() <= 127);
            serials.add(serial);
        }
        assertEquals(n, serials.size());
        assertFalse(serials.contains(ca.caCertificate().getSerialNumber()));
        ca.close();
        List<X509Certificate> issued = open(dir, "mef.example.com", CLOCK).issued(); // durable: read again after a reopen
        assertEquals(serials, issued.stream().map(X509Certificate::getSerialNumber).collect(Collectors.toSet()));
    }

    @Test
    public void aCertificateNeverOutlivesTheCa_RFC5280_6_1_3() throws Exception {
        open(dir, "mef.example.com", CLOCK).close();
        Instant caEnd = Instant.parse("2036-11-30T12:00:00Z");
        MefCa ca = open(dir, "mef.example.com", Clock.fixed(caEnd.minus(Duration.ofDays(10)), ZoneOffset.UTC));
        X509Certificate certificate = ca.issue(csr(p256, CSE), CSE, Duration.ofDays(365));
        assertEquals(caEnd, certificate.getNotAfter().toInstant());
    }

    @Test
    public void aCaWhoseCertificateHasLapsedIssuesNothingAndSaysWhy_RFC5280_6_1_3() throws Exception {
        open(dir, "mef.example.com", CLOCK).close();
        MefCa ca = open(dir, "mef.example.com", Clock.fixed(Instant.parse("2037-03-10T00:00:00Z"), ZoneOffset.UTC));
        try {
            ca.issue(csr(p256, CSE), CSE, Duration.ofDays(30));
            org.junit.Assert.fail("a lapsed CA issued a certificate");
        } catch (java.io.IOException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("cannot issue") && expected.getMessage().contains("2036-11-30T12:00:00Z"));
        }
        assertEquals(0, ca.issuedCount());
    }

    @Test
    public void theCommonNameIsTheCertSubjectIdExactlyWhateverItHolds_10_1_4() throws Exception {
        MefCa ca = open(dir, "mef.example.com", CLOCK);
        for (String id : List.of("C\\a", "C\"q\"", "Ca;b", "Ca+OU=x", "Ca\u0000", "#C", "Ca,CN=mef.example.com MEF CA")) {
            CertSubject subject = new CertSubject(CertSubject.Type.AE, id);
            X509Certificate certificate = ca.issue(csr(p256, "CN=x", subject.subjectAltName()), subject, Duration.ofDays(1));
            org.bouncycastle.asn1.x500.RDN[] rdns = org.bouncycastle.asn1.x500.X500Name.getInstance(
                    certificate.getSubjectX500Principal().getEncoded()).getRDNs();
            assertEquals(id, 1, rdns.length);
            assertEquals(org.bouncycastle.asn1.x500.style.BCStyle.CN, rdns[0].getFirst().getType());
            assertEquals(id, org.bouncycastle.asn1.ASN1String.class.cast(rdns[0].getFirst().getValue()).getString());
        }
    }

    @Test
    public void onlyTheMostRecentCertificateOfASubjectRenewsIt_8_3_6_2_3() throws Exception {
        MefCa ca = open(dir, "mef.example.com", CLOCK);
        CertificateProfile profile = CertificateProfile.standard(Duration.ofDays(30));
        X509Certificate first = ca.issue(csr(p256, CSE), CSE, Duration.ofDays(30));
        X509Certificate second = ca.renew(csr(p256, CSE).getSubjectPublicKeyInfo(), CSE, profile, "", first.getSerialNumber());
        assertEquals(second.getSerialNumber(), ca.mostRecent(CSE).orElseThrow());
        try {
            ca.renew(csr(p256, CSE).getSubjectPublicKeyInfo(), CSE, profile, "", first.getSerialNumber());
            org.junit.Assert.fail("a superseded certificate renewed");
        } catch (MefCa.Superseded expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains(first.getSerialNumber().toString(16)));
        }
        X509Certificate third = ca.issue(csr(p256, CSE), CSE, Duration.ofDays(30)); // a new CERT_PROV supersedes a renewed one too
        try {
            ca.renew(csr(p256, CSE).getSubjectPublicKeyInfo(), CSE, profile, "", second.getSerialNumber());
            org.junit.Assert.fail("a superseded certificate renewed");
        } catch (MefCa.Superseded expected) {
            assertEquals(third.getSerialNumber(), ca.mostRecent(CSE).orElseThrow());
        }
        assertEquals(3, ca.issuedCount());
    }

    @Test
    public void aStoreWrittenBeforeTheMostRecentWasKeptIsIndexedWhenOpened() throws Exception {
        CertSubject ae = new CertSubject(CertSubject.Type.AE, "Cmyae");
        MefCa before = open(dir, "mef.example.com", CLOCK);
        before.issue(csr(p256, CSE), CSE, Duration.ofDays(30));
        before.issue(csr(p256, ae), ae, Duration.ofDays(30));
        before.close();
        MefCa later = open(dir, "mef.example.com", Clock.offset(CLOCK, Duration.ofDays(1)));
        X509Certificate latest = later.issue(csr(p256, CSE), CSE, Duration.ofDays(30));
        later.issue(csr(p256, CSE), CSE, Duration.ofDays(30)).getSerialNumber();
        later.close();
        // the store as an earlier build left it: no mostRecent and no format map
        org.h2.mvstore.MVStore store = new org.h2.mvstore.MVStore.Builder().fileName(dir.resolve("issued.mv.db").toString()).open();
        store.removeMap("mostRecent");
        store.removeMap("format");
        store.commit();
        store.close();
        MefCa reopened = open(dir, "mef.example.com", Clock.offset(CLOCK, Duration.ofDays(2)));
        BigInteger mostRecentCse = reopened.mostRecent(CSE).orElseThrow();
        List<X509Certificate> named = reopened.issued().stream().filter(c -> c.getSerialNumber().equals(mostRecentCse)).collect(Collectors.toList());
        assertEquals("a certificate of the store", 1, named.size());
        assertEquals("one of the two issued on the later day", latest.getNotBefore(), named.get(0).getNotBefore());
        assertEquals(CSE.uri(), EstClientCertificates.subjectUri(named.get(0)).orElseThrow());
        assertTrue(reopened.mostRecent(ae).isPresent());
    }
}
