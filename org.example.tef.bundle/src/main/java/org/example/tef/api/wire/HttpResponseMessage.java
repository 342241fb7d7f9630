package org.example.tef.api.wire;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plain HTTP/1.1 response inside a secure session (see {@link HttpRequestMessage}): status, header fields in order,
 * body. The transport adds Content-Length itself. Immutable.
 *
 * @since 2.1
 */
public final class HttpResponseMessage {
    private final int status;
    private final List<Map.Entry<String, String>> headers;
    private final byte[] body;

    public HttpResponseMessage(int status, List<Map.Entry<String, String>> headers, byte[] body) {
        if (status < 100 || status > 599) throw new IllegalArgumentException("an HTTP status is from 100 to 599, not " + status);
        this.status = status;
        this.headers = List.copyOf(headers);
        this.body = body == null ? new byte[0] : body.clone();
    }

    /** A response whose body has {@code contentType}; none when {@code contentType} is null. */
    public static HttpResponseMessage of(int status, String contentType, byte[] body) {
        return new HttpResponseMessage(status, contentType == null ? List.of() : List.of(Map.entry("Content-Type", contentType)), body);
    }

    /** A text/plain response, the reason of a refusal. */
    public static HttpResponseMessage text(int status, String text) {
        return of(status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** This response with one more header field. */
    public HttpResponseMessage withHeader(String name, String value) {
        return new HttpResponseMessage(status, HeaderFields.plus(headers, name, value), body);
    }

    public int status() { return status; }

    /** The first value of the named header field (names compared without regard to case). */
    public Optional<String> header(String name) {
        return HeaderFields.first(headers, name);
    }

    /** Every header field, in order. */
    public List<Map.Entry<String, String>> headers() { return headers; }

    /** A copy of the body; empty when there is none. */
    public byte[] body() { return body.clone(); }

    /** The status and the content type only: a body may hold a private key (EST serverkeygen, RFC 7030 4.4.2). */
    @Override
    public String toString() { return "HTTP " + status + header("Content-Type").map(t -> " " + t).orElse(""); }
}
