package org.example.maf.impl.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.example.maf.api.MafException;
import org.example.maf.api.StakeholderAdministration;
import org.example.tef.api.Identifiers;
import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.TlsServerConfig;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.tef.spi.RegistrationStore;
import org.example.tef.spi.RegistrationStores;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MAF server: its TLS endpoint (PSK clients by KmID), the durable registry, the stakeholders and
 * pre-provisioned client keys from their factory configurations, and the background purge of expired records.
 */
@Component(service = StakeholderAdministration.class, configurationPid = MafServerConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = MafServerConfiguration.class)
public final class MafServerComponent implements StakeholderAdministration {
    private static final Logger LOG = LoggerFactory.getLogger(MafServerComponent.class);
    static final String STORE_FILE = "maf-registry.mv.db";

    private final Stakeholders stakeholders = new Stakeholders();
    private final Map<String, PskCredential> pskByKmId = new ConcurrentHashMap<>();
    private final RegistrationStore store;
    private final MafProcedures procedures;
    private final SecureChannels.Server server;
    private final ScheduledExecutorService purger;

    @Activate
    public MafServerComponent(@Reference SecureChannels channels, @Reference PrimitiveTransport transport,
                              @Reference RegistrationStores stores, MafServerConfiguration config) throws IOException {
        store = config.dataDirectory().isBlank() ? stores.inMemory() : stores.openDurable(Path.of(config.dataDirectory(), STORE_FILE));
        procedures = new MafProcedures(config.fqdn(), store, stakeholders, Clock.systemUTC());
        try {
            server = channels.listen(TlsServerConfig.builder(config.fqdn()).host(config.host()).port(config.port())
                    .psk(this::lookupPsk).exporterLabels(List.of(KeyExport.CONNECTION_LABEL)).maxConnections(config.maxConnections())
                    .build(), session -> transport.serve(session, procedures));
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        purger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "maf-purge");
            t.setDaemon(true);
            return t;
        });
        long interval = Math.max(1, config.purgeIntervalSeconds());
        purger.scheduleWithFixedDelay(this::purge, interval, interval, TimeUnit.SECONDS);
        LOG.info("MAF {} listening on {} (TLS 1.2 PSK); registry {} holds {} client and {} key registration(s)", config.fqdn(),
                server.address(), store.location(), store.clientRegistrationCount(), store.keyRegistrationCount());
    }

    @Deactivate
    void deactivate() throws IOException {
        purger.shutdownNow();
        server.close();
        store.close();
        LOG.info("MAF stopped; registry {} closed", store.location());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addStakeholder(StakeholderComponent component) {
        stakeholders.put(component.stakeholder());
        LOG.info("MAF serves administrating stakeholder {}", component.stakeholder().adminFqdn());
    }

    void removeStakeholder(StakeholderComponent component) {
        stakeholders.remove(component.stakeholder().adminFqdn());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPskClient(PskClientComponent component) {
        pskByKmId.put(canonicalKmId(component.credential().identity()), component.credential());
    }

    void removePskClient(PskClientComponent component) {
        pskByKmId.remove(canonicalKmId(component.credential().identity()));
    }

    private Optional<PskCredential> lookupPsk(String identity) {
        try {
            return Optional.ofNullable(pskByKmId.get(canonicalKmId(identity)));
        } catch (IllegalArgumentException notAKmId) {
            return Optional.empty();
        }
    }

    /** KmIDs compare without regard to case (TS-0003 10.6). */
    static String canonicalKmId(String kmId) {
        return Identifiers.parse(kmId).toString().toLowerCase(java.util.Locale.ROOT);
    }

    private void purge() {
        try {
            int removed = store.removeExpired(Clock.systemUTC().instant());
            if (removed > 0) LOG.info("purged {} expired registration(s)", removed);
        } catch (RuntimeException e) {
            LOG.error("purging expired registrations failed; it runs again at the next interval", e);
        }
    }

    @Override
    public List<String> replaceTargets(String adminFqdn, String relativeKeyId, List<String> targetIds) throws MafException {
        try {
            return procedures.replaceTargets(adminFqdn, relativeKeyId, targetIds).targetIds();
        } catch (MafRejection r) {
            throw new MafException(r.rsc.code(), r.getMessage());
        }
    }
}
