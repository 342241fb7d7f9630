package org.example.maf.impl.server.config;

import java.nio.file.Path;

import org.example.maf.impl.server.certificates.Fingerprints;
import org.example.maf.impl.server.certificates.PemFiles;
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
        String id = config.clientId() == null ? "" : config.clientId().trim();
        if (id.isEmpty()) throw new IllegalArgumentException(CertificateClientConfiguration.FACTORY_PID + ": clientId is not set");
        boolean byFingerprint = !config.fingerprint().isBlank();
        boolean byFile = !config.certificateFile().isBlank();
        if (byFingerprint == byFile) throw new IllegalArgumentException(CertificateClientConfiguration.FACTORY_PID + " of " + id
                + ": set fingerprint or certificateFile, " + (byFile ? "not both" : "one of them"));
        this.clientId = id;
        this.fingerprint = byFingerprint ? Fingerprints.parse(config.fingerprint())
                : Fingerprints.of(PemFiles.certificates("certificateFile of " + id, Path.of(config.certificateFile().trim())).get(0));
    }

    public String clientId() { return clientId; }

    /** Canonical SHA-256 of the client's end-entity certificate. */
    public String fingerprint() { return fingerprint; }
}
