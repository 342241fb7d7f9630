package org.example.mef.impl.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Each MEF Client made by the factory keeps its CERT_PROV certificates and key apart (TS-0003 8.3.9.7). */
public class CertificateDirectoriesTest {
    @Rule public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void clientIdsThatReadAlikeGetDirectoriesOfTheirOwn_8_3_9_7() {
        Path base = folder.getRoot().toPath();
        Path slash = CertificateDirectories.of(base, "mef.example.com", "//sp.example.com/cse/a");
        Path underscore = CertificateDirectories.of(base, "mef.example.com", "//sp.example.com/cse_a");
        Path upper = CertificateDirectories.of(base, "mef.example.com", "//sp.example.com/CSE_A");
        assertNotEquals(slash, underscore);
        assertNotEquals(underscore.getFileName().toString().toLowerCase(), upper.getFileName().toString().toLowerCase());
        assertTrue(slash.getFileName().toString().startsWith("mef.example.com_sp.example.com_cse_a_"));
    }

    @Test
    public void theDemoDevicesDirectoryIsTheOneTheReadmeShows() {
        // README, "What the device keeps": ./start's device side (//sp.example.com/cse-gateway) and MEF (mef.example.com)
        assertEquals("mef.example.com_sp.example.com_cse-gateway_669e5c2fd8f40671",
                CertificateDirectories.name("mef.example.com", "//sp.example.com/cse-gateway"));
    }

    @Test
    public void theMefIsPartOfTheName() {
        assertNotEquals(CertificateDirectories.name("mef.example.com", "//sp.example.com/cse-a"),
                CertificateDirectories.name("mef2.example.com", "//sp.example.com/cse-a"));
    }

    @Test
    public void aDirectoryOfTheEarlierNameIsKeptUnderTheNewOne() throws Exception {
        Path base = folder.getRoot().toPath();
        Path earlier = Files.createDirectories(base.resolve("mef.example.com_sp.example.com_cse-a"));
        Files.writeString(earlier.resolve("certificate.pem"), "provisioned before the upgrade");
        Path dir = CertificateDirectories.of(base, "mef.example.com", "//sp.example.com/cse-a");
        assertEquals("provisioned before the upgrade", Files.readString(dir.resolve("certificate.pem")));
        assertFalse(Files.exists(earlier));
    }

    @Test
    public void anEarlierDirectoryDoesNotReplaceTheCurrentOne() throws Exception {
        Path base = folder.getRoot().toPath();
        Path dir = Files.createDirectories(base.resolve(CertificateDirectories.name("mef.example.com", "//sp.example.com/cse-a")));
        Files.writeString(dir.resolve("certificate.pem"), "current");
        Files.createDirectories(base.resolve("mef.example.com_sp.example.com_cse-a"));
        assertEquals(dir, CertificateDirectories.of(base, "mef.example.com", "//sp.example.com/cse-a"));
        assertEquals("current", Files.readString(dir.resolve("certificate.pem")));
    }
}
