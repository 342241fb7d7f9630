package org.example.mgmtobj.impl.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.example.mgmtobj.api.Operation;
import org.example.mgmtobj.api.ResourceRequest;
import org.example.mgmtobj.api.ResourceResponse;
import org.example.mgmtobj.api.ResourceTree;
import org.example.mgmtobj.api.ResponseStatusCode;
import org.example.mgmtobj.impl.ResourceTreeConfiguration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.google.gson.JsonObject;

/**
 * The oneM2M HTTP binding (TS-0009) of the resource tree, at the {@code /~/} (SP-relative) paths OM2M uses.
 * It maps methods and headers to a request primitive and back; every decision about the request itself is
 * the {@link ResourceTree}'s.
 */
@Component(service = Servlet.class, configurationPid = ResourceTreeConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@HttpWhiteboardServletPattern("/~/*")
@HttpWhiteboardServletName("onem2m-resource-tree")
public final class ResourceTreeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String JSON = "application/json";
    static final String ONEM2M_JSON = "application/vnd.onem2m-res+json";

    private final transient ResourceTree tree;
    private final int maxRequestBytes;

    @Activate
    public ResourceTreeServlet(@Reference ResourceTree tree, ResourceTreeConfiguration config) {
        this.tree = tree;
        this.maxRequestBytes = config.maxRequestBytes();
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String requestId = req.getHeader("X-M2M-RI");
        String responseType = responseType(req.getHeader("Accept"));
        try {
            Operation operation = operation(req.getMethod());
            if (requestId == null || requestId.isBlank()) throw new BindingError(ResponseStatusCode.BAD_REQUEST,
                    "the request has no request identifier (X-M2M-RI)");
            if (responseType == null) throw new BindingError(ResponseStatusCode.NOT_ACCEPTABLE,
                    "this CSE answers only in JSON (" + JSON + " or " + ONEM2M_JSON + ")");
            if (req.getParameter("fu") != null && !"2".equals(req.getParameter("fu"))) throw new BindingError(
                    ResponseStatusCode.NOT_IMPLEMENTED, "discovery (fu=1) is not supported; list children with rcn=4, 5 or 6");
            ResourceRequest.Builder primitive = ResourceRequest.of(operation, req.getPathInfo() == null ? "/" : req.getPathInfo())
                    .from(req.getHeader("X-M2M-Origin")).requestId(requestId).resultContent(intParameter(req, "rcn"));
            if (operation == Operation.CREATE || operation == Operation.UPDATE) {
                Integer ty = contentTypeTy(req.getContentType());
                if (operation == Operation.CREATE) primitive.resourceType(ty);
                primitive.content(body(req));
            }
            write(resp, tree.handle(primitive.build()), req, responseType);
        } catch (BindingError e) {
            JsonObject dbg = new JsonObject();
            dbg.addProperty("m2m:dbg", e.getMessage());
            write(resp, new ResourceResponse(e.status, requestId, dbg.toString(), null), req, responseType == null ? JSON : responseType);
        }
    }

    private static Operation operation(String method) {
        switch (method) {
            case "POST": return Operation.CREATE;
            case "GET": return Operation.RETRIEVE;
            case "PUT": return Operation.UPDATE;
            case "DELETE": return Operation.DELETE;
            default: throw new BindingError(ResponseStatusCode.OPERATION_NOT_ALLOWED,
                    "HTTP method " + method + " has no oneM2M operation; use POST, GET, PUT or DELETE (TS-0009 6.2.1)");
        }
    }

    /** {@code application/json;ty=13} or {@code application/vnd.onem2m-res+json; ty=13}: the type parameter is the {@code ty} of a CREATE. */
    private static Integer contentTypeTy(String contentType) {
        if (contentType == null) throw new BindingError(ResponseStatusCode.UNSUPPORTED_MEDIA_TYPE,
                "the request has no Content-Type; send " + JSON + ";ty=<resourceType>");
        String[] parts = contentType.split(";");
        String media = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!media.equals(JSON) && !media.equals(ONEM2M_JSON)) throw new BindingError(ResponseStatusCode.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type " + media + " is not supported; send " + JSON + " or " + ONEM2M_JSON);
        Integer ty = null;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].trim().split("=", 2);
            if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("ty")) {
                try {
                    ty = Integer.valueOf(kv[1].trim());
                } catch (NumberFormatException e) {
                    throw new BindingError(ResponseStatusCode.BAD_REQUEST, "the ty parameter of Content-Type must be a number, not '" + kv[1].trim() + "'");
                }
            }
        }
        return ty;
    }

    private String body(HttpServletRequest req) throws IOException {
        if (req.getContentLengthLong() > maxRequestBytes) throw tooLarge();
        try (InputStream in = req.getInputStream()) {
            byte[] bytes = in.readNBytes(maxRequestBytes + 1);
            if (bytes.length > maxRequestBytes) throw tooLarge();
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private BindingError tooLarge() {
        return new BindingError(ResponseStatusCode.BAD_REQUEST, "the request body is larger than " + maxRequestBytes
                + " bytes (maxRequestBytes)");
    }

    private static Integer intParameter(HttpServletRequest req, String name) {
        String value = req.getParameter(name);
        if (value == null) return null;
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new BindingError(ResponseStatusCode.BAD_REQUEST, "query parameter " + name + " must be a number, not '" + value + "'");
        }
    }

    /** The JSON media type to answer with, or null when the client accepts neither. */
    private static String responseType(String accept) {
        if (accept == null || accept.isBlank()) return JSON;
        String lower = accept.toLowerCase(Locale.ROOT);
        if (lower.contains(ONEM2M_JSON)) return ONEM2M_JSON;
        if (lower.contains(JSON) || lower.contains("*/*") || lower.contains("application/*")) return JSON;
        return null;
    }

    private static void write(HttpServletResponse resp, ResourceResponse response, HttpServletRequest req, String type) throws IOException {
        resp.setStatus(response.status().httpStatus());
        resp.setHeader("X-M2M-RSC", String.valueOf(response.status().code()));
        if (response.requestId() != null) resp.setHeader("X-M2M-RI", response.requestId());
        if (req.getHeader("X-M2M-RVI") != null) resp.setHeader("X-M2M-RVI", req.getHeader("X-M2M-RVI"));
        if (response.createdResourceId() != null) resp.setHeader("Content-Location", response.createdResourceId());
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

    /** A request the binding itself refuses before it becomes a primitive. */
    private static final class BindingError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final ResponseStatusCode status;

        BindingError(ResponseStatusCode status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
