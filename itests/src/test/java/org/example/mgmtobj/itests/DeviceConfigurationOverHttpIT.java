package org.example.mgmtobj.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Hashtable;
import java.util.List;

import javax.inject.Inject;

import org.example.mgmtobj.api.MgmtObj;
import org.example.mgmtobj.api.MgmtObjEvent;
import org.example.mgmtobj.api.MgmtObjEvent.Kind;
import org.example.mgmtobj.api.Specialization;
import org.example.onem2m.itests.ItestOptions;
import org.example.onem2m.itests.Onem2mHttp;
import org.example.onem2m.itests.Onem2mHttp.Answer;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.ConfigurationAdmin;

import com.google.gson.JsonObject;

/**
 * The resource tree, configured through Configuration Admin, driven over the oneM2M HTTP binding (TS-0009) by a
 * real HTTP client, with a {@code MgmtObjListener} on the OSGi service whiteboard observing the TS-0022
 * {@code <mgmtObj>} lifecycle that TS-0003 8.3.4.2, 8.3.4.3 and 8.3.9.9 make the MEF and MAF Clients react to.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeviceConfigurationOverHttpIT {
    static final String PID = "org.example.mgmtobj";
    static final String HOST_BUNDLE = "org.example.mgmtobj";
    static final String ADMIN = "CAdmin";
    static final String NOT_ADMIN = "CSomeDevice";
    static final int TY_MGMT_OBJ = 13;
    static final int TY_NODE = 14;
    static final Duration EVENT_TIMEOUT = Duration.ofSeconds(10);
    private static final DateTimeFormatter M2M_TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    private Onem2mHttp http;
    private RecordingListener listener;

    @Configuration
    public Option[] config() {
        return ItestOptions.container();
    }

    /**
     * Configures PID {@value #PID} once per container (the component's configurationPolicy is REQUIRE, so there
     * is no endpoint before this), waits for the binding to answer, and registers a fresh listener.
     */
    @Before
    public void configureTheTreeAndListen() throws IOException, InvalidSyntaxException {
        if (configurationAdmin.listConfigurations("(service.pid=" + PID + ")") == null) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("cseId", "in-cse");
            properties.put("cseName", "in-name");
            properties.put("adminOriginators", new String[] {ADMIN});
            properties.put("dataDirectory", dataDirectory().toString());
            properties.put("maxRequestBytes", 65536);
            properties.put("expiryCheckIntervalMillis", 200L);
            // "?": a multi-location configuration, so the mgmtobj bundle's components receive it, not this probe.
            configurationAdmin.getConfiguration(PID, "?").update(properties);
        }
        String port = context.getProperty(ItestOptions.HTTP_PORT);
        assertNotNull("framework property " + ItestOptions.HTTP_PORT, port);
        http = new Onem2mHttp(Integer.parseInt(port));
        Answer cseBase = http.awaitCseBase(ADMIN, Duration.ofSeconds(30));
        assertEquals("2000", cseBase.rsc);
        listener = RecordingListener.register(context, HOST_BUNDLE, Duration.ofSeconds(10));
    }

    @After
    public void stopListening() {
        if (listener != null) listener.close();
    }

    /** A TS-0022 MEFClientRegCfg created over HTTP under a new {@code <node>}, and the listener's CREATED event of it. */
    private final class CreatedMefClientRegCfg {
        final String nodeRi;
        final String moPath;
        final Answer created;
        final String ri;
        final MgmtObjEvent onCreate;

        CreatedMefClientRegCfg(String device) {
            nodeRi = createNode(device, "urn:dev:" + device);
            moPath = Onem2mHttp.CSE_BASE + "/" + device + "/mefcfg";
            created = http.create(ADMIN, Onem2mHttp.CSE_BASE + "/" + device, TY_MGMT_OBJ,
                    "{\"dcfg:mefcr\":{\"rn\":\"mefcfg\",\"mgd\":1026,\"fqdn\":\"mef.example.com\",\"adfq\":\"admin.example.com\"}}");
            assertEquals(created.toString(), 201, created.httpStatus);
            assertEquals(created.toString(), "2001", created.rsc);
            ri = created.json().getAsJsonObject("dcfg:mefcr").get("ri").getAsString();
            onCreate = listener.awaitEvent(ri, 1, EVENT_TIMEOUT);
        }

        /** TS-0004 7.3.4: the UPDATE of its httpPort, and the listener's UPDATED event of it. */
        MgmtObjEvent updateHttpPort() {
            Answer updated = http.update(ADMIN, moPath, "{\"dcfg:mefcr\":{\"hprt\":8443}}");
            assertEquals(updated.toString(), 200, updated.httpStatus);
            assertEquals(updated.toString(), "2004", updated.rsc);
            return listener.awaitEvent(ri, 2, EVENT_TIMEOUT);
        }
    }

    /** TS-0004 7.3.2 (CREATE) of a TS-0022 MEFClientRegCfg, seen by a whiteboard listener as CREATED. */
    @Test
    public void aMefClientRegCfgCreatedOverHttpReachesListenersAsCreated_TS0004_7_3_2() {
        CreatedMefClientRegCfg mo = new CreatedMefClientRegCfg("dev-create");
        assertEquals("Content-Location names the created resource", "/in-cse/" + mo.ri, mo.created.contentLocation);

        MgmtObjEvent onCreate = mo.onCreate;
        assertEquals(Kind.CREATED, onCreate.kind());
        assertEquals(Specialization.MEF_CLIENT_REG_CFG, onCreate.mgmtObj().specialization());
        assertEquals(mo.ri, onCreate.mgmtObj().resourceId());
        assertEquals("mefcfg", onCreate.mgmtObj().resourceName());
        assertEquals(mo.nodeRi, onCreate.mgmtObj().nodeId());
        assertEquals("mef.example.com", onCreate.mgmtObj().stringAttribute("fqdn").orElse(null));
        assertEquals("admin.example.com", onCreate.mgmtObj().stringAttribute("adminFQDN").orElse(null));
        assertFalse("CREATED has no previous representation", onCreate.previous().isPresent());
    }

    /** TS-0004 7.3.4 (UPDATE) of a TS-0022 MEFClientRegCfg, seen by a whiteboard listener as UPDATED with the previous representation. */
    @Test
    public void aMefClientRegCfgUpdatedOverHttpReachesListenersAsUpdated_TS0004_7_3_4() {
        CreatedMefClientRegCfg mo = new CreatedMefClientRegCfg("dev-update");
        MgmtObjEvent onUpdate = mo.updateHttpPort();
        assertEquals(Kind.UPDATED, onUpdate.kind());
        assertEquals(Long.valueOf(8443), onUpdate.mgmtObj().longAttribute("httpPort").orElse(null));
        MgmtObj previous = onUpdate.previous().orElseThrow(() -> new AssertionError("UPDATED without previous()"));
        assertFalse("previous() is the representation before the update", previous.longAttribute("httpPort").isPresent());
        assertEquals("mef.example.com", previous.stringAttribute("fqdn").orElse(null));
        assertTrue("sequence increases per resource", onUpdate.sequence() > mo.onCreate.sequence());
    }

    /**
     * TS-0004 7.3.5 (DELETE) of a TS-0022 MEFClientRegCfg that was created and updated, seen by a whiteboard
     * listener as DELETED, after which the resource is not found and the listener saw exactly its three events.
     */
    @Test
    public void aMefClientRegCfgDeletedOverHttpReachesListenersAsDeleted_TS0004_7_3_5() {
        CreatedMefClientRegCfg mo = new CreatedMefClientRegCfg("dev-delete");
        mo.updateHttpPort();

        Answer deleted = http.delete(ADMIN, mo.moPath);
        assertEquals(deleted.toString(), 200, deleted.httpStatus);
        assertEquals(deleted.toString(), "2002", deleted.rsc);
        MgmtObjEvent onDelete = listener.awaitEvent(mo.ri, 3, EVENT_TIMEOUT);
        assertEquals(Kind.DELETED, onDelete.kind());
        assertEquals(mo.ri, onDelete.mgmtObj().resourceId());

        Answer gone = http.retrieve(ADMIN, mo.moPath);
        assertEquals(gone.toString(), 404, gone.httpStatus);
        assertEquals(gone.toString(), "4004", gone.rsc);
        assertEquals("exactly CREATED, UPDATED, DELETED", 3, listener.eventsOf(mo.ri).size());
    }

    /** TS-0001 9.6.1.3 expirationTime: the CSE removes the resource when it passes and reports it as EXPIRED. */
    @Test
    public void mgmtObjWhoseExpirationTimePassesIsReportedAsExpiredAndIsThenNotFound_TS0001_9_6_1_3() {
        createNode("dev-expiry", "urn:dev:expiry");
        String moPath = Onem2mHttp.CSE_BASE + "/dev-expiry/mefcfg";
        // Whole seconds, so 5 to 6 s from now: far enough to pass the "et must be in the future" check on a busy machine.
        Instant et = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);

        Answer created = http.create(ADMIN, Onem2mHttp.CSE_BASE + "/dev-expiry", TY_MGMT_OBJ,
                "{\"dcfg:mefcr\":{\"rn\":\"mefcfg\",\"mgd\":1026,\"fqdn\":\"mef.example.com\",\"adfq\":\"admin.example.com\",\"et\":\""
                        + M2M_TIMESTAMP.format(et) + "\"}}");
        assertEquals(created.toString(), 201, created.httpStatus);
        assertEquals(created.toString(), "2001", created.rsc);
        String ri = created.json().getAsJsonObject("dcfg:mefcr").get("ri").getAsString();

        MgmtObjEvent onCreate = listener.awaitEvent(ri, 1, EVENT_TIMEOUT);
        assertEquals(Kind.CREATED, onCreate.kind());
        assertEquals(et, onCreate.mgmtObj().expirationTime().orElse(null));

        MgmtObjEvent onExpiry = listener.awaitEvent(ri, 2, EVENT_TIMEOUT.plusSeconds(10));
        assertEquals(Kind.EXPIRED, onExpiry.kind());
        assertEquals(Specialization.MEF_CLIENT_REG_CFG, onExpiry.mgmtObj().specialization());
        assertFalse("not reported before its expirationTime " + et + " (committed " + onExpiry.committedAt() + ")",
                onExpiry.committedAt().isBefore(et));

        Answer gone = http.retrieve(ADMIN, moPath);
        assertEquals(gone.toString(), 404, gone.httpStatus);
        assertEquals(gone.toString(), "4004", gone.rsc);
    }

    /** TS-0004 6.6.3: an originator without privileges gets 4103 ORIGINATOR_HAS_NO_PRIVILEGE (HTTP 403, TS-0009) and changes nothing. */
    @Test
    public void requestFromNonAdminOriginatorIsRefusedWith4103AndCreatesNothing_TS0004_6_6_3_5() {
        createNode("dev-guarded", "urn:dev:guarded");

        Answer node = http.create(NOT_ADMIN, Onem2mHttp.CSE_BASE, TY_NODE, "{\"m2m:nod\":{\"rn\":\"dev-intruder\",\"ni\":\"urn:dev:intruder\"}}");
        assertEquals(node.toString(), 403, node.httpStatus);
        assertEquals(node.toString(), "4103", node.rsc);
        Answer mo = http.create(NOT_ADMIN, Onem2mHttp.CSE_BASE + "/dev-guarded", TY_MGMT_OBJ,
                "{\"dcfg:mefcr\":{\"rn\":\"mefcfg\",\"mgd\":1026,\"fqdn\":\"evil.example.com\",\"adfq\":\"evil.example.com\"}}");
        assertEquals(mo.toString(), 403, mo.httpStatus);
        assertEquals(mo.toString(), "4103", mo.rsc);
        Answer read = http.retrieve(NOT_ADMIN, Onem2mHttp.CSE_BASE + "/dev-guarded");
        assertEquals(read.toString(), 403, read.httpStatus);
        assertEquals(read.toString(), "4103", read.rsc);

        Answer noNode = http.retrieve(ADMIN, Onem2mHttp.CSE_BASE + "/dev-intruder");
        assertEquals("the refused <node> does not exist: " + noNode, "4004", noNode.rsc);
        Answer noMo = http.retrieve(ADMIN, Onem2mHttp.CSE_BASE + "/dev-guarded/mefcfg");
        assertEquals("the refused <mgmtObj> does not exist: " + noMo, "4004", noMo.rsc);

        // Events arrive in commit order: had a refused request committed anything, it would precede this one.
        Answer sentinel = http.create(ADMIN, Onem2mHttp.CSE_BASE + "/dev-guarded", TY_MGMT_OBJ,
                "{\"dcfg:mefcr\":{\"rn\":\"mefcfg\",\"mgd\":1026,\"fqdn\":\"mef.example.com\",\"adfq\":\"admin.example.com\"}}");
        assertEquals(sentinel.toString(), "2001", sentinel.rsc);
        String sentinelRi = sentinel.json().getAsJsonObject("dcfg:mefcr").get("ri").getAsString();
        listener.awaitEvent(sentinelRi, 1, EVENT_TIMEOUT);
        List<MgmtObjEvent> all = listener.events();
        assertEquals("the only event is the admin's CREATED: " + all, 1, all.size());
        assertEquals(Kind.CREATED, all.get(0).kind());
        assertEquals("mef.example.com", all.get(0).mgmtObj().stringAttribute("fqdn").orElse(null));
    }

    /** Creates a {@code <node>} as the admin and returns its resource ID. */
    private String createNode(String rn, String nodeId) {
        Answer answer = http.create(ADMIN, Onem2mHttp.CSE_BASE, TY_NODE, "{\"m2m:nod\":{\"rn\":\"" + rn + "\",\"ni\":\"" + nodeId + "\"}}");
        assertEquals(answer.toString(), 201, answer.httpStatus);
        assertEquals(answer.toString(), "2001", answer.rsc);
        JsonObject nod = answer.json().getAsJsonObject("m2m:nod");
        assertEquals(nodeId, nod.get("ni").getAsString());
        return nod.get("ri").getAsString();
    }

    /** A fresh durable store under target/ (the component opens an H2 MVStore in it). */
    private static Path dataDirectory() throws IOException {
        String buildDirectory = System.getProperty("itest.buildDirectory");
        Path parent = Paths.get(buildDirectory != null ? buildDirectory : System.getProperty("java.io.tmpdir"));
        Files.createDirectories(parent);
        return Files.createTempDirectory(parent, "mgmtobj-data-").toAbsolutePath();
    }
}
