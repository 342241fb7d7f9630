package org.example.mef.impl.server.config;

import org.example.tef.core.certificates.Fingerprints;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/** One factory configuration {@value MefCertificateClientConfiguration#FACTORY_PID}: which client certificate authenticates whom. */
@Component(service = MefCertificateClientComponent.class, configurationPid = MefCertificateClientConfiguration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = MefCertificateClientConfiguration.class, factory = true)
public final class MefCertificateClientComponent {
    private final String clientId;
    private final String fingerprint;

    @Activate
    public MefCertificateClientComponent(MefCertificateClientConfiguration config) {
        this.fingerprint = Fingerprints.ofProvisioned(MefCertificateClientConfiguration.FACTORY_PID, config.clientId(), config.fingerprint(),
                config.certificateFile());
        this.clientId = config.clientId().trim();
    }

    public String clientId() { return clientId; }

    /** Canonical SHA-256 of the client's end-entity certificate. */
    public String fingerprint() { return fingerprint; }
}
