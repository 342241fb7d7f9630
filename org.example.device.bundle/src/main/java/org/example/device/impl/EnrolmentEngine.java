package org.example.device.impl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.example.device.impl.trust.TrustAnchors;
import org.example.maf.api.MafClientFactory;
import org.example.mef.api.DeviceKeys;
import org.example.mef.api.EnrolmentStatus;
import org.example.mef.api.MefClientFactory;
import org.example.mef.api.MoState;
import org.example.mgmtobj.api.MgmtLink;
import org.example.mgmtobj.api.MgmtObj;
import org.example.mgmtobj.api.MgmtObjEvent;
import org.example.mgmtobj.api.MgmtObjEvent.Kind;
import org.example.mgmtobj.api.MgmtObjListener;
import org.example.mgmtobj.api.ResourceTree;
import org.example.tef.core.ConfigValues;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * MO changes drive the MEF Client (TS-0003 8.3.4.2, 8.3.4.3): every MgmtObjEvent of a MEFClientRegCfg or
 * authenticationProfile becomes a task on that MO's own ordered queue (procedures on one MO in order, different MOs in
 * parallel on a small pool; the listener callback only enqueues). "No answer" is retried with exponential backoff and
 * jitter until the MO's expirationTime (or the retry window); a delete drops a create or update of the same MO not yet
 * done. The MOs in the tree when the engine joins its listeners come first, as CREATED events ({@link
 * MgmtObjListener#SNAPSHOT}, taken by the tree at that moment): the engine read the tree in its constructor until
 * 2026-12-01, and an MO created between that read and the registration was never processed (seen in the distribution's
 * tests: a MEFClientRegCfg created as soon as the device side's HTTP port answered).
 * <p>
 * Nothing lost: the engine is a durable subscriber of the tree ({@value #SUBSCRIPTION}), so each trigger is in an outbox
 * record written in the same commit as the MO change; a task acknowledges its record only when it ends (done, failed,
 * given up, or made pointless by a later delete). A crash, or a stop, in between: the tree delivers the change again at
 * the next start, and the client recognises a registration or key it already holds (8.3.4.2, 8.3.4.3 on a restart).
 */
@Component(service = {MgmtObjListener.class, EnrolmentStatus.class, DeviceKeys.class}, configurationPid = DeviceEnrolmentConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = {
                MgmtObjListener.SUBSCRIPTION + "=" + EnrolmentEngine.SUBSCRIPTION,
                MgmtObjListener.SNAPSHOT + ":Boolean=true",
                MgmtObjListener.SUBSCRIPTION_SPECIALIZATIONS + "=MEFClientRegCfg",
                MgmtObjListener.SUBSCRIPTION_SPECIALIZATIONS + "=MAFClientRegCfg",
                MgmtObjListener.SUBSCRIPTION_SPECIALIZATIONS + "=trustAnchorCred",
                MgmtObjListener.SUBSCRIPTION_SPECIALIZATIONS + "=authenticationProfile"})
@Designate(ocd = DeviceEnrolmentConfiguration.class)
public final class EnrolmentEngine implements MgmtObjListener, EnrolmentStatus, DeviceKeys {
    /** The name of the tree's durable subscription that holds this engine's triggers. */
    static final String SUBSCRIPTION = "mef-device";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EnrolmentEngine.class);
    private final ResourceTree tree;
    private final StatusBook status;
    private final DeviceClients clients;
    private final MoProcessor processor;
    private final TrustAnchors trustAnchors;
    private final MoLanes lanes;
    private final Duration retryWindow;
    /** The CSE-ID the symmKeyID UPDATEs and MO_NODE paths address ({@link #treeCseId}). */
    private final String cseId;

    /**
     * @param tree the tree, taken at its first use ({@link TreeAtFirstUse}: taken now, it can be a circular reference),
     *        and its service properties (its configuration: its CSE-ID when {@code cseId} is not set here)
     */
    @Activate
    public EnrolmentEngine(@Reference(name = "tree", service = ResourceTree.class) ComponentServiceObjects<ResourceTree> tree,
            @Reference MefClientFactory factory, @Reference MafClientFactory mafFactory, DeviceEnrolmentConfiguration config) {
        this(new TreeAtFirstUse(tree), factory, mafFactory, config);
    }

    private EnrolmentEngine(TreeAtFirstUse tree, MefClientFactory factory, MafClientFactory mafFactory, DeviceEnrolmentConfiguration config) {
        this(tree, factory, mafFactory, config, Clock.systemUTC(), defaultTrustAnchors(config), treeCseId(config.cseId(), tree.properties()));
    }

    EnrolmentEngine(ResourceTree tree, MefClientFactory factory, MafClientFactory mafFactory, DeviceEnrolmentConfiguration config, Clock clock) {
        this(tree, factory, mafFactory, config, clock, defaultTrustAnchors(config));
    }

    /** @param trustAnchors where trustAnchorCred certificates are kept (8.3.9.9.7); closed with the engine */
    EnrolmentEngine(ResourceTree tree, MefClientFactory factory, MafClientFactory mafFactory, DeviceEnrolmentConfiguration config, Clock clock,
            TrustAnchors trustAnchors) {
        this(tree, factory, mafFactory, config, clock, trustAnchors, treeCseId(config.cseId(), Map.of()));
    }

    private EnrolmentEngine(ResourceTree tree, MefClientFactory factory, MafClientFactory mafFactory, DeviceEnrolmentConfiguration config,
            Clock clock, TrustAnchors trustAnchors, String cseId) {
        this.tree = tree;
        this.cseId = cseId;
        this.status = new StatusBook(clock);
        this.trustAnchors = trustAnchors;
        Path dir = stateDirectory(config);
        MoNodeExecutor moNode = new MoNodeExecutor(tree, cseId, config.adminOriginator(), this::processForCommand,
                Duration.ofMillis(config.moNodeTimeoutMillis()));
        String mafKmId = config.mafKmId().isBlank() ? null : config.mafKmId();
        DeviceClients.Credentials credentials = new DeviceClients.Credentials(config.clientId(), config.kpmId(), ConfigValues.secret(config.kpm()),
                blankToNull(config.mefHost()), mafKmId, mafKmId == null ? null : ConfigValues.secret(config.mafKm()), blankToNull(config.mafHost()));
        DeviceCertificate own = DeviceCertificate.load(config.certificateChainFile(), config.privateKeyFile());
        this.clients = new DeviceClients(factory, mafFactory, credentials, dir, moNode, new MafHandshakeCertificate(tree, own, trustAnchors));
        this.processor = new MoProcessor(tree, clients, trustAnchors, status, cseId, config.adminOriginator(), config.clientId(), own);
        this.lanes = new MoLanes(processor, status, this::acknowledge, config.threads(), Duration.ofMillis(config.firstRetryMillis()),
                Duration.ofMillis(config.maxRetryMillis()));
        this.retryWindow = Duration.ofSeconds(config.retryWindowSeconds());
    }

    @Override
    public void mgmtObjChanged(MgmtObjEvent event) {
        submit(event.kind(), event.mgmtObj(), event.previous().orElse(null), event.receipt().orElse(null));
        if (event.kind() == Kind.CREATED || event.kind() == Kind.UPDATED) {
            // A parent links to a profile only once the profile exists (a link names an existing MO), so the profile's
            // first attempt usually finds no parent and waits for its retry: the parent's arrival is what it waits for,
            // so it is tried again now (BENCHMARKS.md, figure 12: the retry delay was most of the enrolment time).
            for (MgmtLink link : event.mgmtObj().links()) lanes.wake(link.target());
        }
    }

    private void submit(Kind kind, MgmtObj mo, MgmtObj previous, String receipt) {
        if (!MoProcessor.triggers(kind, mo, previous)) {
            acknowledge(receipt);
            return;
        }
        Instant deadline = mo.expirationTime().filter(et -> kind == Kind.CREATED || kind == Kind.UPDATED)
                .orElse(status.now().plus(retryWindow));
        lanes.add(new MoLanes.Task(kind, mo, previous, deadline, null, receipt));
    }

    /** The trigger's outbox record is done with; a failure only means it is delivered again after a restart. */
    private void acknowledge(String receipt) {
        if (receipt == null) return;
        try {
            tree.acknowledge(receipt);
        } catch (RuntimeException e) {
            LOG.warn("could not acknowledge {} to the resource tree; the change will be processed again after a restart: {}", receipt, e.toString());
        }
    }

    /**
     * An MO_NODE command's processing (TS-0003 8.3.9.9.1 step 5): the same processing as the MO's creation, queued on
     * the MO's own lane so that it is ordered with the MO's changes, tried once (the command's executor waits, bounded,
     * for the answer; "retry later" is its failure), and told through the returned future. A cancelled future (the
     * executor stopped waiting) is skipped if it has not started.
     */
    CompletableFuture<Optional<String>> processForCommand(MgmtObj mo) {
        CompletableFuture<Optional<String>> reply = new CompletableFuture<>();
        lanes.add(new MoLanes.Task(Kind.CREATED, mo, null, status.now(), reply, null));
        return reply;
    }

    @Override
    public List<MoState> states() { return status.states(); }

    @Override
    public Optional<MoState> state(String moResourceId) { return status.state(moResourceId); }

    /** The CSE-ID it addresses the tree by (tests). */
    String cseId() { return cseId; }

    /** How many MOs have a task queued, running or waiting for its retry (tests: idle lanes are not kept). */
    int laneCount() { return lanes.activeLanes(); }

    @Deactivate
    void deactivate() {
        lanes.shutdown();
        clients.close();
        trustAnchors.close();
    }

    private static TrustAnchors defaultTrustAnchors(DeviceEnrolmentConfiguration config) {
        return TrustAnchors.https(stateDirectory(config), Duration.ofMillis(config.trustAnchorFetchTimeoutMillis()), null);
    }

    /**
     * The CSE-ID the symmKeyID UPDATEs and MO_NODE paths address: the one configured here, else the tree's own (its
     * service property cseId), so that a tree with another CSE-ID (tef-cse in Eclipse OM2M) needs it set only once;
     * in-cse, the tree's default, when neither says.
     */
    static String treeCseId(String configured, Map<String, Object> treeProperties) {
        if (configured != null && !configured.isBlank()) return configured;
        Object own = treeProperties.get("cseId");
        return own == null || own.toString().isBlank() ? "in-cse" : own.toString();
    }

    /** The configured state directory, created when missing; null when none is configured (memory only). */
    private static Path stateDirectory(DeviceEnrolmentConfiguration config) {
        Path dir = config.stateDirectory().isBlank() ? null : Path.of(config.stateDirectory());
        try {
            if (dir != null) Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("state directory " + dir + " cannot be created: " + e);
        }
        return dir;
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s; }


    @Override
    public java.util.Optional<org.example.tef.client.DistributedKey> byProfile(String profileResourceId) {
        return processor.keyOfProfile(profileResourceId, status.now());
    }

    @Override
    public java.util.Optional<org.example.tef.client.DistributedKey> byKeyIdentifier(String keyIdentifier) {
        return processor.keyByIdentifier(keyIdentifier, status.now());
    }
}
