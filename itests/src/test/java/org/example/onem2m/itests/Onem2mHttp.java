package org.example.onem2m.itests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A client of the oneM2M HTTP binding (TS-0009) at {@code http://127.0.0.1:<port>/~/<cseId>/<cseName>}: one
 * method per operation, each sending X-M2M-Origin and a fresh X-M2M-RI.
 */
public final class Onem2mHttp {
    public static final String CSE_BASE = "/~/in-cse/in-name";
    private static final AtomicLong REQUEST_IDS = new AtomicLong();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Onem2mHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** One answer: HTTP status, X-M2M-RSC, Content-Location and the body. */
    public static final class Answer {
        public final int httpStatus;
        public final String rsc;
        public final String contentLocation;
        public final String body;

        Answer(HttpResponse<String> response) {
            this.httpStatus = response.statusCode();
            this.rsc = response.headers().firstValue("X-M2M-RSC").orElse(null);
            this.contentLocation = response.headers().firstValue("Content-Location").orElse(null);
            this.body = response.body();
        }

        /** The body as a JSON object (fails the test if it is not one). */
        public JsonObject json() {
            return JsonParser.parseString(body).getAsJsonObject();
        }

        @Override
        public String toString() {
            return "HTTP " + httpStatus + " X-M2M-RSC " + rsc + (contentLocation == null ? "" : " Content-Location " + contentLocation) + " " + body;
        }
    }

    public Answer create(String originator, String path, int resourceType, String body) {
        return send(originator, path, "POST", "application/json;ty=" + resourceType, body);
    }

    public Answer retrieve(String originator, String path) {
        return send(originator, path, "GET", null, null);
    }

    public Answer update(String originator, String path, String body) {
        return send(originator, path, "PUT", "application/json", body);
    }

    public Answer delete(String originator, String path) {
        return send(originator, path, "DELETE", null, null);
    }

    /**
     * Waits until the binding answers a RETRIEVE of the CSEBase with 200: Jetty listens before the whiteboard
     * registers the servlet, and until then answers 404 (TOOLCHAIN pitfall 15).
     */
    public Answer awaitCseBase(String originator, Duration timeout) {
        AtomicReference<Object> last = new AtomicReference<>("no answer yet");
        return Await.until("200 on GET " + base + CSE_BASE, timeout, () -> {
            try {
                Answer answer = retrieve(originator, CSE_BASE);
                last.set(answer);
                return answer.httpStatus == 200 ? answer : null;
            } catch (RuntimeException e) {
                last.set(e);
                return null;
            }
        }, () -> String.valueOf(last.get()));
    }

    private Answer send(String originator, String path, String method, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10))
                .header("X-M2M-Origin", originator)
                .header("X-M2M-RI", "itest-" + REQUEST_IDS.incrementAndGet())
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) request.header("Content-Type", contentType);
        try {
            return new Answer(client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + base + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + base + path + " interrupted", e);
        }
    }
}
