package org.example.mgmtobj.impl.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * One HTTP exchange with the servlet, without a container: the request and response are dynamic proxies
 * that answer the few methods the binding uses (a fake for each of the 70-odd servlet methods would bury
 * the tests).
 */
final class ServletExchange {
    final Map<String, String> requestHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Map<String, String> parameters = new HashMap<>();
    final Map<String, String> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final ByteArrayOutputStream responseBody = new ByteArrayOutputStream();
    String method;
    String pathInfo;
    byte[] body = new byte[0];
    /** the Content-Length the request announces; null: the body's length, -1: none (chunked) */
    Long contentLength;
    int status;
    String responseContentType;

    ServletExchange(String method, String pathInfo) {
        this.method = method;
        this.pathInfo = pathInfo;
    }

    /** The path as the client sent it (getRequestURI), when the container's path info is not just it without "/~". */
    String rawPath;
    ServletExchange rawPath(String sent) { rawPath = sent; return this; }
    ServletExchange header(String name, String value) { requestHeaders.put(name, value); return this; }
    ServletExchange parameter(String name, String value) { parameters.put(name, value); return this; }
    /** A query string whose parameters the container cannot decode: getParameter throws, as Jetty's does for %ZZ. */
    RuntimeException undecodableQuery;
    ServletExchange undecodableQuery(RuntimeException containersException) { undecodableQuery = containersException; return this; }
    ServletExchange body(byte[] bytes) { body = bytes.clone(); return this; }
    ServletExchange body(String text) { body = text.getBytes(StandardCharsets.UTF_8); return this; }
    /** Announces {@code length} as the Content-Length (-1: none, as a chunked request) whatever the body holds. */
    ServletExchange contentLength(long length) { contentLength = length; return this; }
    /** A body shorter than its Content-Length ends with -1, as a container other than Jetty may end it, not with an error. */
    boolean quietEnd;
    ServletExchange endingQuietly() { quietEnd = true; return this; }

    String responseText() { return responseBody.toString(StandardCharsets.UTF_8); }

    HttpServletRequest request() {
        return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "getMethod": return method;
                        case "getPathInfo": return pathInfo;
                        case "getRequestURI": return rawPath != null ? rawPath : "/~" + pathInfo;
                        case "getHeader": return requestHeaders.get((String) args[0]);
                        case "getContentType": return requestHeaders.get("Content-Type");
                        case "getParameter":
                            if (undecodableQuery != null) throw undecodableQuery;
                            return parameters.get((String) args[0]);
                        case "getContentLengthLong": return contentLength != null ? contentLength : (long) body.length;
                        case "getInputStream": return input(body, !quietEnd && contentLength != null && contentLength > body.length);
                        default: throw new UnsupportedOperationException(m.getName());
                    }
                });
    }

    HttpServletResponse response() {
        return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "setStatus": status = (Integer) args[0]; return null;
                        case "setHeader": responseHeaders.put((String) args[0], (String) args[1]); return null;
                        case "setContentType": responseContentType = (String) args[0]; return null;
                        case "setCharacterEncoding":
                        case "setContentLength": return null;
                        case "getOutputStream": return output(responseBody);
                        default: throw new UnsupportedOperationException(m.getName());
                    }
                });
    }

    /** As Jetty's: a body that ends before the Content-Length announced throws "Early EOF" (an EofException). */
    private static ServletInputStream input(byte[] bytes, boolean endsEarly) {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        return new ServletInputStream() {
            @Override public int read() throws java.io.IOException { return atEnd(in.read()); }
            @Override public int read(byte[] b, int off, int len) throws java.io.IOException { return atEnd(in.read(b, off, len)); }
            private int atEnd(int n) throws java.io.IOException {
                if (n < 0 && endsEarly) throw new java.io.EOFException("Early EOF");
                return n;
            }
            @Override public boolean isFinished() { return in.available() == 0; }
            @Override public boolean isReady() { return true; }
            @Override public void setReadListener(ReadListener listener) { throw new UnsupportedOperationException(); }
        };
    }

    private static ServletOutputStream output(ByteArrayOutputStream out) {
        return new ServletOutputStream() {
            @Override public void write(int b) { out.write(b); }
            @Override public boolean isReady() { return true; }
            @Override public void setWriteListener(WriteListener listener) { throw new UnsupportedOperationException(); }
        };
    }
}
