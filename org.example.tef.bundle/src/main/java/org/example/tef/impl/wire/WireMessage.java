package org.example.tef.impl.wire;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.example.tef.api.wire.HttpRequestMessage;
import org.example.tef.api.wire.HttpResponseMessage;

/**
 * An HTTP/1.1 message inside this package: the framing's view of a request or response, owning its header list and
 * body without copying them. The exported {@link HttpRequestMessage} and {@link HttpResponseMessage} copy both on the
 * way in and out, as an immutable public type must; the MAF's and MEF's primitives do not pass through them, because
 * those copies on every Key Retrieval cost figure 2 about 15 % of its rate (BENCHMARKS.md, "After the read-through").
 *
 * @param start the method of a request, or the status code (as text) of a response
 * @param target the request target of a request; null for a response
 */
record WireMessage(String start, String target, List<Map.Entry<String, String>> headers, byte[] body) {

    static WireMessage request(String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {
        return new WireMessage(method, target, headers, body == null ? new byte[0] : body);
    }

    static WireMessage response(int status, List<Map.Entry<String, String>> headers, byte[] body) {
        return new WireMessage(String.valueOf(status), null, headers, body == null ? new byte[0] : body);
    }

    int status() { return Integer.parseInt(start); }

    /** The path of a request's target, without its query. */
    String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /** The first value of the named header field (names compared without regard to case). */
    Optional<String> header(String name) {
        for (Map.Entry<String, String> h : headers) if (h.getKey().equalsIgnoreCase(name)) return Optional.of(h.getValue());
        return Optional.empty();
    }

    // the exported types, for plain HTTP (serveHttp, httpClient): copies there only

    HttpRequestMessage toRequestMessage() { return new HttpRequestMessage(start, target, headers, body); }

    static WireMessage of(HttpRequestMessage m) { return request(m.method(), m.target(), m.headers(), m.body()); }

    HttpResponseMessage toResponseMessage() { return new HttpResponseMessage(status(), headers, body); }

    static WireMessage of(HttpResponseMessage m) { return response(m.status(), m.headers(), m.body()); }
}
