package org.example.maf.impl.server;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.InetSocketAddress;
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
import org.example.tef.spi.RegistrationStores;

/**
 * {@link MafServerBuilder}'s server: the real {@link MafServerComponent}, wired by hand the way DS wires it (its
 * configuration, then the stakeholders and PSK clients through its bind methods, which are package-private, so
 * this class is in the component's package).
 */
public final class EmbeddedMafServer implements MafServer {
    private final MafServerComponent component;

    private EmbeddedMafServer(MafServerComponent component) {
        this.component = component;
    }

    /** Called by {@link MafServerBuilder#start()} only. */
    public static MafServer start(SecureChannels channels, PrimitiveTransport transport, RegistrationStores stores, String fqdn,
                                  String host, int port, String dataDirectory, long purgeIntervalSeconds, int maxConnections,
                                  List<MafServerBuilder.Stakeholder> stakeholders, List<PskCredential> pskClients) throws IOException {
        if (!MafServerBuilder.STORE_FILE.equals(MafServerComponent.STORE_FILE)) throw new AssertionError("store file names differ");
        MafServerComponent component = new MafServerComponent(channels, transport, stores, new MafServerConfiguration() {
            @Override public Class<? extends Annotation> annotationType() { return MafServerConfiguration.class; }
            @Override public String fqdn() { return fqdn; }
            @Override public String host() { return host; }
            @Override public int port() { return port; }
            @Override public String dataDirectory() { return dataDirectory; }
            @Override public String store_target() { return "(name=maf)"; }
            @Override public long purgeIntervalSeconds() { return purgeIntervalSeconds; }
            @Override public int maxConnections() { return maxConnections; }
            @Override public boolean pskEnabled() { return true; }
            @Override public String certificateChainFile() { return ""; }
            @Override public String privateKeyFile() { return ""; }
            @Override public String clientTrustAnchorsFile() { return ""; }
        });
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
            component.deactivate();
            throw e;
        }
        return new EmbeddedMafServer(component);
    }

    @Override
    public InetSocketAddress address() { return component.address(); }

    @Override
    public List<String> replaceTargets(String adminFqdn, String relativeKeyId, List<String> targetIds) throws MafException {
        return component.replaceTargets(adminFqdn, relativeKeyId, targetIds);
    }

    @Override
    public void close() throws IOException { component.deactivate(); }
}
