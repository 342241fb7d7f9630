package org.example.mef.impl.client;

import java.util.function.Supplier;

import org.example.mef.api.ProvisionedCertificate;
import org.example.tef.api.channel.TlsClientConfig;
import org.slf4j.Logger;

/**
 * How a MEF Client with {@code certificateHandshake} opens each MEF session (TS-0003 8.3.5.2.2: the MEF Handshake may be
 * certificate-based): with the MEF-Provisioned Certificate (8.3.6.1) it holds for its own client ID while one is valid,
 * the MEF CA certificates of its EST /cacerts as trust anchors for the MEF's certificate (8.3.6.2.1 NOTE 1); with its
 * Kpm otherwise (none provisioned yet, or it lapsed). Gives the same configuration instance until the certificate
 * changes, so that tef's client keeps reusing sessions opened under it. The session exports the Enrolment Key as a PSK
 * session does (8.3.2.1 NOTE 3). One INFO line whenever the credential changes; never a key.
 */
final class CertificateHandshake implements Supplier<TlsClientConfig> {
    private final TlsClientConfig psk;
    private final ClientCertificates certificates;
    private final String clientId;
    private final Logger log;
    /** The certificate the current configuration was made of, or null for the PSK one. */
    private ProvisionedCertificate using;
    private TlsClientConfig current;

    CertificateHandshake(TlsClientConfig psk, ClientCertificates certificates, String clientId, Logger log) {
        this.psk = psk;
        this.certificates = certificates;
        this.clientId = clientId;
        this.log = log;
        this.current = psk;
    }

    @Override
    public synchronized TlsClientConfig get() {
        // a certificate of any certSubjectType names this client when its certSubjectID is the client ID: the MEF takes
        // the certSubjectID of a certificate its CA issued as the MEF Client ID
        ProvisionedCertificate now = certificates.valid(p -> p.certSubjectId.equals(clientId)).orElse(null);
        if (now == using) return current;
        current = now == null ? psk : TlsClientConfig.builder(psk.host, psk.port, psk.serverName).certificate(now.credential(), now.caCertificates())
                .exporterLabels(psk.exporterLabels).connectTimeoutMillis(psk.connectTimeoutMillis).readTimeoutMillis(psk.readTimeoutMillis).build();
        if (now != null) {
            log.info("MEF Client {}: MEF sessions now authenticate with the provisioned certificate for {} (serial {}, notAfter {})", clientId,
                    now.certSubjectId, now.serialNumber().toString(16), now.notAfter());
        } else {
            log.info("MEF Client {}: no valid provisioned certificate for its client ID; MEF sessions authenticate with the Kpm {}", clientId,
                    psk.psk.identity());
        }
        using = now;
        return current;
    }
}
