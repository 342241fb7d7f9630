package org.example.tef.api.wire;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A plain HTTP/1.1 request inside a secure session, for a protocol that is not oneM2M primitives (the MEF's EST
 * server, RFC 7030): method, request target, header fields in their order (names compared without regard to case,
 * RFC 9110 5.1) and the whole body. Immutable.
 *
 * @since 2.1
 */
public final class HttpRequestMessage {
    private final String method;
    private final String target;
    private final List<Map.Entry<String, String>> headers;
    private final byte[] body;

    /**
     * @param target the request target as sent, path and query, e.g. {@code /.well-known/est/cacerts}
     * @param headers name/value pairs in order; Content-Length and Transfer-Encoding are the transport's, not the caller's
     */
    public HttpRequestMessage(String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {
        this.method = Objects.requireNonNull(method, "method");
        this.target = Objects.requireNonNull(target, "target");
        this.headers = List.copyOf(headers);
        this.body = body == null ? new byte[0] : body.clone();
    }

    /** A request without header fields of its own. */
    public static HttpRequestMessage of(String method, String target, byte[] body) {
        return new HttpRequestMessage(method, target, List.of(), body);
    }

    /** This request with one more header field. */
    public HttpRequestMessage withHeader(String name, String value) {
        return new HttpRequestMessage(method, target, HeaderFields.plus(headers, name, value), body);
    }

    public String method() { return method; }

    /** The request target as sent (path and query). */
    public String target() { return target; }

    /** The path of the target, without its query. */
    public String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /** The first value of the named header field. */
    public Optional<String> header(String name) {
        return HeaderFields.first(headers, name);
    }

    /** Every header field, in order. */
    public List<Map.Entry<String, String>> headers() { return headers; }

    /** A copy of the body; empty when there is none. */
    public byte[] body() { return body.clone(); }

    /** Method and target only: bodies and header values may carry credentials. */
    @Override
    public String toString() { return method + " " + target.replaceAll("\\p{Cntrl}", "?"); }
}
