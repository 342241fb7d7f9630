package org.example.mef.impl.client.est;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.wire.HttpRequestMessage;
import org.example.tef.api.wire.HttpResponseMessage;
import org.example.tef.api.wire.MalformedAnswerException;
import org.example.tef.api.wire.PrimitiveTransport;

/**
 * EST requests (RFC 7030 3.2) as HTTP/1.1 over a TLS session of tef's {@link SecureChannels}: certificate-less TLS-PSK
 * (RFC 7030 3.3.3, TS-0003 8.3.6.2.1) or a client certificate (3.3.2), both of Bouncy Castle's low-level TLS API, which
 * gives streams, not a socket. The HTTP framing is tef's plain-HTTP client ({@link PrimitiveTransport#httpClient}), the
 * same framing the MEF's EST server and every oneM2M primitive of the MAF and MEF use.
 * <p>
 * One session carries the requests in turn; when the server ends it ({@code Connection: close}, or the session closed)
 * the next request opens another with the same configuration.
 */
public final class EstConnection implements AutoCloseable {
    /** An HTTP answer: its status, media type (lower case, without parameters; null when absent) and body. */
    public record Answer(int status, String mediaType, String transferEncoding, byte[] body) {
        public String text() { return new String(body, StandardCharsets.UTF_8).strip(); }
    }

    private final SecureChannels channels;
    private final PrimitiveTransport transport;
    private final TlsClientConfig tls;
    private final URI base;
    private SecureSession session;
    private PrimitiveTransport.HttpClient http;

    /** @param base the EST base URI, e.g. {@code https://mef.example.com:8443/.well-known/est}; the host is reached as {@code tls} says */
    public EstConnection(SecureChannels channels, PrimitiveTransport transport, TlsClientConfig tls, URI base) {
        this.channels = channels;
        this.transport = transport;
        this.tls = tls;
        this.base = base;
    }

    /** GET {@code <base>/<operation>}, e.g. {@code cacerts} (RFC 7030 4.1.2) or {@code csrattrs} (4.5.1). */
    public Answer get(String operation) throws EstFailure {
        return exchange(HttpRequestMessage.of("GET", path(operation), null));
    }

    /** POST of a base64 body with {@code Content-Transfer-Encoding: base64} (RFC 7030 4.2.1), e.g. {@code application/pkcs10}. */
    public Answer postBase64(String operation, String contentType, String base64) throws EstFailure {
        return exchange(HttpRequestMessage.of("POST", path(operation), base64.getBytes(StandardCharsets.US_ASCII))
                .withHeader("Content-Type", contentType).withHeader("Content-Transfer-Encoding", "base64"));
    }

    private String path(String operation) {
        String p = base.getRawPath() == null ? "" : base.getRawPath();
        return (p.endsWith("/") ? p : p + "/") + operation;
    }

    private Answer exchange(HttpRequestMessage request) throws EstFailure {
        request = request.withHeader("Host", base.getPort() < 0 ? base.getHost() : base.getHost() + ":" + base.getPort());
        PrimitiveTransport.HttpClient client = client();
        try {
            HttpResponseMessage response = client.send(request);
            if (response.header("Connection").filter("close"::equalsIgnoreCase).isPresent()) close();
            return new Answer(response.status(), mediaType(response.header("Content-Type").orElse(null)),
                    response.header("Content-Transfer-Encoding").orElse(null), response.body());
        } catch (MalformedAnswerException e) {
            close();
            throw EstFailure.server(request + ": the answer is not HTTP/1.1 as RFC 7030 3.2 asks: " + e.getMessage(), e);
        } catch (IOException e) {
            close();
            throw EstFailure.server(request + " at " + tls.host + ":" + tls.port + " failed: " + e.getMessage(), e);
        }
    }

    private PrimitiveTransport.HttpClient client() throws EstFailure {
        if (session != null && session.isOpen()) return http;
        close();
        try {
            session = channels.connect(tls);
        } catch (IOException e) {
            throw EstFailure.server("no TLS session with the EST server " + tls.serverName + " at " + tls.host + ":" + tls.port + ": " + e.getMessage(), e);
        }
        http = transport.httpClient(session);
        return http;
    }

    private static String mediaType(String contentType) {
        if (contentType == null) return null;
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        if (session == null) return;
        try {
            http.close();
        } catch (IOException ignored) {
            // the session is given up either way
        }
        session = null;
        http = null;
    }
}
