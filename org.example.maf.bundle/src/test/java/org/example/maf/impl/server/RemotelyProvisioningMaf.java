package org.example.maf.impl.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.example.maf.impl.server.config.PskClientComponent;
import org.example.maf.impl.server.config.PskClientConfiguration;
import org.example.maf.impl.server.config.StakeholderComponent;
import org.example.maf.impl.server.config.StakeholderConfiguration;
import org.example.onem2m.testsupport.Configs;
import org.example.tef.api.standalone.TefStandalone;
import org.example.tef.spi.RegistrationStore;

/**
 * For tests outside this package (the MAF Client's): a MAF on a durable registry that fetches remotely provisioned Km
 * from a MEF (TS-0003 8.8.2.3 with 8.3.2.1), as {@link RemoteProvisioningTest} starts it, with one stakeholder and
 * optionally pre-provisioned PSK clients. Closing it stops the MAF and closes its registry; a MAF started again on the
 * same directory finds the registrations (and the KmIDs it assigned).
 */
public final class RemotelyProvisioningMaf implements AutoCloseable {
    private final RegistrationStore registry;
    private final MafServerComponent maf;

    /**
     * @param pskClients pre-provisioned clients as {KmID, Km in hex, client ID} triples
     */
    public RemotelyProvisioningMaf(Path directory, String fqdn, String mefFqdn, int mefPort, String mefPskIdentity, String mefPskHex,
                                   String adminFqdn, List<String> preAuthorized, List<String[]> pskClients) throws IOException {
        registry = Registries.durable(directory);
        try {
            maf = new MafServerComponent(TefStandalone.secureChannels(), TefStandalone.primitiveTransport(), registry,
                    Configs.of(MafServerConfiguration.class, "fqdn", fqdn, "port", 0, "mefFqdn", mefFqdn, "mefPort", mefPort,
                            "mefPskIdentity", mefPskIdentity, "mefPsk", mefPskHex, "mefFetchTimeoutMillis", 10_000L));
        } catch (IOException | RuntimeException e) {
            registry.close();
            throw e;
        }
        maf.addStakeholder(new StakeholderComponent(Configs.of(StakeholderConfiguration.class, "adminFqdn", adminFqdn,
                "preAuthorizedClients", preAuthorized.toArray(new String[0]))));
        for (String[] c : pskClients) {
            maf.addPskClient(new PskClientComponent(Configs.of(PskClientConfiguration.class, "kmId", c[0], "km", c[1], "clientId", c[2])));
        }
    }

    public int port() { return maf.address().getPort(); }

    public RegistrationStore registry() { return registry; }

    @Override
    public void close() throws IOException {
        try {
            maf.deactivate();
        } finally {
            registry.close();
        }
    }
}
