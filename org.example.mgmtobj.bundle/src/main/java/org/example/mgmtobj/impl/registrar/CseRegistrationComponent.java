package org.example.mgmtobj.impl.registrar;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.example.mgmtobj.api.ResourceTree;
import org.example.mgmtobj.impl.ResourceTreeComponent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the tree registered with its host CSE (issue 14: reached through OM2M): at start, then every
 * checkIntervalSeconds (made again when the host lost it); a host that does not answer is retried with doubling delay.
 * The tree's CSE-ID, name and first admin originator come from the ResourceTree service's properties (its configuration,
 * PID org.example.mgmtobj), so that they are configured once.
 */
@Component(configurationPid = CseRegistrationConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = CseRegistrationConfiguration.class)
public final class CseRegistrationComponent {
    private static final Logger LOG = LoggerFactory.getLogger(CseRegistrationComponent.class);

    private final CseRegistrar registrar;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mgmtobj-cse-registration");
        t.setDaemon(true);
        return t;
    });
    private final CseRegistrationConfiguration config;
    private long delay;
    /** The last refusal logged, so that the same one is not logged at every check. */
    private String lastRefusal;

    @Activate
    public CseRegistrationComponent(@Reference(name = "tree") ResourceTree tree,
            @Reference(name = "treeProperties", service = ResourceTree.class) Map<String, Object> treeProperties, CseRegistrationConfiguration config) {
        this.config = config;
        String admin = ResourceTreeComponent.names(treeProperties.getOrDefault("adminOriginators", "CAdmin")).stream().findFirst().orElse("CAdmin");
        this.registrar = new CseRegistrar(tree, new CseRegistrar.Self(String.valueOf(treeProperties.getOrDefault("cseId", "in-cse")),
                String.valueOf(treeProperties.getOrDefault("cseName", "in-name")), admin, config.spId(), config.cseType(), config.pointOfAccess()),
                config.registrarUrl(), config.originator());
        this.delay = Math.max(100, config.retryMillis());
        timer.execute(this::attempt);
    }

    private void attempt() {
        try {
            if (!registrar.registered()) registrar.register();
            delay = Math.max(100, config.retryMillis());
            timer.schedule(this::attempt, Math.max(1, config.checkIntervalSeconds()), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (CseRegistrar.Refused e) { // a configuration to fix: said once at ERROR, tried again at the check interval
            if (!e.getMessage().equals(lastRefusal)) {
                LOG.error("the host CSE {} refuses the registration (check registrarUrl, originator and the tree's CSE-ID): {}; tried again "
                        + "every {} s", config.registrarUrl(), e.getMessage(), config.checkIntervalSeconds());
            }
            lastRefusal = e.getMessage();
            timer.schedule(this::attempt, Math.max(1, config.checkIntervalSeconds()), TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("registration with the host CSE {} failed, tried again in {} ms: {}", config.registrarUrl(), delay, e.toString());
            timer.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
            delay = Math.min(delay * 2, TimeUnit.SECONDS.toMillis(Math.max(1, config.checkIntervalSeconds())));
        }
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        try { // a registration in flight ends before the de-registration is sent
            timer.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!config.deregisterOnStop()) return;
        try {
            registrar.deregister();
        } catch (Exception e) {
            LOG.warn("could not de-register from the host CSE {}: {}", config.registrarUrl(), e.toString());
        }
    }
}
