package org.example.maf.impl.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.example.maf.impl.server.config.CertificateClientComponent;
import org.example.maf.impl.server.config.CertificateClientConfiguration;
import org.example.maf.impl.server.config.StakeholderComponent;
import org.example.maf.impl.server.config.StakeholderConfiguration;
import org.example.onem2m.testsupport.Configs;
import org.example.onem2m.testsupport.TestPki;
import org.example.tef.api.channel.CertificateCredential;
import org.example.tef.api.standalone.TefStandalone;
import org.example.tef.spi.RegistrationStore;

/**
 * Test only, for the device side's tests: a MAF accepting certificate clients only (TS-0003 8.8.2.2), as its DS component
 * runs with PEM files, since the exported MafServerBuilder offers no certificate mode. It lives in the MAF's package to
 * reach the component's package-private methods; the device bundle's main code does not use it.
 */
public final class CertificateOnlyMaf implements AutoCloseable {
    private final RegistrationStore registry = TefStandalone.registrationStores().inMemory();
    private final MafServerComponent server;

    /**
     * @param ca issues the MAF's certificate and is the only trust anchor for client certificates
     * @param clientId the client the certificate of {@code fingerprint} authenticates, pre-authorized by stakeholder {@code adminFqdn}
     */
    public CertificateOnlyMaf(String fqdn, TestPki ca, Path dir, String adminFqdn, String clientId, String fingerprint) throws Exception {
        CertificateCredential own = ca.server(fqdn).as(CertificateCredential::new);
        server = new MafServerComponent(TefStandalone.secureChannels(), TefStandalone.primitiveTransport(), registry,
                Configs.of(MafServerConfiguration.class, "fqdn", fqdn, "port", 0, "pskEnabled", false,
                        "certificateChainFile", TestPki.pem(dir.resolve("maf.pem"), "CERTIFICATE", own.chain().get(0).getEncoded()).toString(),
                        "privateKeyFile", TestPki.pem(dir.resolve("maf-key.pem"), "PRIVATE KEY", own.privateKey().getEncoded()).toString(),
                        "clientTrustAnchorsFile", TestPki.pem(dir.resolve("cas.pem"), "CERTIFICATE", ca.ca.getEncoded()).toString()));
        server.addStakeholder(new StakeholderComponent(Configs.of(StakeholderConfiguration.class, "adminFqdn", adminFqdn,
                "preAuthorizedClients", new String[] {clientId})));
        server.addCertificateClient(new CertificateClientComponent(Configs.of(CertificateClientConfiguration.class, "clientId", clientId,
                "fingerprint", fingerprint)));
    }

    public int port() { return server.address().getPort(); }

    /** The client registrations the MAF holds for {@code clientId}. */
    public List<?> registrationsOf(String clientId) { return registry.clientRegistrationsOf(clientId); }

    @Override
    public void close() throws IOException {
        server.deactivate();
        registry.close();
    }
}
