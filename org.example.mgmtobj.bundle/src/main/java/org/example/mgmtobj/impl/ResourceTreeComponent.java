package org.example.mgmtobj.impl;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.example.mgmtobj.api.MgmtObj;
import org.example.mgmtobj.api.MgmtObjListener;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.mgmtobj.api.ResourceTree;
import org.example.mgmtobj.impl.events.EventDispatcher;
import org.example.mgmtobj.impl.store.InMemoryResourceStore;
import org.example.mgmtobj.impl.store.MVStoreResourceStore;
import org.example.mgmtobj.impl.store.ResourceStore;
import org.example.mgmtobj.api.Specialization;
import org.example.mgmtobj.impl.tree.Outbox;
import org.example.mgmtobj.impl.tree.ResourceTreeEngine;
import org.example.mgmtobj.impl.tree.TreeConfig;
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
 * The built-in host: the resource tree, its durable store, the expiry sweep and the listener whiteboard.
 * It needs a configuration (PID {@value ResourceTreeConfiguration#PID}) so that it never opens a store in
 * a directory nobody chose. Gogo: {@code tree:subscriptions} lists the durable subscriptions of listeners and their
 * records not acknowledged; {@code tree:unsubscribe NAME} ends one (its records are dropped).
 */
@Component(service = ResourceTree.class, configurationPid = ResourceTreeConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        property = {"osgi.command.scope=tree", "osgi.command.function=subscriptions", "osgi.command.function=unsubscribe"})
@Designate(ocd = ResourceTreeConfiguration.class)
public final class ResourceTreeComponent implements ResourceTree {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceTreeComponent.class);
    static final String STORE_FILE = "mgmtobj-tree.mv.db";

    private final EventDispatcher dispatcher = new EventDispatcher();
    private ResourceStore store;
    private ResourceTreeEngine engine;
    private ScheduledExecutorService sweeper;

    @Activate
    void activate(ResourceTreeConfiguration config) {
        TreeConfig treeConfig = new TreeConfig(config.cseId(), config.cseName(), originators(config.adminOriginators()),
                Duration.ofSeconds(config.defaultLifetimeSeconds()), Duration.ofSeconds(config.maxLifetimeSeconds()));
        store = config.dataDirectory().isBlank() ? new InMemoryResourceStore()
                : new MVStoreResourceStore(Path.of(config.dataDirectory(), STORE_FILE));
        try {
            engine = new ResourceTreeEngine(treeConfig, store, dispatcher, Clock.systemUTC());
            dispatcher.attach(engine.outbox(), engine::snapshot);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mgmtobj-expiry");
            t.setDaemon(true);
            return t;
        });
        long interval = Math.max(50, config.expiryCheckIntervalMillis());
        sweeper.scheduleWithFixedDelay(this::sweep, 0, interval, TimeUnit.MILLISECONDS);
        LOG.info("oneM2M resource tree /{}/{} ready: {} resource(s) loaded from {}; admin originators {}; lifetime {} s by default, {} s at most",
                treeConfig.cseId(), treeConfig.cseName(), engine.size(), store.location(), treeConfig.adminOriginators(),
                treeConfig.defaultLifetime().getSeconds(), treeConfig.maxLifetime().getSeconds());
    }

    @Deactivate
    void deactivate() {
        sweeper.shutdownNow();
        try {
            sweeper.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close(); // first: it completes the changes still queued, whose events go to the listeners
        dispatcher.close(2000);
        LOG.info("oneM2M resource tree stopped; store {} closed", store.location());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(MgmtObjListener listener, Map<String, Object> properties) {
        Object name = properties.get(MgmtObjListener.SUBSCRIPTION);
        boolean snapshot = Boolean.parseBoolean(String.valueOf(properties.get(MgmtObjListener.SNAPSHOT)));
        Set<Specialization> specializations = specializations(listener, properties.get(MgmtObjListener.SUBSCRIPTION_SPECIALIZATIONS));
        if (name != null && !Outbox.validName(String.valueOf(name))) {
            LOG.error("listener {} asks for a durable subscription named '{}', which is not 1-64 of A-Z a-z 0-9 . _ -; it gets "
                    + "the events without one", listener, name);
            name = null;
        }
        try {
            dispatcher.addListener(listener, name == null ? null : String.valueOf(name), specializations, snapshot);
        } catch (RuntimeException e) {
            // SCR reports a bind method's failure to the OSGi LogService, which a platform such as OM2M does not print
            LOG.error("listener {} (subscription {}) could not be registered with the tree: {}", listener, name, e.toString(), e);
            throw e;
        }
    }

    /** Short or long names, as one String, a String[] or a collection; an unknown name is logged and left out. */
    private static Set<Specialization> specializations(MgmtObjListener listener, Object value) {
        Set<Specialization> result = new LinkedHashSet<>();
        for (String name : names(value)) {
            Optional<Specialization> s = Specialization.byShortName(name);
            if (s.isEmpty()) s = Arrays.stream(Specialization.values()).filter(x -> x.longName().equalsIgnoreCase(name)).findFirst();
            if (s.isPresent()) result.add(s.get());
            else LOG.error("listener {} subscribes to '{}', which is no TS-0022 specialization; left out", listener, name);
        }
        return result;
    }

    void removeListener(MgmtObjListener listener) {
        dispatcher.removeListener(listener);
    }

    private void sweep() {
        try {
            engine.expireDue();
        } catch (RuntimeException e) {
            LOG.error("expiry sweep failed; it runs again at the next interval", e);
        }
    }

    @Override
    public ResponsePrimitive handle(RequestPrimitive request) { return engine.handle(request); }

    @Override
    public Optional<MgmtObj> mgmtObj(String resourceId) { return engine.mgmtObj(resourceId); }

    @Override
    public List<MgmtObj> mgmtObjsOf(String nodeResourceId) { return engine.mgmtObjsOf(nodeResourceId); }

    @Override
    public List<MgmtObj> mgmtObjsLinkingTo(String resourceId) { return engine.mgmtObjsLinkingTo(resourceId); }

    @Override
    public List<MgmtObj> allMgmtObjs() { return engine.allMgmtObjs(); }

    @Override
    public void acknowledge(String receipt) { engine.acknowledge(receipt); }

    /** Gogo {@code tree:subscriptions}. */
    public void subscriptions() {
        Outbox outbox = engine.outbox();
        Map<String, List<String>> pending = outbox.describePending();
        Map<String, Set<Specialization>> subscriptions = outbox.subscriptions();
        if (pending.isEmpty()) System.out.println("no durable subscription");
        pending.forEach((name, records) -> {
            Set<Specialization> specs = subscriptions.get(name);
            String what = specs == null ? "no subscription stored: its records wait for a listener of this name, or tree:unsubscribe " + name
                    : specs.isEmpty() ? "every mgmtObj" : specs.stream().map(Specialization::longName).sorted().collect(java.util.stream.Collectors.joining(", "));
            System.out.println(name + " (" + what + "): " + records.size() + " change(s) not acknowledged");
            records.forEach(r -> System.out.println("  " + r));
        });
    }

    /** Gogo {@code tree:unsubscribe} without a name: how to call it, not Gogo's "cannot coerce". */
    public void unsubscribe() {
        System.out.println("usage: tree:unsubscribe <name>: ends a durable subscription and drops its records; tree:subscriptions lists them");
    }

    /** Gogo {@code tree:unsubscribe NAME}. */
    public void unsubscribe(String name) {
        if (!engine.outbox().names().contains(name)) {
            System.out.println("no durable subscription '" + name + "'");
            return;
        }
        System.out.println("subscription '" + name + "' ended; " + engine.outbox().unsubscribe(name) + " record(s) dropped");
    }

    /** Configuration files hold lists as one comma-separated string as often as as an array; accept both. */
    static Set<String> originators(String[] configured) {
        return names(configured);
    }

    /**
     * The names a configuration or service property holds: one String or String[] entries, each comma-separated, or a
     * collection; trimmed, empty ones left out, in order, each once. For adminOriginators, a subscription's
     * specializations, and the registrar's originator.
     */
    public static Set<String> names(Object value) {
        List<String> raw = new ArrayList<>();
        if (value instanceof String[]) raw.addAll(Arrays.asList((String[]) value));
        else if (value instanceof Collection) ((Collection<?>) value).forEach(v -> raw.add(String.valueOf(v)));
        else if (value != null) raw.add(String.valueOf(value));
        Set<String> result = new LinkedHashSet<>();
        for (String entry : raw) Arrays.stream(entry.split(",")).map(String::trim).filter(n -> !n.isEmpty()).forEach(result::add);
        return result;
    }
}
