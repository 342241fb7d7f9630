package org.example.onem2m.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The distribution's oneM2M HTTP binding (TS-0009) as an administrator with originator CAdmin uses it. */
public final class CseHttp {
    private static final String ORIGIN = "CAdmin";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicInteger requestIds = new AtomicInteger();
    private final int port;
    /** The tree's CSE-ID and CSEBase name (its configuration, org.example.mgmtobj). */
    private volatile String cse = "in-cse/in-name";

    CseHttp(int port) {
        this.port = port;
    }

    /** The tree was configured with another CSE-ID and name. */
    void cse(String cseId, String cseName) { this.cse = cseId + "/" + cseName; }

    public String cseBase() {
        return "http://127.0.0.1:" + port + "/~/" + cse;
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("X-M2M-Origin", ORIGIN)
                .header("X-M2M-RI", "it-" + requestIds.incrementAndGet())
                .header("Accept", "application/json");
    }

    public HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(request(url).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String url, int ty, String body) throws IOException, InterruptedException {
        return http.send(request(url).header("Content-Type", "application/json;ty=" + ty)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> put(String url, String body) throws IOException, InterruptedException {
        return http.send(request(url).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> delete(String url) throws IOException, InterruptedException {
        return http.send(request(url).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Asserts 201 and returns the created resource's ri. */
    public static String createdRi(HttpResponse<String> r, String key) {
        assertEquals("create answered " + r.body(), 201, r.statusCode());
        String ri = JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonObject(key).get("ri").getAsString();
        assertFalse(ri.isBlank());
        return ri;
    }

    /** Asserts 200 and returns the resource under {@code key}. */
    public JsonObject resource(String url, String key) throws IOException, InterruptedException {
        HttpResponse<String> r = get(url);
        assertEquals("GET " + url + " answered " + r.body(), 200, r.statusCode());
        return JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonObject(key);
    }
}
