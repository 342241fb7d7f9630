package org.example.maf.impl.server.remote;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;

/** The MAF's MEF settings (TS-0003 8.3.2.1: the Enrolment Target is pre-configured with the MEF and its own PSK there). */
public class MefSettingsTest {
    private static final String PSK = "404142434445464748494a4b4c4d4e4f";

    @Test
    public void anEmptyMefFqdnTurnsRemoteProvisioningOff_8_8_2_3() {
        assertFalse(MefSettings.of("", "127.0.0.1", 8444, "", "", 21, 5000).isPresent());
    }

    @Test
    public void aKeIdIsAnIdentityOfTheConfiguredMef_10_3_4() {
        MefSettings mef = MefSettings.of("MEF.example.com", "127.0.0.1", 8444, "maf@mef.example.com", PSK, 21, 5000).orElseThrow();
        assertTrue(mef.issued("00ff@mef.example.com"));
        assertTrue(mef.issued("00FF@MEF.EXAMPLE.COM"));
        assertFalse(mef.issued("00ff@maf.example.com"));
        assertFalse(mef.issued("not an identity"));
        assertFalse("the PSK is not shown", mef.toString().contains(PSK));
    }

    @Test
    public void aSettingThatCannotServeIsNamed() {
        refused("mefFqdn 'not_an fqdn'", "not_an fqdn", "127.0.0.1", 8444, "maf@mef.example.com", PSK, 21, 5000);
        refused("mefPort 0", "mef.example.com", "127.0.0.1", 0, "maf@mef.example.com", PSK, 21, 5000);
        refused("mefPskIdentity", "mef.example.com", "127.0.0.1", 8444, "", PSK, 21, 5000);
        refused("mefPsk is neither hex nor base64", "mef.example.com", "127.0.0.1", 8444, "maf@mef.example.com", "zz", 21, 5000);
        refused("mefPsk has 4 bytes", "mef.example.com", "127.0.0.1", 8444, "maf@mef.example.com", "01020304", 21, 5000);
        refused("remoteProvisioningSuid 32", "mef.example.com", "127.0.0.1", 8444, "maf@mef.example.com", PSK, 32, 5000);
        refused("mefFetchTimeoutMillis 0", "mef.example.com", "127.0.0.1", 8444, "maf@mef.example.com", PSK, 21, 0);
    }

    private static void refused(String because, String fqdn, String host, int port, String identity, String psk, int suid, long timeout) {
        try {
            MefSettings.of(fqdn, host, port, identity, psk, suid, timeout);
            fail("must be refused: " + because);
        } catch (IllegalArgumentException expected) {
            assertTrue("'" + expected.getMessage() + "' should say '" + because + "'", expected.getMessage().contains(because));
            assertFalse(expected.getMessage().contains(PSK));
        }
    }
}
