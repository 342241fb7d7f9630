package org.example.tef.core.certificates;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.example.tef.api.channel.ClientCertificates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provisioned Client Certificate Information of a MAF or MEF (TS-0003 8.8.2.2, 8.3.5.2.2): the client ID of a client certificate
 * by its SHA-256 fingerprint. The TLS layer asks only after the chain validated against the client trust anchors
 * (8.1.2.5); a certificate that validates but is not here is refused in the handshake.
 */
public final class ClientCertificateTable implements ClientCertificates {
    private static final Logger LOG = LoggerFactory.getLogger(ClientCertificateTable.class);
    private final Map<String, String> clientByFingerprint = new ConcurrentHashMap<>();

    public void put(String fingerprint, String clientId) {
        String before = clientByFingerprint.put(fingerprint, clientId);
        if (before != null && !before.equals(clientId)) {
            LOG.warn("client certificate {} was provisioned for {} and now for {}; {} applies", fingerprint, before, clientId, clientId);
        }
    }

    public void remove(String fingerprint, String clientId) {
        clientByFingerprint.remove(fingerprint, clientId);
    }

    public int size() { return clientByFingerprint.size(); }

    @Override
    public Optional<String> peerIdFor(List<X509Certificate> chain) {
        if (chain.isEmpty()) return Optional.empty();
        return Optional.ofNullable(clientByFingerprint.get(Fingerprints.of(chain.get(0))));
    }
}
