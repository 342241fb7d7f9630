package org.example.mef.impl.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.example.mef.impl.client.est.CertificateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a MEF Client made by the factory keeps the certificates CERT_PROV provisions (TS-0003 8.3.9.7): one directory
 * per MEF and client ID under the factory's base.
 *
 * <p>The name is readable ({@code <MEF-FQDN>_<client ID, '/' and the like as '_'>}) and ends with a digest of the exact
 * FQDN and client ID: without it, {@code //sp/cse_a} and {@code //sp/cse/a} (or two IDs differing in case, on a file
 * system that ignores case) shared one directory, and one client's certificate and private key became the other's.
 * A directory of the earlier, digest-less name is moved to the new name once, so an upgrade keeps what was provisioned.
 */
final class CertificateDirectories {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateDirectories.class);
    /** 8 bytes of SHA-256: 16 hex digits, no accidental collision among the clients of one device. */
    private static final int DIGEST_BYTES = 8;

    private CertificateDirectories() {}

    /** The directory of the client {@code clientId} of the MEF {@code mefFqdn} under {@code base}, moved from its earlier name if only that exists. */
    static Path of(Path base, String mefFqdn, String clientId) {
        Path dir = base.resolve(name(mefFqdn, clientId));
        Path earlier = base.resolve(readable(mefFqdn, clientId));
        if (Files.isDirectory(earlier) && !Files.exists(dir)) {
            try {
                Files.move(earlier, dir, StandardCopyOption.ATOMIC_MOVE);
                LOG.info("MEF Client {} of {}: certificate directory {} renamed to {} (its name now tells client IDs apart)",
                        clientId, mefFqdn, earlier, dir);
            } catch (IOException e) {
                LOG.warn("MEF Client {} of {}: could not rename the certificate directory {} to {} ({}); its certificates"
                        + " are not used until it is renamed by hand", clientId, mefFqdn, earlier, dir, e.toString());
            }
        }
        return dir;
    }

    static String name(String mefFqdn, String clientId) {
        return readable(mefFqdn, clientId) + "_" + CertificateFiles.sha256Hex(mefFqdn + "\n" + clientId, DIGEST_BYTES);
    }

    private static String readable(String mefFqdn, String clientId) {
        return mefFqdn + "_" + CertificateFiles.readable(clientId);
    }
}
