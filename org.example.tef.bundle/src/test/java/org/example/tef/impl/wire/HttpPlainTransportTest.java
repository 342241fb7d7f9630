package org.example.tef.impl.wire;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.example.tef.api.wire.HttpRequestMessage;
import org.example.tef.api.wire.HttpResponseMessage;
import org.example.tef.api.wire.PrimitiveTransport;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Plain HTTP/1.1 in a session (tef.api.wire 2.1: serveHttp, httpClient), the framing the primitives use: several requests
 * per session, headers and bodies both ways, a handler failure answered 500, a body over the limit refused and the
 * session ended.
 */
public class HttpPlainTransportTest {
    private final HttpPrimitiveTransport transport = new HttpPrimitiveTransport();
    private final List<HttpRequestMessage> received = new CopyOnWriteArrayList<>();
    private OneSessionServer server;

    @Before
    public void listen() throws IOException {
        server = new OneSessionServer(s -> transport.serveHttp(s, (session, request) -> {
            received.add(request);
            if (request.path().equals("/boom")) throw new IllegalStateException("bug");
            return HttpResponseMessage.of(201, "application/octet-stream", request.body()).withHeader("X-Echo", request.target());
        }));
    }

    @After
    public void close() throws Exception {
        server.close();
    }

    private PrimitiveTransport.HttpClient connect() throws IOException {
        return transport.httpClient(server.connect());
    }

    @Test
    public void aRequestAndItsAnswerCrossWholeSeveralPerSession() throws IOException {
        byte[] body = new byte[20_000];
        for (int i = 0; i < body.length; i++) body[i] = (byte) i;
        try (PrimitiveTransport.HttpClient client = connect()) {
            for (int i = 0; i < 3; i++) {
                HttpResponseMessage answer = client.send(HttpRequestMessage.of("POST", "/x?n=" + i, body).withHeader("Content-Type", "application/pkcs10"));
                assertEquals(201, answer.status());
                assertEquals("/x?n=" + i, answer.header("x-echo").orElseThrow());
                assertEquals("application/octet-stream", answer.header("Content-Type").orElseThrow());
                assertArrayEquals(body, answer.body());
            }
        }
        assertEquals(3, received.size());
        assertEquals("/x", received.get(0).path());
        assertEquals("application/pkcs10", received.get(0).header("content-type").orElseThrow());
        assertTrue("the framing's own fields are not handed on", received.get(0).header("Content-Length").isEmpty());
    }

    @Test
    public void aHandlerFailureIsAnswered500AndTheSessionGoesOn() throws IOException {
        try (PrimitiveTransport.HttpClient client = connect()) {
            HttpResponseMessage failed = client.send(HttpRequestMessage.of("GET", "/boom", null));
            assertEquals(500, failed.status());
            assertTrue(failed.header("Content-Type").orElseThrow().startsWith("text/plain"));
            assertEquals(201, client.send(HttpRequestMessage.of("GET", "/fine", null)).status());
        }
    }

    @Test
    public void aBodyOverTheLimitIsRefused413AndEndsTheSession() throws IOException {
        try (Socket s = server.socket()) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /x HTTP/1.1\r\nHost: m\r\nContent-Length: " + (HttpFraming.MAX_BODY_BYTES + 1) + "\r\n\r\n{}")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer, answer.startsWith("HTTP/1.1 413"));
            assertTrue(answer, answer.contains("Connection: close"));
            assertTrue(answer, answer.contains("larger than"));
        }
        assertTrue(received.isEmpty());
    }
}
