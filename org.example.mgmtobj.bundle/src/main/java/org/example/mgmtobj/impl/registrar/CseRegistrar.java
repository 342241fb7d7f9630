package org.example.mgmtobj.impl.registrar;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.example.mgmtobj.api.ResourceTree;
import org.example.onem2m.primitive.MediaTypes;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * CSE registration of this tree with a host CSE (TS-0001 10.1.1.2.1) over the oneM2M HTTP binding (TS-0009): the host's
 * CSEBase is retrieved; a {@code <remoteCSE>} for this tree is created there (or, when it exists already, its
 * pointOfAccess updated: a restart of either side); a {@code <remoteCSE>} for the host is kept in this tree. The host then
 * forwards the requests it receives for this tree's CSE-ID to the pointOfAccess (as Eclipse OM2M does). Written by hand
 * with the JDK's HTTP client: the exchange is three or four JSON requests, and the product has no oneM2M client library.
 */
final class CseRegistrar {
    /** The host answered, and refused: trying again soon will not help (a configuration to fix). */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String message) { super(message); }
    }

    private static final Logger LOG = LoggerFactory.getLogger(CseRegistrar.class);

    /** This tree, as the host is told about it. */
    record Self(String cseId, String cseName, String adminOriginator, String spId, int cseType, String pointOfAccess) {}

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ResourceTree tree;
    private final Self self;
    private final String registrarUrl, originator;
    /** The host's CSEBase as retrieved: its resourceName and CSE-ID, known after the first successful step. */
    private volatile String hostName, hostCseId;

    CseRegistrar(ResourceTree tree, Self self, String registrarUrl, String originator) {
        this.tree = tree;
        this.self = self;
        this.registrarUrl = registrarUrl.replaceAll("/+$", "");
        this.originator = originator;
    }

    /** The address of this tree's {@code <remoteCSE>} at the host (structured: CSEBase name, then ours). */
    private String ourRemoteCseAtHost() { return registrarUrl + "/" + hostName + "/" + self.cseName(); }

    /** Registers (or refreshes the registration); throws when the host cannot be reached or refuses. */
    void register() throws IOException, InterruptedException {
        HttpResponse<String> cb = send(Operation.RETRIEVE, registrarUrl, null, null);
        if (cb.statusCode() != 200) throw refusedOr("the host's CSEBase " + registrarUrl + " answered " + cb.statusCode() + ": " + cb.body(), cb);
        JsonObject base = JsonParser.parseString(cb.body()).getAsJsonObject().getAsJsonObject("m2m:cb");
        hostName = base.get("rn").getAsString();
        hostCseId = base.get("csi").getAsString();

        JsonObject csr = new JsonObject();
        csr.addProperty("rn", self.cseName());
        csr.addProperty("cst", self.cseType());
        csr.addProperty("csi", "/" + self.cseId());
        csr.addProperty("cb", "//" + self.spId() + "/" + self.cseId());
        csr.addProperty("rr", true);
        JsonArray poa = new JsonArray();
        poa.add(self.pointOfAccess());
        csr.add("poa", poa);
        HttpResponse<String> created = send(Operation.CREATE, registrarUrl, 16, wrap(csr));
        if (created.statusCode() == 201) {
            LOG.info("registered with host CSE {} at {} as <remoteCSE> {} (point of access {})", hostCseId, registrarUrl, self.cseName(), self.pointOfAccess());
        } else if (created.statusCode() == 409) { // registered before (a restart): the point of access may have changed
            JsonObject update = new JsonObject();
            update.add("poa", poa);
            update.addProperty("rr", true);
            HttpResponse<String> updated = send(Operation.UPDATE, ourRemoteCseAtHost(), null, wrap(update));
            if (updated.statusCode() != 200) {
                throw refusedOr("the host kept a <remoteCSE> " + self.cseName() + " but its update answered " + updated.statusCode() + ": "
                        + updated.body(), updated);
            }
            LOG.info("registration with host CSE {} at {} confirmed (point of access {})", hostCseId, registrarUrl, self.pointOfAccess());
        } else {
            throw refusedOr("the host refused the <remoteCSE>: " + created.statusCode() + " " + created.body(), created);
        }
        keepHostHere(base);
    }

    /** 10.1.1.2.1: the registree keeps a {@code <remoteCSE>} for its registrar; created once, its poa kept current. */
    private void keepHostHere(JsonObject base) {
        String rn = hostCseId.replaceAll("^/+", "");
        JsonObject csr = new JsonObject();
        csr.addProperty("rn", rn);
        csr.addProperty("cst", base.has("cst") ? base.get("cst").getAsInt() : 1);
        csr.addProperty("csi", hostCseId);
        String ri = base.has("ri") ? base.get("ri").getAsString() : hostCseId;
        csr.addProperty("cb", ri.startsWith("/") ? ri : "/" + ri); // OM2M answers ri "/in-cse", others "in-cse"
        csr.addProperty("rr", true);
        JsonArray poa = new JsonArray();
        poa.add(registrarUrl.replaceAll("/~/.*$", ""));
        csr.add("poa", poa);
        ResponsePrimitive r = tree.handle(request(Operation.CREATE, "/" + self.cseId()).resourceType(16).content(wrap(csr)).build());
        if (r.status() == ResponseStatusCode.CONFLICT) {
            JsonObject update = new JsonObject();
            update.add("poa", poa);
            r = tree.handle(request(Operation.UPDATE, "/" + self.cseId() + "/" + self.cseName() + "/" + rn).content(wrap(update)).build());
        }
        if (!r.status().isSuccess()) LOG.warn("the <remoteCSE> of host {} could not be kept in this tree: {}", hostCseId, r);
    }

    /** Whether the host still holds this tree's {@code <remoteCSE>}. */
    boolean registered() throws IOException, InterruptedException {
        if (hostName == null) return false;
        // the host's <remoteCSE> here expires like any resource (the default lifetime): it is made again with ours
        ResponsePrimitive here = tree.handle(request(Operation.RETRIEVE, "/" + self.cseId() + "/" + self.cseName() + "/"
                + hostCseId.replaceAll("^/+", "")).build());
        return here.status() == ResponseStatusCode.OK && send(Operation.RETRIEVE, ourRemoteCseAtHost(), null, null).statusCode() == 200;
    }

    /** Deletes this tree's {@code <remoteCSE>} at the host and the host's here. */
    void deregister() throws IOException, InterruptedException {
        if (hostName == null) return;
        HttpResponse<String> r = send(Operation.DELETE, ourRemoteCseAtHost(), null, null);
        LOG.info("de-registered from host CSE {}: {}", hostCseId, r.statusCode());
        tree.handle(request(Operation.DELETE, "/" + self.cseId() + "/" + self.cseName() + "/" + hostCseId.replaceAll("^/+", "")).build());
    }

    /** A 4xx is the host's refusal (Refused); a 5xx may pass (IOException, retried soon). */
    private static IOException refusedOr(String message, HttpResponse<String> r) {
        return r.statusCode() >= 400 && r.statusCode() < 500 ? new Refused(message) : new IOException(message);
    }

    private RequestPrimitive.Builder request(Operation op, String to) {
        return RequestPrimitive.of(op, to).from(self.adminOriginator()).requestId("registration-" + UUID.randomUUID());
    }

    private static String wrap(JsonObject csr) {
        JsonObject o = new JsonObject();
        o.add("m2m:csr", csr);
        return o.toString();
    }

    /** One request of the TS-0009 HTTP binding: the method, media types and headers as the tree's own binding reads them. */
    private HttpResponse<String> send(Operation op, String url, Integer ty, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("X-M2M-Origin", originator).header("X-M2M-RI", "registration-" + UUID.randomUUID()).header("Accept", MediaTypes.JSON);
        if (body == null) b.method(op.httpMethod(), HttpRequest.BodyPublishers.noBody());
        else b.header("Content-Type", MediaTypes.requestContentType(ty)).method(op.httpMethod(), HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
