package org.example.maf.impl.server;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.example.tef.spi.RegistrationStore;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the operator why a configured MAF does not start. {@link MafServerComponent} stays unsatisfied, and so
 * silent, while no {@link RegistrationStore} service matches its {@code store.target}: for instance after an
 * upgrade that kept an {@code org.example.maf.server.cfg} with the former {@code dataDirectory} but added no store
 * configuration. This component shares the MAF's configuration, needs no store, and says so once, after a grace
 * period in which the store component normally appears.
 */
@Component(configurationPid = MafServerConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
public final class MafStoreWatch {
    private static final Logger LOG = LoggerFactory.getLogger(MafStoreWatch.class);
    static final long GRACE_SECONDS = 10;

    private final Map<RegistrationStore, Map<String, Object>> stores = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "maf-store-watch");
        t.setDaemon(true);
        return t;
    });

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addStore(RegistrationStore store, Map<String, Object> properties) { stores.put(store, properties); }

    void removeStore(RegistrationStore store) { stores.remove(store); }

    @Activate
    void activate(MafServerConfiguration config) {
        if (!config.dataDirectory().isBlank()) {
            LOG.warn("MAF {}: dataDirectory={} is deprecated and ignored: the registry is the RegistrationStore service"
                    + " selected by store.target {} (configure its directory under factory PID org.example.tef.store.mvstore)",
                    config.fqdn(), config.dataDirectory(), config.store_target());
        }
        timer.schedule(() -> check(config), GRACE_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() { timer.shutdownNow(); }

    private void check(MafServerConfiguration config) {
        problem(config).ifPresent(LOG::warn);
    }

    /** Why the MAF cannot start for want of its registry, or empty when a store matches {@code store.target}. */
    Optional<String> problem(MafServerConfiguration config) {
        String target = config.store_target();
        Filter filter;
        try {
            filter = FrameworkUtil.createFilter(target);
        } catch (InvalidSyntaxException e) {
            return Optional.of("MAF " + config.fqdn() + " is not started: store.target " + target + " is not an LDAP filter: " + e.getMessage());
        }
        if (stores.values().stream().anyMatch(filter::matches)) return Optional.empty();
        return Optional.of("MAF " + config.fqdn() + " is not started: no RegistrationStore service matches store.target " + target
                + " (stores registered: " + stores.values().stream().map(p -> String.valueOf(p.get("name"))).sorted().toList()
                + "). Configure one, e.g. etc/org.example.tef.store.mvstore-maf.cfg with name=maf, or"
                + " etc/org.example.tef.store.memory-maf.cfg for a registry in memory only");
    }
}
