package org.example.maf.impl.server.config;

import org.example.tef.core.certificates.Fingerprints;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One factory configuration {@value CertificateClientConfiguration#FACTORY_PID}: which client certificate
 * authenticates which MAF Client (the provisioned MAF Client Certificate Information, TS-0003 8.8.2.2).
 */
@Component(name = "org.example.maf.impl.server.CertificateClientComponent", service = CertificateClientComponent.class, configurationPid = CertificateClientConfiguration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = CertificateClientConfiguration.class, factory = true)
public final class CertificateClientComponent {
    private final String clientId;
    private final String fingerprint;

    @Activate
    public CertificateClientComponent(CertificateClientConfiguration config) {
        this.fingerprint = Fingerprints.ofProvisioned(CertificateClientConfiguration.FACTORY_PID, config.clientId(), config.fingerprint(),
                config.certificateFile());
        this.clientId = config.clientId().trim();
    }

    public String clientId() { return clientId; }

    /** Canonical SHA-256 of the client's end-entity certificate. */
    public String fingerprint() { return fingerprint; }
}
