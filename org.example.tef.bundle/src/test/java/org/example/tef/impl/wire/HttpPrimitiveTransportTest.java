package org.example.tef.impl.wire;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.example.onem2m.primitive.Operation;
import org.example.tef.api.wire.PrimitiveHandler;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Primitives in the TS-0009 HTTP binding over a session's streams, both directions, several per session. */
public class HttpPrimitiveTransportTest {
    private final HttpPrimitiveTransport transport = new HttpPrimitiveTransport();
    private final List<RequestPrimitive> received = new CopyOnWriteArrayList<>();
    private OneSessionServer server;
    private volatile PrimitiveHandler handler = (session, request) -> {
        received.add(request);
        return new ResponsePrimitive(request.operation() == Operation.CREATE ? ResponseStatusCode.CREATED : ResponseStatusCode.OK, request.requestId(),
                "{\"echo\":\"" + request.to() + "\"}", request.operation() == Operation.CREATE ? request.to() + "/new" : null);
    };

    @Before
    public void listen() throws IOException {
        server = new OneSessionServer(s -> transport.serve(s, (session, request) -> handler.handle(session, request)));
    }

    @After
    public void close() throws Exception {
        server.close();
    }

    private PrimitiveTransport.Client connect() throws IOException {
        return transport.client(server.connect());
    }

    /** Sends one CREATE request primitive through the HTTP binding and returns its response primitive. */
    private ResponsePrimitive sendOneCreate() throws IOException {
        try (PrimitiveTransport.Client client = connect()) {
            return client.send(RequestPrimitive.of(Operation.CREATE, "/maf.example.com/mafBase").from("Cclient1").requestId("rq-1").resourceType(10001).content("{\"sec:mafClientReg\":{\"adminFQDN\":\"sp.example.com\"}}").build());
        }
    }

    @Test
    public void aRequestPrimitiveArrivesWholeThroughTheHttpBinding() throws IOException {
        sendOneCreate();
        RequestPrimitive got = received.get(0);
        assertEquals(Operation.CREATE, got.operation());
        assertEquals("/maf.example.com/mafBase", got.to());
        assertEquals("Cclient1", got.from());
        assertEquals("rq-1", got.requestId());
        assertEquals(Integer.valueOf(10001), got.resourceType());
        assertEquals("{\"sec:mafClientReg\":{\"adminFQDN\":\"sp.example.com\"}}", got.content());
    }

    @Test
    public void itsResponsePrimitiveComesBackWholeThroughTheHttpBinding() throws IOException {
        ResponsePrimitive response = sendOneCreate();
        assertEquals(ResponseStatusCode.CREATED, response.status());
        assertEquals("rq-1", response.requestId());
        assertEquals("{\"echo\":\"/maf.example.com/mafBase\"}", response.content());
        assertEquals("/maf.example.com/mafBase/new", response.location());
    }

    @Test
    public void severalPrimitivesShareOneSession() throws IOException {
        try (PrimitiveTransport.Client client = connect()) {
            for (int i = 0; i < 20; i++) {
                ResponsePrimitive r = client.send(RequestPrimitive.of(Operation.RETRIEVE, "/maf.example.com/mafBase/keys/k" + i).requestId("rq-" + i).build());
                assertEquals(ResponseStatusCode.OK, r.status());
                assertEquals("rq-" + i, r.requestId());
            }
        }
        assertEquals(20, received.size());
        assertNull(received.get(3).content());
    }

    /** A handler that fails on request "boom" and answers OK otherwise. */
    private void failOnBoom() {
        handler = (session, request) -> {
            if (request.requestId().equals("boom")) throw new IllegalStateException("bug");
            return new ResponsePrimitive(ResponseStatusCode.OK, request.requestId(), null, null);
        };
    }

    @Test
    public void aHandlerFailureIsAnInternalError_TS0004_6_6_3_6() throws IOException {
        failOnBoom();
        try (PrimitiveTransport.Client client = connect()) {
            ResponsePrimitive failed = client.send(RequestPrimitive.of(Operation.RETRIEVE, "/maf.example.com/x").requestId("boom").build());
            assertEquals(ResponseStatusCode.INTERNAL_SERVER_ERROR, failed.status());
        }
    }

    @Test
    public void theSessionGoesOnAfterAHandlerFailure() throws IOException {
        failOnBoom();
        try (PrimitiveTransport.Client client = connect()) {
            client.send(RequestPrimitive.of(Operation.RETRIEVE, "/maf.example.com/x").requestId("boom").build());
            assertEquals(ResponseStatusCode.OK, client.send(RequestPrimitive.of(Operation.RETRIEVE, "/maf.example.com/x").requestId("fine").build()).status());
        }
    }

    private String raw(String request) throws IOException {
        try (Socket s = server.socket()) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    public void aRequestWithoutRequestIdentifierIsRefusedWith4000_TS0004_6_6_3_5() throws IOException {
        String answer = raw("GET /~/maf.example.com/mafBase HTTP/1.1\r\nHost: maf.example.com\r\n\r\n");
        assertTrue(answer, answer.startsWith("HTTP/1.1 400"));
        assertTrue(answer, answer.contains("X-M2M-RSC: 4000"));
        assertTrue(answer, answer.contains("X-M2M-RI"));
        assertTrue(received.isEmpty());
    }

    @Test
    public void anHttpMethodWithoutOperationIsRefusedWith4005_TS0009_6_2_1() throws IOException {
        String answer = raw("PATCH /~/maf.example.com/mafBase HTTP/1.1\r\nHost: m\r\nX-M2M-RI: 1\r\n\r\n");
        assertTrue(answer, answer.contains("X-M2M-RSC: 4005"));
    }

    private String postOverTheLimit() throws IOException {
        return raw("POST /~/maf.example.com/mafBase HTTP/1.1\r\nHost: m\r\nX-M2M-RI: 1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (HttpPrimitiveTransport.MAX_BODY_BYTES + 1) + "\r\n\r\n{}");
    }

    @Test
    public void aBodyOverTheLimitIsRefusedWith4000_TS0004_6_6_3_5() throws IOException {
        String answer = postOverTheLimit();
        assertTrue(answer, answer.contains("X-M2M-RSC: 4000"));
        assertTrue(received.isEmpty());
    }

    @Test
    public void aBodyOverTheLimitClosesTheSession() throws IOException {
        String answer = postOverTheLimit();
        assertTrue(answer, answer.contains("Connection: close"));
    }

    @Test
    public void twoRequestsInOneWriteEachGetExactlyTheirContentLength() throws IOException {
        String first = "{\"a\":1}";
        String second = "{\"b\":22}";
        String answer = raw(post("rq-1", first, "") + post("rq-2", second, "Connection: close\r\n"));
        assertTrue(answer, answer.contains("X-M2M-RI: rq-1") && answer.contains("X-M2M-RI: rq-2"));
        assertEquals(2, received.size());
        assertEquals(first, received.get(0).content());
        assertEquals(second, received.get(1).content());
    }

    @Test
    public void aBodyCutShortOfItsContentLengthReachesNoHandler() throws IOException {
        String answer = raw("POST /~/maf.example.com/mafBase HTTP/1.1\r\nHost: m\r\nX-M2M-RI: 1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 20\r\n\r\n{\"a\":");
        assertTrue("the connection ends without a primitive: " + answer, received.isEmpty());
        assertTrue(answer, answer.isEmpty() || answer.contains("X-M2M-RSC: 4000"));
    }

    private static String post(String requestId, String body, String extraHeaders) {
        return "POST /~/maf.example.com/mafBase HTTP/1.1\r\nHost: m\r\nX-M2M-RI: " + requestId + "\r\nContent-Type: application/json\r\n"
                + extraHeaders + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    @Test
    public void aContentTypeOtherThanJsonIsUnsupportedMediaType_TS0004_6_6_3_5() throws IOException {
        // 4015, as the resource tree answers it: one media-type parser for both (org.example.onem2m.primitive.MediaTypes)
        String answer = raw("POST /~/maf.example.com/mafBase HTTP/1.1\r\nHost: m\r\nX-M2M-RI: 1\r\nContent-Type: application/xml\r\n"
                + "Content-Length: 2\r\nConnection: close\r\n\r\n<a");
        assertTrue(answer, answer.startsWith("HTTP/1.1 415"));
        assertTrue(answer, answer.contains("X-M2M-RSC: 4015"));
        assertTrue(answer, answer.contains("application/xml is not supported"));
    }

    @Test
    public void contentWithoutContentTypeIsUnsupportedMediaType_TS0004_6_6_3_5() throws IOException {
        String answer = raw("POST /~/maf.example.com/mafBase HTTP/1.1\r\nHost: m\r\nX-M2M-RI: 1\r\n"
                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
        assertTrue(answer, answer.contains("X-M2M-RSC: 4015"));
        assertTrue(answer, answer.contains("no Content-Type"));
    }

    @Test
    public void aPathOutsideTheSpRelativeFormIsNotFound_TS0009_6_2_2_2() throws IOException {
        String answer = raw("GET /maf.example.com/mafBase HTTP/1.1\r\nHost: m\r\nX-M2M-RI: 1\r\nConnection: close\r\n\r\n");
        assertTrue(answer, answer.contains("X-M2M-RSC: 4004"));
    }

    @Test
    public void theCredentialFetchIsTakenAsTheSpecWritesItAndInSpRelativeForm_TS0003_8_3_2_1() throws IOException {
        String answer = raw("GET /fetchCredentials/ab@mef.example.com/21 HTTP/1.1\r\nHost: m\r\nX-M2M-RI: 1\r\n\r\n"
                + "GET /~/fetchCredentials/ab@mef.example.com/21 HTTP/1.1\r\nHost: m\r\nX-M2M-RI: 2\r\nConnection: close\r\n\r\n");
        assertEquals(answer, 2, answer.split("X-M2M-RSC: 2000", -1).length - 1);
        assertEquals("/fetchCredentials/ab@mef.example.com/21", received.get(0).to());
        assertEquals("/fetchCredentials/ab@mef.example.com/21", received.get(1).to());
    }

    @Test
    public void garbageIsAnsweredWith4000_TS0004_6_6_3_5() throws IOException {
        String answer = raw("\u0001\u0002 not http at all\r\n\r\n");
        assertTrue(answer, answer.contains("X-M2M-RSC: 4000"));
    }
}
