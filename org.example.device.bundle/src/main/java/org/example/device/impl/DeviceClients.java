package org.example.device.impl;

import static org.example.mgmtobj.api.Specialization.MAF_CLIENT_REG_CFG;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.example.maf.api.MafClientConfig;
import org.example.maf.api.MafClientFactory;
import org.example.mef.api.MefClientConfig;
import org.example.mef.api.MefClientFactory;
import org.example.mef.api.MefCommandExecutor;
import org.example.mef.api.ProvisionedCertificate;
import org.example.mgmtobj.api.MgmtObj;
import org.example.onem2m.mvstore.MVStoreFiles;
import org.example.tef.api.EnrolmentKey;
import org.example.tef.client.StateMaps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client per MEFClientRegCfg or MAFClientRegCfg MO (TS-0003 8.3.4.2, 8.3.9.9.8), keyed by the MO's resource ID, with
 * its state in files of its own (so that deleting the MO deletes exactly that registration's credentials). A MEF
 * Client authenticates with the device's Kpm and runs automatic MEF Client Commands (8.3.4.6); a MAF Client with the
 * configured Km, or else with the Enrolment Key of a registered MEF Client of this device (the MAF fetches the Km from
 * the MEF, 8.3.2.1 f, 10.3.7).
 */
final class DeviceClients implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceClients.class);
    /** Where a server is reached instead of the MO's fqdn (null: the fqdn), and the device's pre-provisioned credentials. */
    record Credentials(String clientId, String kpmId, byte[] kpm, String mefHost, String mafKmId, byte[] mafKm, String mafHost) {}

    private final MefClientFactory mefFactory;
    private final MafClientFactory mafFactory;
    private final Credentials credentials;
    private final Path stateDirectory;
    /** Executes the MO_NODE commands (TS-0003 8.3.9.9) of these clients only: they concern this device's MOs. */
    private final MefCommandExecutor moNode;
    /** Whether a MAFClientRegCfg's handshake is certificate-based (a SUID 41 profile), and with what; null: never. */
    private final MafHandshakeCertificate mafCertificates;
    private final Map<String, EnrolmentClient> clients = new ConcurrentHashMap<>();
    /** The server and stakeholder each client was opened for ({@link ClientRegCfgProcessing#server}). */
    private final Map<String, List<Object>> openedFor = new ConcurrentHashMap<>();

    DeviceClients(MefClientFactory mefFactory, MafClientFactory mafFactory, Credentials credentials, Path stateDirectory, MefCommandExecutor moNode,
                  MafHandshakeCertificate mafCertificates) {
        this.mafCertificates = mafCertificates;
        this.mefFactory = mefFactory;
        this.mafFactory = mafFactory;
        this.credentials = credentials;
        this.stateDirectory = stateDirectory;
        this.moNode = moNode;
    }

    Optional<EnrolmentClient> existing(String cfgResourceId) { return Optional.ofNullable(clients.get(cfgResourceId)); }

    /** The MO's client, opened (with its state files, so a restarted device finds its registration) when needed. */
    synchronized EnrolmentClient open(MgmtObj cfg) throws MoFailure, RetryLater {
        EnrolmentClient held = clients.get(cfg.resourceId());
        List<Object> server = ClientRegCfgProcessing.server(cfg);
        if (held != null) {
            if (held.registration().isPresent() || server.equals(openedFor.get(cfg.resourceId()))) return held;
            // opened for the server the MO named before an UPDATE and never registered there: nothing to end; opened anew
            discard(cfg.resourceId());
        }
        String fqdn = cfg.stringAttribute("fqdn").orElseThrow(() -> MoFailure.inconsistent(cfg.specialization().longName() + " without fqdn"));
        // 8.3.9.9.4, 8.3.9.9.8: the protocol follows the ports present; these clients speak the HTTP binding (over TLS) only
        long port = cfg.longAttribute("httpPort").orElseThrow(() -> MoFailure.processing("not supported yet: the "
                + cfg.specialization().longName() + " has no httpPort, and this client speaks HTTP only"));
        EnrolmentClient client;
        try {
            client = cfg.specialization() == MAF_CLIENT_REG_CFG ? openMaf(cfg, fqdn, (int) port) : openMef(cfg, fqdn, (int) port);
        } catch (RuntimeException e) {
            throw MoFailure.processing("the " + (cfg.specialization() == MAF_CLIENT_REG_CFG ? "MAF" : "MEF") + " Client could not start: " + e.getMessage());
        }
        clients.put(cfg.resourceId(), client);
        openedFor.put(cfg.resourceId(), server);
        return client;
    }

    private EnrolmentClient openMef(MgmtObj cfg, String fqdn, int port) {
        Credentials c = credentials;
        MefClientConfig config = MefClientConfig.withPsk(fqdn, c.mefHost() != null ? c.mefHost() : fqdn, port, c.clientId(), c.kpmId(), c.kpm())
                .withStateFile(stateFile("mef-client-", cfg.resourceId())).withAutomaticCommands();
        if (moNode != null) config = config.withCommandExecutor(moNode);
        return new MefEnrolmentClient(mefFactory.create(config));
    }

    private EnrolmentClient openMaf(MgmtObj cfg, String fqdn, int port) throws RetryLater, MoFailure {
        Credentials c = credentials;
        String host = c.mafHost() != null ? c.mafHost() : fqdn;
        Optional<MafHandshakeCertificate.Choice> certificate = mafCertificates == null ? Optional.empty()
                : mafCertificates.of(cfg, provisionedCertificates());
        MafClientConfig config;
        if (certificate.isPresent()) { // 8.8.2.2 with certificates: the MAF knows the client by its certificate, no Km to keep
            config = MafClientConfig.withCertificate(fqdn, host, port, c.clientId(), certificate.get().credential(), certificate.get().mafTrustAnchors());
            LOG.info("the MAF Client of {} authenticates to {} with the {}", cfg.resourceId(), fqdn, certificate.get().description());
        } else if (c.mafKmId() != null) {
            config = MafClientConfig.withPsk(fqdn, host, port, c.clientId(), c.mafKmId(), c.mafKm());
        } else {
            EnrolmentKey ke = enrolmentKey().orElseThrow(() -> new RetryLater("no MEF Client of this device holds an Enrolment Key yet"
                    + " (a registered MEFClientRegCfg), and no MAF KmID is configured: the MAF Client has no credential (8.3.2.1, 8.8.2.2)"));
            config = MafClientConfig.withEnrolmentKey(fqdn, host, port, ke);
        }
        if (certificate.isEmpty() && c.mafKmId() == null) config = config.withStateFile(stateFile("maf-client-", cfg.resourceId())); // the assigned KmID
        Path records = stateFile("maf-records-", cfg.resourceId());
        return new MafEnrolmentClient(mafFactory.create(config), records == null ? StateMaps.inMemory(MafEnrolmentClient.MAPS)
                : StateMaps.file(records, "the device's records of a MAF Client", MafEnrolmentClient.MAPS));
    }

    /** The Enrolment Key of a MEF Client of this device (8.3.2.1), for a MAF Client of a remotely provisioned Km. */
    private Optional<EnrolmentKey> enrolmentKey() {
        for (EnrolmentClient c : clients.values()) {
            if (c instanceof MefEnrolmentClient) {
                Optional<EnrolmentKey> ke = ((MefEnrolmentClient) c).client.enrolmentKey();
                if (ke.isPresent()) return ke;
            }
        }
        return Optional.empty();
    }

    /**
     * The certificates the MEF provisioned to this device's open MEF Clients by CERT_PROV (TS-0003 8.3.9.7), each with its
     * private key: local copies for 8.3.9.9.6.
     */
    List<ProvisionedCertificate> provisionedCertificates() {
        List<ProvisionedCertificate> all = new ArrayList<>();
        for (EnrolmentClient c : clients.values()) {
            if (c instanceof MefEnrolmentClient) all.addAll(((MefEnrolmentClient) c).client.provisionedCertificates());
        }
        return all;
    }

    /**
     * The client of an MO this process has not opened (a restart) but whose state file exists: what a change replayed
     * after a restart needs to end the registration or key it made before (the MO may be gone from the tree by then).
     */
    synchronized Optional<EnrolmentClient> existingOrReopened(MgmtObj cfg) {
        Optional<EnrolmentClient> held = existing(cfg.resourceId());
        if (held.isPresent()) return held;
        String prefix = cfg.specialization() == MAF_CLIENT_REG_CFG ? "maf-records-" : "mef-client-";
        Path file = stateFile(prefix, cfg.resourceId());
        if (file == null || !Files.exists(file)) return Optional.empty();
        try {
            return Optional.of(open(cfg));
        } catch (MoFailure | RetryLater e) {
            LOG.warn("the client state of {} in {} cannot be reopened: {}", cfg.resourceId(), file, e.getMessage());
            return Optional.empty();
        }
    }

    /** 8.3.4.2 deletion: stop using the registration and delete its credentials (the client's state files). */
    synchronized void discard(String cfgResourceId) {
        openedFor.remove(cfgResourceId);
        EnrolmentClient client = clients.remove(cfgResourceId);
        if (client != null) client.close();
        for (String prefix : new String[] {"mef-client-", "maf-client-", "maf-records-"}) {
            Path file = stateFile(prefix, cfgResourceId);
            if (file == null) continue;
            try {
                Files.deleteIfExists(file);
                Files.deleteIfExists(MVStoreFiles.journalOf(file));
            } catch (IOException e) {
                LOG.warn("could not delete {}, the client state of deleted MO {}: {}", file, cfgResourceId, e.toString());
            }
        }
    }

    private Path stateFile(String prefix, String cfgResourceId) {
        return stateDirectory == null ? null : stateDirectory.resolve(prefix + cfgResourceId.replaceAll("[^A-Za-z0-9._-]", "_") + ".mv.db");
    }

    @Override
    public void close() {
        clients.values().forEach(EnrolmentClient::close);
        clients.clear();
    }
}
