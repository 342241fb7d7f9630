package org.example.tef.impl.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.example.onem2m.primitive.MediaTypes;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.PrimitiveException;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.wire.HttpHandler;
import org.example.tef.api.wire.HttpRequestMessage;
import org.example.tef.api.wire.HttpResponseMessage;
import org.example.tef.api.wire.MalformedAnswerException;
import org.example.tef.api.wire.PrimitiveHandler;
import org.example.tef.api.wire.PrimitiveTransport;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request and response primitives as HTTP/1.1 messages in the TS-0009 binding, over the streams of a Bouncy
 * Castle TLS session; and, since 2.1, plain HTTP/1.1 messages of another protocol in such a session. HttpCore 5's
 * classic parser and writer do the HTTP framing ({@link HttpSessionServer}, {@link HttpSessionClient}, shared by both);
 * they work on plain streams, which is what BC's TLS gives (there is no socket to hand to a ready-made HTTP server).
 */
@Component(service = PrimitiveTransport.class)
public final class HttpPrimitiveTransport implements PrimitiveTransport {
    private static final Logger LOG = LoggerFactory.getLogger(HttpPrimitiveTransport.class);
    static final String JSON = MediaTypes.JSON;
    static final int MAX_BODY_BYTES = HttpFraming.MAX_BODY_BYTES;
    private static final String FETCH_CREDENTIALS = "/fetchCredentials/";

    @Override
    public void serve(SecureSession session, PrimitiveHandler handler) throws IOException {
        HttpSessionServer.serve(session, new HttpSessionServer.Exchange() {
            @Override
            public WireMessage answer(SecureSession s, WireMessage http) {
                String requestId = http.header("X-M2M-RI").orElse(null);
                ResponsePrimitive response;
                try {
                    response = handler.handle(s, toRequest(http));
                } catch (PrimitiveException e) {
                    response = e.toResponse(requestId);
                } catch (RuntimeException e) {
                    LOG.error("{} {} failed in the handler", http.start(), http.path(), e);
                    response = ResponsePrimitive.error(ResponseStatusCode.INTERNAL_SERVER_ERROR, requestId, "internal error: " + e.getClass().getSimpleName());
                }
                return toHttp(response);
            }

            @Override
            public WireMessage refuse(WireMessage head, String reason, boolean tooLarge) {
                String requestId = head == null ? null : head.header("X-M2M-RI").orElse(null);
                return toHttp(ResponsePrimitive.error(ResponseStatusCode.BAD_REQUEST, requestId, reason));
            }
        });
    }

    @Override
    public Client client(SecureSession session) {
        HttpSessionClient http = new HttpSessionClient(session);
        return new Client() {
            @Override
            public ResponsePrimitive send(RequestPrimitive request) throws IOException {
                WireMessage response = http.exchange(toHttp(request));
                try {
                    String rsc = response.header("X-M2M-RSC").orElse(null);
                    if (rsc == null) throw new MalformedAnswerException("the answer (HTTP " + response.status() + ") has no X-M2M-RSC", null);
                    byte[] content = response.body();
                    return new ResponsePrimitive(ResponseStatusCode.of(Integer.parseInt(rsc.trim())), response.header("X-M2M-RI").orElse(null),
                            content.length == 0 ? null : new String(content, StandardCharsets.UTF_8), response.header("Content-Location").orElse(null));
                } catch (IllegalArgumentException e) {
                    throw new MalformedAnswerException("unusable answer: " + e.getMessage(), e);
                }
            }

            @Override
            public void close() throws IOException { http.close(); }
        };
    }

    /** Plain HTTP: the handler's answer as it is; a framing refusal is 400 (413 for a body too large) with the reason as text. */
    @Override
    public void serveHttp(SecureSession session, HttpHandler handler) throws IOException {
        HttpSessionServer.serve(session, new HttpSessionServer.Exchange() {
            @Override
            public WireMessage answer(SecureSession s, WireMessage request) {
                HttpRequestMessage message = request.toRequestMessage();
                try {
                    return WireMessage.of(handler.handle(s, message));
                } catch (RuntimeException e) {
                    LOG.error("{} failed in the handler", message, e);
                    return WireMessage.of(HttpResponseMessage.text(500, "internal error: " + e.getClass().getSimpleName()));
                }
            }

            @Override
            public WireMessage refuse(WireMessage head, String reason, boolean tooLarge) {
                return WireMessage.of(HttpResponseMessage.text(tooLarge ? 413 : 400, reason));
            }
        });
    }

    @Override
    public HttpClient httpClient(SecureSession session) {
        return new HttpSessionClient(session);
    }

    private static RequestPrimitive toRequest(WireMessage http) {
        Operation operation = Operation.ofHttpMethod(http.start());
        String path = http.path();
        // TS-0003 8.3.2.1 writes the Enrolment Targets' credential fetch as the plain path /fetchCredentials/<KeID>/<SUID>;
        // it is taken as it stands, like its SP-relative form /~/fetchCredentials/...
        if (path.startsWith(FETCH_CREDENTIALS)) path = "/~" + path;
        if (!path.startsWith("/~/")) throw new BindingError(ResponseStatusCode.NOT_FOUND, "targets are SP-relative: /~/<fqdn>/..., not " + path);
        String requestId = http.header("X-M2M-RI").orElse(null);
        if (requestId == null || requestId.isBlank()) throw new BindingError(ResponseStatusCode.BAD_REQUEST, "the request has no request identifier (X-M2M-RI)");
        Integer ty = null;
        String content = null;
        byte[] body = http.body();
        if (body.length > 0) {
            ty = MediaTypes.resourceType(http.header("Content-Type").orElse(null));
            content = new String(body, StandardCharsets.UTF_8);
        }
        return RequestPrimitive.of(operation, path.substring(2)).from(http.header("X-M2M-Origin").orElse(null)).requestId(requestId)
                .resourceType(ty).content(content).build();
    }

    private static WireMessage toHttp(ResponsePrimitive response) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(4);
        headers.add(Map.entry("X-M2M-RSC", String.valueOf(response.status().code())));
        if (response.requestId() != null) headers.add(Map.entry("X-M2M-RI", response.requestId()));
        if (response.location() != null) headers.add(Map.entry("Content-Location", response.location()));
        byte[] body = response.content() == null ? new byte[0] : response.content().getBytes(StandardCharsets.UTF_8);
        if (body.length > 0) headers.add(Map.entry("Content-Type", JSON));
        return WireMessage.response(response.status().httpStatus(), headers, body);
    }

    private static WireMessage toHttp(RequestPrimitive request) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(4);
        if (request.from() != null) headers.add(Map.entry("X-M2M-Origin", request.from()));
        headers.add(Map.entry("X-M2M-RI", request.requestId()));
        headers.add(Map.entry("Accept", JSON));
        byte[] body = request.content() == null ? new byte[0] : request.content().getBytes(StandardCharsets.UTF_8);
        if (body.length > 0) headers.add(Map.entry("Content-Type", MediaTypes.requestContentType(request.resourceType())));
        return WireMessage.request(request.operation().httpMethod(), "/~" + request.to(), headers, body);
    }

    /** A request the binding itself refuses before it becomes a primitive. */
    static final class BindingError extends PrimitiveException {
        private static final long serialVersionUID = 1L;

        BindingError(ResponseStatusCode rsc, String message) {
            super(rsc, message);
        }
    }
}
