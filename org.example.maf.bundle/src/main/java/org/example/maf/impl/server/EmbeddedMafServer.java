package org.example.maf.impl.server;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

import org.example.maf.api.MafException;
import org.example.maf.api.MafServer;
import org.example.maf.api.MafServerBuilder;
import org.example.maf.impl.server.config.PskClientComponent;
import org.example.maf.impl.server.config.PskClientConfiguration;
import org.example.maf.impl.server.config.StakeholderComponent;
import org.example.maf.impl.server.config.StakeholderConfiguration;
import org.example.tef.api.Hex;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.tef.spi.RegistrationStore;
import org.example.tef.spi.RegistrationStores;

/**
 * {@link MafServerBuilder}'s server: the real {@link MafServerComponent}, wired by hand the way DS wires it (the
 * registry store, which this class opens and closes as the store component does in OSGi; the configuration; then
 * the stakeholders and PSK clients through its bind methods, which are package-private, so this class is in the
 * component's package; then {@code listen()}, its activate method).
 */
public final class EmbeddedMafServer implements MafServer {
    private final MafServerComponent component;
    private final RegistrationStore store;

    private EmbeddedMafServer(MafServerComponent component, RegistrationStore store) {
        this.component = component;
        this.store = store;
    }

    /** Called by {@link MafServerBuilder#start()} only. */
    public static MafServer start(SecureChannels channels, PrimitiveTransport transport, RegistrationStores stores, String fqdn,
                                  String host, int port, String dataDirectory, long purgeIntervalSeconds, int maxConnections,
                                  List<MafServerBuilder.Stakeholder> stakeholders, List<PskCredential> pskClients,
                                  MafServerBuilder.Mef mef) throws IOException {
        // The registry is opened here, as the store component does in OSGi, and closed after the MAF stops.
        RegistrationStore store = dataDirectory.isBlank() ? stores.inMemory()
                : stores.openDurable(Path.of(dataDirectory, MafServerBuilder.STORE_FILE));
        MafServerComponent component;
        try {
            component = MafServerComponent.unopened(channels, transport, store,
                    configuration(fqdn, host, port, purgeIntervalSeconds, maxConnections, mef));
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        try {
            for (MafServerBuilder.Stakeholder s : stakeholders) {
                component.addStakeholder(new StakeholderComponent(new StakeholderConfiguration() {
                    @Override public Class<? extends Annotation> annotationType() { return StakeholderConfiguration.class; }
                    @Override public String adminFqdn() { return s.adminFqdn; }
                    @Override public String[] preAuthorizedClients() { return s.preAuthorizedClients.toArray(String[]::new); }
                    @Override public long maxRegistrationLifetimeSeconds() { return s.maxRegistrationLifetime.toSeconds(); }
                    @Override public long maxKeyLifetimeSeconds() { return s.maxKeyLifetime.toSeconds(); }
                    @Override public String clientConfiguration() { return ""; }
                }));
            }
            for (PskCredential c : pskClients) {
                component.addPskClient(new PskClientComponent(new PskClientConfiguration() {
                    @Override public Class<? extends Annotation> annotationType() { return PskClientConfiguration.class; }
                    @Override public String kmId() { return c.identity(); }
                    @Override public String km() { return Hex.encode(c.key()); }
                    @Override public String clientId() { return c.peerId(); }
                }));
            }
        } catch (RuntimeException e) {
            try {
                component.deactivate();
            } finally {
                store.close();
            }
            throw e;
        }
        try {
            component.listen(); // as SCR does: after the binds, so that no client meets a MAF without its stakeholders
        } catch (IOException | RuntimeException e) {
            store.close(); // a failed listen() has closed what the component opened (Activation.orRelease)
            throw e;
        }
        return new EmbeddedMafServer(component, store);
    }

    private static MafServerConfiguration configuration(String fqdn, String host, int port, long purgeIntervalSeconds,
                                                        int maxConnections, MafServerBuilder.Mef mef) {
        return new MafServerConfiguration() {
            @Override public Class<? extends Annotation> annotationType() { return MafServerConfiguration.class; }
            @Override public String fqdn() { return fqdn; }
            @Override public String host() { return host; }
            @Override public int port() { return port; }
            @Override public String dataDirectory() { return ""; }
            @Override public String store_target() { return MafServerComponent.DEFAULT_STORE_TARGET; }
            @Override public long purgeIntervalSeconds() { return purgeIntervalSeconds; }
            @Override public int maxConnections() { return maxConnections; }
            @Override public boolean pskEnabled() { return true; }
            @Override public String certificateChainFile() { return ""; }
            @Override public String privateKeyFile() { return ""; }
            @Override public String clientTrustAnchorsFile() { return ""; }
            @Override public String mefFqdn() { return mef == null ? "" : mef.mefFqdn; }
            @Override public String mefHost() { return mef == null ? "127.0.0.1" : mef.mefHost; }
            @Override public int mefPort() { return mef == null ? 8444 : mef.mefPort; }
            @Override public String mefPskIdentity() { return mef == null ? "" : mef.mafAtMef.identity(); }
            @Override public String mefPsk() { return mef == null ? "" : Hex.encode(mef.mafAtMef.key()); }
            @Override public int remoteProvisioningSuid() { return 21; }
            @Override public long mefFetchTimeoutMillis() { return 5000; }
        };
    }

    @Override
    public InetSocketAddress address() { return component.address(); }

    @Override
    public List<String> replaceTargets(String adminFqdn, String relativeKeyId, List<String> targetIds) throws MafException {
        return component.replaceTargets(adminFqdn, relativeKeyId, targetIds);
    }

    @Override
    public void close() throws IOException {
        try {
            component.deactivate();
        } finally {
            store.close();
        }
    }
}
