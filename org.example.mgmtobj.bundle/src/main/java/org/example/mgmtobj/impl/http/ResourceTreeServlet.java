package org.example.mgmtobj.impl.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.mgmtobj.api.ResourceTree;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.mgmtobj.impl.ResourceTreeConfiguration;
import org.example.onem2m.primitive.MediaTypes;
import org.example.onem2m.primitive.PrimitiveException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.http.whiteboard.annotations.RequireHttpWhiteboard;


/**
 * The oneM2M HTTP binding (TS-0009) of the resource tree, at the SP-relative paths under the configured
 * {@link ResourceTreeConfiguration#servletPattern() servletPattern} ({@code /~/*} by default, as OM2M's own binding;
 * {@code /tef/~/*} when installed beside OM2M). The container strips the pattern's prefix: the path info is the
 * target ({@code /{cseId}/{cseName}/...}). It maps methods and headers to a request primitive and back; every
 * decision about the request itself is the {@link ResourceTree}'s.
 * <p>
 * The component registers the servlet itself, with the configured pattern, on the HTTP Whiteboard (a pattern in an
 * annotation would be fixed at build time); a changed configuration re-activates it under the new pattern.
 */
@Component(service = {}, immediate = true, configurationPid = ResourceTreeConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@RequireHttpWhiteboard
public final class ResourceTreeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String SERVLET_NAME = "onem2m-resource-tree";

    private final transient ResourceTree tree;
    private final int maxRequestBytes;
    private final String pattern;
    private transient ServiceRegistration<Servlet> registration;

    public ResourceTreeServlet(ResourceTree tree, ResourceTreeConfiguration config) {
        this.tree = tree;
        this.maxRequestBytes = config.maxRequestBytes();
        this.pattern = pattern(config.servletPattern());
    }

    @Activate
    public ResourceTreeServlet(@Reference ResourceTree tree, ResourceTreeConfiguration config, BundleContext context) {
        this(tree, config);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, pattern);
        properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, SERVLET_NAME);
        registration = context.registerService(Servlet.class, this, properties);
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping: the framework unregistered it already
        }
    }

    /** A path prefix ending in {@code /*}: anything else would leave the servlet without a path info to route by. */
    static String pattern(String configured) {
        String value = configured == null ? "" : configured.trim();
        if (!value.startsWith("/") || !value.endsWith("/*") || value.indexOf('*') != value.length() - 1) {
            throw new IllegalArgumentException("servletPattern must be a path prefix that starts with / and ends with /* "
                    + "(such as /~/* or /tef/~/*), not '" + configured + "'");
        }
        return value;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String requestId = req.getHeader("X-M2M-RI");
        String responseType = MediaTypes.responseType(req.getHeader("Accept"));
        try {
            Operation operation = Operation.ofHttpMethod(req.getMethod());
            if (requestId == null || requestId.isBlank()) throw new PrimitiveException(ResponseStatusCode.BAD_REQUEST,
                    "the request has no request identifier (X-M2M-RI)");
            if (responseType == null) throw new PrimitiveException(ResponseStatusCode.NOT_ACCEPTABLE,
                    "this CSE answers only in JSON (" + MediaTypes.JSON + " or " + MediaTypes.ONEM2M_JSON + ")");
            String fu = parameter(req, "fu"); // each look-up rebuilds the HTTP service's parameter map
            if (fu != null && !"2".equals(fu)) throw new PrimitiveException(
                    ResponseStatusCode.NOT_IMPLEMENTED, "discovery (fu=1) is not supported; list children with rcn=4, 5 or 6");
            checkRawPath(req.getRequestURI());
            RequestPrimitive.Builder primitive = RequestPrimitive.of(operation, req.getPathInfo() == null ? "/" : req.getPathInfo())
                    .from(req.getHeader("X-M2M-Origin")).requestId(requestId).resultContent(intParameter(req, "rcn"));
            if (operation == Operation.CREATE || operation == Operation.UPDATE) {
                // On an UPDATE the tree refuses a ty that is not the target's type rather than ignore it
                primitive.resourceType(MediaTypes.resourceType(req.getContentType()));
                primitive.content(body(req));
            }
            write(resp, tree.handle(primitive.build()), req, responseType);
        } catch (PrimitiveException e) {
            write(resp, e.toResponse(requestId), req, responseType == null ? MediaTypes.JSON : responseType);
        }
    }

    private String body(HttpServletRequest req) {
        long declared = req.getContentLengthLong();
        if (declared > maxRequestBytes) throw tooLarge();
        try {
            return read(req, declared);
        } catch (IOException e) { // Jetty: "Early EOF" when the client ends its side before Content-Length bytes came
            throw new PrimitiveException(ResponseStatusCode.BAD_REQUEST, "the request body could not be read whole"
                    + (declared >= 0 ? " (Content-Length " + declared + ")" : "") + ": " + e.getMessage());
        }
    }

    private String read(HttpServletRequest req, long declared) throws IOException {
        try (InputStream in = req.getInputStream()) {
            if (declared >= 0) {
                // Content-Length known (every client measured sends it): read that much into an array of that size.
                // readNBytes(limit) allocated an 8 KB buffer per request, a fifth of a CREATE's allocation (JFR).
                byte[] bytes = in.readNBytes((int) declared);
                if (bytes.length < declared) throw new PrimitiveException(ResponseStatusCode.BAD_REQUEST, "the request body ended after " + bytes.length
                        + " of the " + declared + " bytes its Content-Length announced");
                return utf8(bytes);
            }
            byte[] bytes = in.readNBytes(maxRequestBytes + 1); // chunked: read up to the limit
            if (bytes.length > maxRequestBytes) throw tooLarge();
            return utf8(bytes);
        }
    }

    /** oneM2M JSON is UTF-8 (RFC 8259 8.1): bytes that are not are refused, not replaced by U+FFFD and stored. */
    private static String utf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new PrimitiveException(ResponseStatusCode.BAD_REQUEST, "the request body is not valid UTF-8 text (RFC 8259 8.1)");
        }
    }

    private PrimitiveException tooLarge() {
        return new PrimitiveException(ResponseStatusCode.BAD_REQUEST, "the request body is larger than " + maxRequestBytes
                + " bytes (maxRequestBytes)");
    }

    /**
     * The path as sent, before the container decoded and normalised it into the path info: a dot-segment (RFC 3986
     * 5.2.4) or a path parameter (';', Servlet 4.0 3.5) would make the path info name another resource than the one the
     * client wrote (DELETE .../dev1/nosuch/.. reached dev1 and its subtree), and an encoded '/' one that has no such
     * name. The tree addresses resources by name only; such paths are refused, whatever the container would do with them.
     */
    static void checkRawPath(String rawPath) {
        if (rawPath == null) return;
        // the usual path has none of these: no split, no copy (it runs before every RETRIEVE, figure 9)
        if (rawPath.indexOf('.') < 0 && rawPath.indexOf(';') < 0 && rawPath.indexOf('%') < 0) return;
        for (String segment : rawPath.split("/", -1)) {
            String lower = segment.toLowerCase(java.util.Locale.ROOT);
            String dots = lower.replace("%2e", "."); // a dot written as an escape is a dot to the container
            String why = null;
            if (dots.equals(".") || dots.equals("..")) why = "a dot-segment (RFC 3986 5.2.4), which would address another resource";
            else if (segment.indexOf(';') >= 0) why = "a ';' (a path parameter the container would cut off, Servlet 4.0 3.5)";
            else if (lower.contains("%2f") || lower.contains("%5c")) why = "an encoded '/' or '\\', which no resource name holds";
            if (why != null) throw new PrimitiveException(ResponseStatusCode.BAD_REQUEST, "the path has " + why
                    + " in the segment '" + segment + "'; address a resource by its names or its resourceID");
        }
    }

    /**
     * A query parameter, or BAD_REQUEST when the container cannot decode the query string (Jetty throws a
     * BadMessageException for an escape such as %ZZ, which would otherwise reach the client as a 500 page).
     */
    private static String parameter(HttpServletRequest req, String name) {
        try {
            return req.getParameter(name);
        } catch (RuntimeException e) {
            throw new PrimitiveException(ResponseStatusCode.BAD_REQUEST, "the request's parameters (its query string, or a form"
                    + " body) could not be decoded: escape each reserved character as % and two hex digits");
        }
    }

    private static Integer intParameter(HttpServletRequest req, String name) {
        String value = parameter(req, name);
        if (value == null) return null;
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new PrimitiveException(ResponseStatusCode.BAD_REQUEST, "query parameter " + name + " must be a number, not '" + value + "'");
        }
    }

    private static void write(HttpServletResponse resp, ResponsePrimitive response, HttpServletRequest req, String type) throws IOException {
        resp.setStatus(response.status().httpStatus());
        resp.setHeader("X-M2M-RSC", String.valueOf(response.status().code()));
        if (response.requestId() != null) resp.setHeader("X-M2M-RI", response.requestId());
        if (req.getHeader("X-M2M-RVI") != null) resp.setHeader("X-M2M-RVI", req.getHeader("X-M2M-RVI"));
        if (response.location() != null) resp.setHeader("Content-Location", response.location());
        if (response.content() != null) {
            byte[] body = response.content().getBytes(StandardCharsets.UTF_8);
            resp.setContentType(type);
            resp.setCharacterEncoding("UTF-8");
            resp.setContentLength(body.length);
            resp.getOutputStream().write(body);
        } else {
            resp.setContentLength(0);
        }
    }
}
