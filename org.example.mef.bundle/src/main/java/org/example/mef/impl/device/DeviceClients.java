package org.example.mef.impl.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.example.mef.api.MefClient;
import org.example.mef.api.MefClientConfig;
import org.example.mef.api.MefClientFactory;
import org.example.mef.api.MefCommandExecutor;
import org.example.mgmtobj.api.MgmtObj;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MEF Client per MEFClientRegCfg MO (TS-0003 8.3.4.2), keyed by the MO's resource ID, with the device's Kpm, its
 * state in a file of its own (so that deleting the MO deletes exactly that registration's credentials) and automatic
 * MEF Client Commands (8.3.4.6).
 */
final class DeviceClients implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceClients.class);
    private final MefClientFactory factory;
    private final String clientId, kpmId, mefHost;
    private final byte[] kpm;
    private final Path stateDirectory;
    /** Executes the MO_NODE commands (TS-0003 8.3.9.9) of these clients only: they concern this device's MOs. */
    private final MefCommandExecutor moNode;
    private final Map<String, MefClient> clients = new ConcurrentHashMap<>();

    DeviceClients(MefClientFactory factory, String clientId, String kpmId, byte[] kpm, Path stateDirectory, String mefHost,
                  MefCommandExecutor moNode) {
        this.moNode = moNode;
        this.factory = factory;
        this.clientId = clientId;
        this.kpmId = kpmId;
        this.kpm = kpm.clone();
        this.stateDirectory = stateDirectory;
        this.mefHost = mefHost == null || mefHost.isBlank() ? null : mefHost;
    }

    Optional<MefClient> existing(String cfgResourceId) { return Optional.ofNullable(clients.get(cfgResourceId)); }

    /** The MO's client, opened (with its state file, so a restarted device finds its registration) when needed. */
    MefClient open(MgmtObj cfg) throws MoFailure {
        MefClient held = clients.get(cfg.resourceId());
        if (held != null) return held;
        String fqdn = cfg.stringAttribute("fqdn").orElseThrow(() -> MoFailure.inconsistent("MEFClientRegCfg without fqdn"));
        // 8.3.9.9.4: the protocol follows the ports present; this MEF Client speaks the HTTP binding (over TLS) only
        long port = cfg.longAttribute("httpPort").orElseThrow(() -> MoFailure.processing(
                "not supported yet: the MEF Client speaks HTTP only and the MEFClientRegCfg has no httpPort"));
        MefClientConfig config = MefClientConfig.withPsk(fqdn, mefHost != null ? mefHost : fqdn, (int) port, clientId, kpmId, kpm)
                .withStateFile(stateFile(cfg.resourceId())).withAutomaticCommands();
        if (moNode != null) config = config.withCommandExecutor(moNode);
        try {
            MefClient client = factory.create(config);
            clients.put(cfg.resourceId(), client);
            return client;
        } catch (RuntimeException e) {
            throw MoFailure.processing("the MEF Client could not start: " + e.getMessage());
        }
    }

    /**
     * The client of an MO this process has not opened (a restart) but whose state file exists: what a change replayed
     * after a restart needs to end the registration or key it made before (the MO may be gone from the tree by then).
     */
    Optional<MefClient> existingOrReopened(MgmtObj cfg) {
        Optional<MefClient> held = existing(cfg.resourceId());
        if (held.isPresent()) return held;
        Path file = stateFile(cfg.resourceId());
        if (file == null || !Files.exists(file)) return Optional.empty();
        try {
            return Optional.of(open(cfg));
        } catch (MoFailure e) {
            LOG.warn("the MEF Client state of {} in {} cannot be reopened: {}", cfg.resourceId(), file, e.getMessage());
            return Optional.empty();
        }
    }

    /** 8.3.4.2 deletion: stop using the registration and delete its credentials (the client's state file). */
    void discard(String cfgResourceId) {
        MefClient client = clients.remove(cfgResourceId);
        if (client != null) client.close();
        Path file = stateFile(cfgResourceId);
        if (file == null) return;
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete {}, the state of the MEF Client of deleted MO {}: {}", file, cfgResourceId, e.toString());
        }
    }

    private Path stateFile(String cfgResourceId) {
        return stateDirectory == null ? null : stateDirectory.resolve("mef-client-" + cfgResourceId.replaceAll("[^A-Za-z0-9._-]", "_") + ".mv.db");
    }

    @Override
    public void close() {
        clients.values().forEach(MefClient::close);
        clients.clear();
    }
}
