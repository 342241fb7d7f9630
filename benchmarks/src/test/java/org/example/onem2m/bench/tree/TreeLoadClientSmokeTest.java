package org.example.onem2m.bench.tree;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.example.mgmtobj.api.Specialization;
import org.example.onem2m.bench.Log;
import org.example.onem2m.bench.Options;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The tree load client, briefly, against an in-test HTTP server that checks every request against the oneM2M HTTP
 * binding (TS-0009: headers, ty in the Content-Type, the resource's JSON wrapper) and answers like a CSE holding the
 * resources (2001, 2000, 2004, 2002; 4004 for what does not exist). No timing is asserted.
 */
public class TreeLoadClientSmokeTest {
    private static final Pattern RN = Pattern.compile("\"rn\":\"([^\"]+)\"");
    private HttpServer server;
    private final Set<String> resources = ConcurrentHashMap.newKeySet();
    private final List<String> malformed = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> answered = new ConcurrentHashMap<>();
    private URI cse;

    private final java.util.concurrent.atomic.AtomicInteger floorPosts = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger syncedFloorPosts = new java.util.concurrent.atomic.AtomicInteger();

    @Before
    public void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/~/in-cse/in-name", this::cse);
        server.createContext("/floor", x -> {
            if (x.getRequestMethod().equals("POST")) {
                (x.getRequestURI().getPath().equals("/floor/synced") ? syncedFloorPosts : floorPosts).incrementAndGet();
                x.getRequestBody().readAllBytes();
                answer(x, 201, 2001, "{}");
            } else {
                answer(x, 200, 0, "ok");
            }
        });
        server.start();
        cse = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/~/in-cse/in-name");
        resources.add("/~/in-cse/in-name");
    }

    @After
    public void stop() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void cse(HttpExchange x) throws IOException {
        String method = x.getRequestMethod();
        String path = x.getRequestURI().getRawPath();
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String origin = x.getRequestHeaders().getFirst("X-M2M-Origin");
        String rqi = x.getRequestHeaders().getFirst("X-M2M-RI");
        String type = x.getRequestHeaders().getFirst("Content-Type");
        List<String> problems = new java.util.ArrayList<>();
        if (!"CAdmin".equals(origin)) problems.add("X-M2M-Origin " + origin);
        if (rqi == null || rqi.isBlank()) problems.add("no X-M2M-RI");
        if (!"3".equals(x.getRequestHeaders().getFirst("X-M2M-RVI"))) problems.add("X-M2M-RVI");
        if (!"application/json".equals(x.getRequestHeaders().getFirst("Accept"))) problems.add("Accept");
        int rsc;
        String reply = "";
        switch (method) {
            case "POST": {
                Matcher rn = RN.matcher(body);
                boolean node = "application/json;ty=14".equals(type) && body.startsWith("{\"m2m:nod\":{\"rn\":") && body.contains("\"ni\":");
                boolean datc = "application/json;ty=13".equals(type) && body.startsWith("{\"dcfg:datc\":{") && body.contains("\"mgd\":1021")
                        && body.contains("\"cntp\":");
                boolean authp = "application/json;ty=13".equals(type) && body.startsWith("{\"dcfg:authp\":{") && body.contains("\"mgd\":1022")
                        && body.contains("\"suid\":22");
                if (!rn.find() || !(node || datc || authp)) problems.add("CREATE " + type + " " + body);
                if (node != path.equals("/~/in-cse/in-name")) problems.add("a node not under the CSEBase, or a mgmtObj under it: " + path);
                if (!resources.contains(path)) { rsc = 4004; break; }
                rsc = resources.add(path + "/" + rn.group(1)) ? 2001 : 4105;
                reply = body;
                break;
            }
            case "GET":
                rsc = resources.contains(path) ? 2000 : 4004;
                break;
            case "PUT":
                if (!"application/json".equals(type) || !body.matches("\\{\"dcfg:(datc|authp)\":\\{\"lbl\":\\[\"u\\d+\"]}}")) problems.add("UPDATE " + type + " " + body);
                rsc = resources.contains(path) ? 2004 : 4004;
                break;
            case "DELETE":
                if (!resources.remove(path)) { rsc = 4004; break; }
                resources.removeIf(r -> r.startsWith(path + "/"));
                rsc = 2002;
                break;
            default:
                rsc = 4000;
        }
        if (!problems.isEmpty()) { malformed.add(method + " " + path + ": " + problems); rsc = 4000; }
        answered.merge(method + " " + rsc, 1, Integer::sum);
        x.getResponseHeaders().add("X-M2M-RI", rqi == null ? "" : rqi);
        answer(x, rsc / 1000 == 2 ? (rsc == 2001 ? 201 : 200) : rsc == 4004 ? 404 : 400, rsc, reply);
    }

    private static void answer(HttpExchange x, int status, int rsc, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        if (rsc != 0) x.getResponseHeaders().add("X-M2M-RSC", Integer.toString(rsc));
        x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        try (var out = x.getResponseBody()) {
            out.write(b);
        }
    }

    @Test
    public void theKindsUseTheSpecializationTablesNames() {
        assertEquals(Specialization.DATA_COLLECTION.shortName(), TreeWorkload.Kind.DATC.jsonName);
        assertEquals(Specialization.DATA_COLLECTION.mgd(), TreeWorkload.Kind.DATC.mgd);
        assertEquals(Specialization.AUTHENTICATION_PROFILE.shortName(), TreeWorkload.Kind.AUTHP.jsonName);
        assertEquals(Specialization.AUTHENTICATION_PROFILE.mgd(), TreeWorkload.Kind.AUTHP.mgd);
    }

    @Test
    public void theToolPreloadsMeasuresEveryOperationAndCleansUp() throws Exception {
        Path out = Files.createTempDirectory("bench-tree");
        String[] args = {"--target", cse.toString(), "--floor", cse.resolve("/floor").toString(), "--children", "4,10", "--nodes", "3x4",
                "--clients", "2", "--rounds", "1", "--round-seconds", "0.05", "--warmup", "0.01", "--first-warmup", "0.01",
                "--preload-connections", "4", "--post-floor", "true", "--out", out.toString()};
        try (Log log = new Log(out.resolve("results.txt"))) {
            TreeFigure.run(new Options(args, 0), log);
        }
        assertTrue(malformed.toString(), malformed.isEmpty());
        for (String ok : List.of("POST 2001", "GET 2000", "PUT 2004", "DELETE 2002")) {
            assertTrue(ok + " in " + answered, answered.getOrDefault(ok, 0) > 0);
        }
        for (String k : answered.keySet()) assertTrue("only success answers: " + answered, k.endsWith(" 2001") || k.endsWith(" 2000") || k.endsWith(" 2004") || k.endsWith(" 2002"));
        assertEquals("every node deleted at the end: " + resources, Set.of("/~/in-cse/in-name"), resources);
        String text = Files.readString(out.resolve("results.txt"));
        assertTrue(text, text.contains("| RETRIEVE datc | flat-4 |") && text.contains("| DELETE authp | nodes-3x4 |") && text.contains("Size ratio")
                && text.contains("Floor ratio") && text.contains("GET /floor"));
        assertTrue("POST /floor was measured: " + floorPosts, floorPosts.get() > 0);
        assertTrue("POST /floor/synced was measured: " + syncedFloorPosts, syncedFloorPosts.get() > 0);
        assertTrue(text, text.contains("Write ratio") && text.contains("CREATE datc") && text.contains("% of POST /floor ")
                && text.contains("% of POST /floor/synced "));
    }

    @Test
    public void jcmdsHeapLineIsRead() {
        assertEquals(81234, TreeHeapFigure.usedKb(List.of("12345:", " garbage-first heap   total 1048576K, used 81234K [0x00000000c0000000, 0x0000000100000000)")));
    }
}
