package org.example.maf.impl.server;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.util.Collection;

import org.example.maf.impl.server.config.PskClientComponent;
import org.example.maf.impl.server.config.PskClientConfiguration;
import org.example.maf.impl.server.config.StakeholderComponent;
import org.example.maf.impl.server.config.StakeholderConfiguration;
import org.example.tef.api.Hex;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.tef.spi.RegistrationStores;

/**
 * Runs the real {@link MafServerComponent} outside OSGi, wired by hand the way MafOverTlsTest does it: one
 * stakeholder, the PSK clients given, the store the configuration names. A class of the benchmarks module in the
 * MAF's package, because DS calls the component's bind and deactivate methods, which are package-private.
 */
public final class BenchMaf implements AutoCloseable {
    /** The file the MAF keeps its registry in, inside its data directory. */
    public static final String STORE_FILE = MafServerComponent.STORE_FILE;

    private final MafServerComponent component;

    /**
     * @param dataDirectory the MAF's data directory (its durable store), or "" for the in-memory store
     * @param clients the pre-provisioned PSK clients; each is also pre-authorized by the stakeholder
     */
    public BenchMaf(SecureChannels channels, PrimitiveTransport transport, RegistrationStores stores, String fqdn, int port,
                    String dataDirectory, int maxConnections, String adminFqdn, Collection<PskCredential> clients) throws IOException {
        component = new MafServerComponent(channels, transport, stores, new MafServerConfiguration() {
            @Override public Class<? extends Annotation> annotationType() { return MafServerConfiguration.class; }
            @Override public String fqdn() { return fqdn; }
            @Override public String host() { return "127.0.0.1"; }
            @Override public int port() { return port; }
            @Override public String dataDirectory() { return dataDirectory; }
            @Override public String store_target() { return "(name=maf)"; }
            @Override public long purgeIntervalSeconds() { return 60; }
            @Override public int maxConnections() { return maxConnections; }
            @Override public boolean pskEnabled() { return true; }
            @Override public String certificateChainFile() { return ""; }
            @Override public String privateKeyFile() { return ""; }
            @Override public String clientTrustAnchorsFile() { return ""; }
        });
        String[] authorized = clients.stream().map(PskCredential::peerId).toArray(String[]::new);
        component.addStakeholder(new StakeholderComponent(new StakeholderConfiguration() {
            @Override public Class<? extends Annotation> annotationType() { return StakeholderConfiguration.class; }
            @Override public String adminFqdn() { return adminFqdn; }
            @Override public String[] preAuthorizedClients() { return authorized; }
            @Override public long maxRegistrationLifetimeSeconds() { return 31_536_000L; }
            @Override public long maxKeyLifetimeSeconds() { return 2_592_000L; }
            @Override public String clientConfiguration() { return ""; }
        }));
        for (PskCredential c : clients) {
            component.addPskClient(new PskClientComponent(new PskClientConfiguration() {
                @Override public Class<? extends Annotation> annotationType() { return PskClientConfiguration.class; }
                @Override public String kmId() { return c.identity(); }
                @Override public String km() { return Hex.encode(c.key()); }
                @Override public String clientId() { return c.peerId(); }
            }));
        }
    }

    /** As DS deactivates it: stops the purge, closes the TLS server and the store. */
    @Override
    public void close() throws IOException {
        component.deactivate();
    }

}
