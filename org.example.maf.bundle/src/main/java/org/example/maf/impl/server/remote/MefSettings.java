package org.example.maf.impl.server.remote;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.example.tef.api.Identifiers;
import org.example.tef.api.Suids;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.core.ConfigValues;

/**
 * The MEF a MAF fetches remotely provisioned Master Credentials from (TS-0003 8.3.2.1 "Use of Remotely Provisioned
 * Credential": "The Enrolment Target has been pre-configured with the MEF's FQDN/URL" and its own PSK with the MEF),
 * the SUID of the fetched key (21 for a MAF, 8.8.2.3) and how long a handshake may wait for the MEF. Checked once,
 * at start: a setting that cannot serve stops the MAF with a message naming it. {@link #toString()} hides the PSK.
 */
public final class MefSettings {
    final String fqdn;
    final String host;
    final int port;
    final PskCredential psk;
    final int suid;
    final Duration fetchTimeout;

    private MefSettings(String fqdn, String host, int port, PskCredential psk, int suid, Duration fetchTimeout) {
        this.fqdn = fqdn;
        this.host = host;
        this.port = port;
        this.psk = psk;
        this.suid = suid;
        this.fetchTimeout = fetchTimeout;
    }

    /**
     * @return empty when {@code mefFqdn} is empty (remote provisioning off)
     * @throws IllegalArgumentException naming the first setting that cannot serve
     */
    public static Optional<MefSettings> of(String mefFqdn, String mefHost, int mefPort, String mefPskIdentity, String mefPsk,
                                           int suid, long fetchTimeoutMillis) {
        if (mefFqdn == null || mefFqdn.isBlank()) return Optional.empty();
        String fqdn = mefFqdn.trim();
        if (!Identifiers.isFqdn(fqdn)) throw new IllegalArgumentException("mefFqdn '" + fqdn + "' is not an FQDN");
        if (mefHost == null || mefHost.isBlank()) throw new IllegalArgumentException("mefHost is empty: where does MEF " + fqdn + " listen?");
        if (mefPort < 1 || mefPort > 65535) throw new IllegalArgumentException("mefPort " + mefPort + " is not a TCP port");
        try {
            Identifiers.parse(mefPskIdentity);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mefPskIdentity, the MAF's psk_identity at MEF " + fqdn + ", is not relative@FQDN: " + e.getMessage());
        }
        byte[] key;
        try {
            key = ConfigValues.secret(mefPsk == null ? "" : mefPsk);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mefPsk is neither hex nor base64:... (its value is not shown)");
        }
        if (key.length < 16) throw new IllegalArgumentException("mefPsk has " + key.length + " bytes; the MAF's PSK at the MEF has at least 16");
        if (!Suids.RSPF_PROVISIONED.contains(suid)) throw new IllegalArgumentException("remoteProvisioningSuid " + suid
                + " is not a remotely provisioned SUID (21 to 25; a MAF fetches Km with 21, TS-0003 8.8.2.3)");
        if (fetchTimeoutMillis < 1) throw new IllegalArgumentException("mefFetchTimeoutMillis " + fetchTimeoutMillis + " is not positive");
        return Optional.of(new MefSettings(fqdn.toLowerCase(Locale.ROOT), mefHost.trim(), mefPort, new PskCredential(mefPskIdentity, key, null),
                suid, Duration.ofMillis(fetchTimeoutMillis)));
    }

    /** Whether a psk_identity is a KeID of this MEF: {@code relative@<MEF-FQDN>} (10.3.4). */
    public boolean issued(String identity) {
        try {
            return Identifiers.parse(identity).fqdn().equals(fqdn);
        } catch (IllegalArgumentException notAnIdentity) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "MEF " + fqdn + " at " + host + ":" + port + " as " + psk.identity() + ", SUID " + suid + ", fetch timeout " + fetchTimeout.toMillis() + " ms";
    }
}
