package org.example.tef.impl.wire;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpMessage;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.ChunkedInputStream;
import org.apache.hc.core5.http.impl.io.ContentLengthInputStream;
import org.apache.hc.core5.http.impl.io.SessionInputBufferImpl;

/**
 * The HTTP/1.1 framing both sides of a session share, primitives and plain HTTP alike: HttpCore 5's limits on the head,
 * and a body read whole, by Content-Length or chunked, up to {@link #MAX_BODY_BYTES}.
 */
final class HttpFraming {
    /** Primitives of the MAF and MEF, and EST requests and answers, are small; a larger body is refused, not buffered. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final Http1Config HTTP = Http1Config.custom().setMaxLineLength(8192).setMaxHeaderCount(64).build();

    /** A body the framing cannot take: too large, a bad Content-Length. The session cannot go on after it. */
    static final class FramingException extends IOException {
        private static final long serialVersionUID = 1L;

        private final boolean tooLarge;

        FramingException(String message, boolean tooLarge) {
            super(message);
            this.tooLarge = tooLarge;
        }

        /** A body over the limit (HTTP 413 where the answer is plain HTTP), rather than a malformed one. */
        boolean tooLarge() { return tooLarge; }
    }

    private HttpFraming() {}

    static byte[] body(HttpMessage http, SessionInputBufferImpl buffer, InputStream in) throws IOException {
        String transferEncoding = value(http, "Transfer-Encoding");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            byte[] bytes = new ChunkedInputStream(buffer, in, HTTP).readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) throw new FramingException("the body is larger than " + MAX_BODY_BYTES + " bytes", true);
            return bytes;
        }
        String contentLength = value(http, "Content-Length");
        if (contentLength == null) return new byte[0];
        long length;
        try {
            length = Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            throw new FramingException("Content-Length is not a number", false);
        }
        if (length < 0 || length > MAX_BODY_BYTES) throw new FramingException("the body is larger than " + MAX_BODY_BYTES + " bytes", true);
        // Exactly the announced length, not readNBytes(MAX_BODY_BYTES + 1): that allocates an 8 KiB chunk even for an
        // empty body, 29 % of the MAF's allocation under keep-alive Key Retrievals (BENCHMARKS.md, figure 2).
        return new ContentLengthInputStream(buffer, in, length).readNBytes((int) length);
    }

    static String value(HttpMessage http, String name) {
        Header h = http.getFirstHeader(name);
        return h == null ? null : h.getValue();
    }

    /** Every header field but the framing's own (Content-Length, Transfer-Encoding), in order. */
    static List<Map.Entry<String, String>> headers(HttpMessage http) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Header h : http.getHeaders()) {
            if (h.getName().equalsIgnoreCase("Content-Length") || h.getName().equalsIgnoreCase("Transfer-Encoding")) continue;
            headers.add(Map.entry(h.getName(), h.getValue()));
        }
        return headers;
    }
}
