package org.example.onem2m.bench.tree;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Figure 12's operators, briefly, against an in-test HTTP server standing in for the CSE and its device side: it
 * checks the requests (the node, the MEFClientRegCfg with the MEF port, the profile linking to the cfg, the
 * registration MO linking to the profile with the target's CSE-ID) and shows a profile's skid on the second GET after
 * a registration links to it. No timing is asserted.
 */
public class EnrolFigureSmokeTest {
    private static final Pattern RN = Pattern.compile("\"rn\":\"([^\"]+)\"");
    private static final Pattern VAL = Pattern.compile("\"val\":\"([^\"]+)\"");
    private HttpServer server;
    private URI cse;
    private final AtomicInteger ids = new AtomicInteger();
    /** profile path -> its ri; ri -> GETs seen after a registration linked to it (absent: not linked yet). */
    private final Map<String, String> profiles = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> linked = new ConcurrentHashMap<>();
    private final List<String> malformed = new CopyOnWriteArrayList<>();
    private volatile String cfgRi;

    @Before
    public void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/~/in-cse/in-name", this::cse);
        server.start();
        cse = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/~/in-cse/in-name");
    }

    @After
    public void stop() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void cse(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getRawPath();
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String type = x.getRequestHeaders().getFirst("Content-Type");
        if (!"CAdmin".equals(x.getRequestHeaders().getFirst("X-M2M-Origin"))) malformed.add("origin");
        if (x.getRequestMethod().equals("POST")) {
            String ri = "mgo" + ids.incrementAndGet();
            Matcher rn = RN.matcher(body);
            if (!rn.find()) { malformed.add("no rn: " + body); answer(x, 4000, "{}"); return; }
            if ("application/json;ty=14".equals(type) && body.startsWith("{\"m2m:nod\":")) {
                answer(x, 2001, "{\"m2m:nod\":{\"rn\":\"" + rn.group(1) + "\",\"ri\":\"nod" + ri + "\"}}");
            } else if (body.startsWith("{\"dcfg:mefcr\":") && body.contains("\"mgd\":1026") && body.contains("\"hprt\":4444")) {
                cfgRi = ri;
                answer(x, 2001, "{\"dcfg:mefcr\":{\"rn\":\"" + rn.group(1) + "\",\"ri\":\"" + ri + "\"}}");
            } else if (body.startsWith("{\"dcfg:authp\":") && body.contains("\"suid\":22") && body.contains("\"val\":\"" + cfgRi + "\"")) {
                profiles.put(path + "/" + rn.group(1), ri);
                answer(x, 2001, "{\"dcfg:authp\":{\"rn\":\"" + rn.group(1) + "\",\"ri\":\"" + ri + "\"}}");
            } else if (body.startsWith("{\"dcfg:regn\":") && body.contains("\"csi\":\"" + EnrolFigure.TARGET + "\"")) {
                Matcher val = VAL.matcher(body);
                if (!val.find() || !profiles.containsValue(val.group(1))) { malformed.add("registration without its profile: " + body); answer(x, 4000, "{}"); return; }
                linked.put(val.group(1), new AtomicInteger());
                answer(x, 2001, "{\"dcfg:regn\":{\"rn\":\"" + rn.group(1) + "\",\"ri\":\"" + ri + "\"}}");
            } else {
                malformed.add("POST " + path + " " + type + " " + body);
                answer(x, 4000, "{}");
            }
        } else if (x.getRequestMethod().equals("GET") && profiles.containsKey(path)) {
            AtomicInteger gets = linked.get(profiles.get(path));
            boolean done = gets != null && gets.incrementAndGet() >= 2;
            answer(x, 2000, "{\"dcfg:authp\":{\"ri\":\"" + profiles.get(path) + "\"" + (done ? ",\"skid\":\"00ff@mef.example.com\"" : "") + "}}");
        } else {
            malformed.add(x.getRequestMethod() + " " + path);
            answer(x, 4004, "{}");
        }
    }

    private static void answer(HttpExchange x, int rsc, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("X-M2M-RSC", Integer.toString(rsc));
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(rsc / 1000 == 2 ? (rsc == 2001 ? 201 : 200) : rsc == 4004 ? 404 : 400, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    @Test
    public void operatorsCreateProfileAndRegistrationAndWaitForSkid() throws Exception {
        List<String> nodes = EnrolFigure.setup(cse, 4444, 3, "CAdmin");
        assertEquals(3, nodes.size());
        EnrolFigure.Result r = EnrolFigure.load(cse, nodes, "CAdmin", 12, 5, 1, "t", null);
        assertEquals(malformed.toString(), List.of(), malformed);
        assertEquals(String.valueOf(r.firstError.get()), 0, r.errors.get());
        assertEquals(12, r.enrolled.get());
        assertEquals(12, r.latency.getTotalCount());
        assertTrue(r.toString().contains("12 MOs enrolled"));
    }

    @Test
    public void aProfileWhoseSkidNeverComesIsATimeout() throws Exception {
        List<String> nodes = EnrolFigure.setup(cse, 4444, 1, "CAdmin");
        linked.clear();
        // the registration answers 2001 but no skid ever shows: the fake forgets every link
        server.removeContext("/~/in-cse/in-name");
        server.createContext("/~/in-cse/in-name", x -> {
            cse(x);
            linked.clear();
        });
        EnrolFigure.Result r = EnrolFigure.load(cse, nodes, "CAdmin", 1, 0.2, 1, "u", null);
        assertEquals(1, r.errors.get());
        assertEquals(0, r.enrolled.get());
        assertTrue(r.firstError.get(), r.firstError.get().contains("no skid within"));
    }
}
