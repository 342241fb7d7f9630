package org.example.mgmtobj.impl.registrar;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.example.mgmtobj.impl.store.InMemoryResourceStore;
import org.example.mgmtobj.impl.tree.ResourceTreeEngine;
import org.example.mgmtobj.impl.tree.TreeConfig;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * CSE registration of the tree with a host CSE (TS-0001 10.1.1.2.1; issue 14), against a host that answers as Eclipse
 * OM2M does (its CSEBase at /~/in-cse, named in-name; a second CREATE of the same <remoteCSE> is 409).
 */
public class CseRegistrarTest {
    private HttpServer host;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile String heldCsr; // the host's copy of our <remoteCSE>, or null
    private volatile int refuseCreateWith; // 0: the host accepts
    private ResourceTreeEngine tree;
    private String url;

    @Before
    public void start() throws IOException {
        host = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        host.createContext("/~/in-cse", this::answer);
        host.start();
        url = "http://127.0.0.1:" + host.getAddress().getPort() + "/~/in-cse";
        tree = new ResourceTreeEngine(new TreeConfig("tef-cse", "tef-name", Set.of("CAdmin")), new InMemoryResourceStore(), events -> { },
                Clock.systemUTC());
    }

    @After
    public void stop() { host.stop(0); }

    private void answer(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = x.getRequestURI().getPath();
        requests.add(x.getRequestMethod() + " " + path + " " + x.getRequestHeaders().getFirst("X-M2M-Origin") + " " + body);
        int status;
        String reply = "";
        switch (x.getRequestMethod()) {
            case "GET":
                if (path.equals("/~/in-cse")) { status = 200; reply = "{\"m2m:cb\":{\"ty\":5,\"ri\":\"in-cse\",\"rn\":\"in-name\",\"csi\":\"/in-cse\",\"cst\":1}}"; }
                else if (heldCsr != null && path.equals("/~/in-cse/in-name/tef-name")) { status = 200; reply = heldCsr; }
                else status = 404;
                break;
            case "POST":
                if (refuseCreateWith != 0) { status = refuseCreateWith; break; }
                if (heldCsr != null) { status = 409; break; }
                heldCsr = body;
                status = 201;
                break;
            case "PUT": status = heldCsr == null ? 404 : 200; break;
            case "DELETE": status = heldCsr == null ? 404 : 200; heldCsr = null; break;
            default: status = 405;
        }
        byte[] out = reply.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
        if (out.length > 0) try (OutputStream o = x.getResponseBody()) { o.write(out); }
        x.close();
    }

    private CseRegistrar registrar() {
        return new CseRegistrar(tree, new CseRegistrar.Self("tef-cse", "tef-name", "CAdmin", "om2m.org", 2, "http://127.0.0.1:8080/tef"),
                url, "admin:admin");
    }

    private ResponsePrimitive retrieveHostHere() {
        return tree.handle(RequestPrimitive.of(Operation.RETRIEVE, "/tef-cse/tef-name/in-cse").from("CAdmin").requestId("rq").build());
    }

    @Test
    public void theTreeRegistersAsARemoteCseAndKeepsTheHostsRemoteCse_TS0001_10_1_1_2_1() throws Exception {
        CseRegistrar registrar = registrar();
        assertFalse("not registered before", registrar.registered());
        registrar.register();
        JsonObject csr = JsonParser.parseString(heldCsr).getAsJsonObject().getAsJsonObject("m2m:csr");
        assertEquals("tef-name", csr.get("rn").getAsString());
        assertEquals("/tef-cse", csr.get("csi").getAsString());
        assertEquals("//om2m.org/tef-cse", csr.get("cb").getAsString());
        assertEquals("http://127.0.0.1:8080/tef", csr.getAsJsonArray("poa").get(0).getAsString());
        assertTrue(requests.toString(), requests.stream().anyMatch(r -> r.startsWith("POST /~/in-cse admin:admin")));
        ResponsePrimitive here = retrieveHostHere();
        assertEquals(ResponseStatusCode.OK, here.status());
        assertEquals("/in-cse", JsonParser.parseString(here.content()).getAsJsonObject().getAsJsonObject("m2m:csr").get("csi").getAsString());
        assertTrue(registrar.registered());
    }

    @Test
    public void aRestartFindsTheRegistrationAndUpdatesIt() throws Exception {
        registrar().register();
        requests.clear();
        registrar().register(); // a restart of this side: the host answers 409 to the CREATE
        assertTrue(requests.toString(), requests.stream().anyMatch(r -> r.startsWith("PUT /~/in-cse/in-name/tef-name admin:admin")));
        assertEquals("the host's <remoteCSE> here is kept, once", ResponseStatusCode.OK, retrieveHostHere().status());
        assertEquals("one <remoteCSE> in the tree, not two (the CSEBase is not stored)", 1, tree.size());
    }

    @Test
    public void aRefusalIsToldApartFromAHostThatIsAway() throws Exception {
        refuseCreateWith = 403;
        org.junit.Assert.assertThrows("4xx: a configuration to fix, not retried soon", CseRegistrar.Refused.class, () -> registrar().register());
        refuseCreateWith = 503;
        IOException away = org.junit.Assert.assertThrows(IOException.class, () -> registrar().register());
        assertFalse("5xx: may pass, retried soon", away instanceof CseRegistrar.Refused);
    }

    @Test
    public void theHostsRemoteCseHereIsMadeAgainWhenItIsGone() throws Exception {
        CseRegistrar registrar = registrar();
        registrar.register();
        tree.handle(RequestPrimitive.of(Operation.DELETE, "/tef-cse/tef-name/in-cse").from("CAdmin").requestId("rq").build()); // e.g. expired
        assertFalse("the registration is incomplete without it", registrar.registered());
        registrar.register();
        assertEquals(ResponseStatusCode.OK, retrieveHostHere().status());
    }

    @Test
    public void aHostThatLostTheRegistrationGetsItAgainAndDeRegistrationEndsBoth() throws Exception {
        CseRegistrar registrar = registrar();
        registrar.register();
        heldCsr = null; // the host forgot it
        assertFalse(registrar.registered());
        registrar.register();
        assertTrue(registrar.registered());
        registrar.deregister();
        assertTrue(requests.toString(), requests.stream().anyMatch(r -> r.startsWith("DELETE /~/in-cse/in-name/tef-name")));
        assertEquals(ResponseStatusCode.NOT_FOUND, retrieveHostHere().status());
    }
}
