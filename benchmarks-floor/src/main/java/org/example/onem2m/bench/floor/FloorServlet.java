package org.example.onem2m.bench.floor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The HTTP floor of the resource-tree figures: GET /floor answers 200 with the 2-byte body {@code ok}, nothing
 * else; POST /floor reads the request body (its Content-Length) and answers 201 with the headers and a body the size
 * of a CREATE's answer, fixed, parsing nothing: what a write costs on this HTTP service before any oneM2M work.
 * Registered on the same Felix HTTP service (Jetty, whiteboard) as the resource tree's servlet, so a request to it pays
 * the connector, the whiteboard's dispatch and the response writing, and nothing of oneM2M.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/floor")
@HttpWhiteboardServletName("onem2m-bench-floor")
public final class FloorServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final byte[] BODY = {'o', 'k'};
    /** The size and shape of the resource tree's answer to a CREATE of a dataCollection (about 230 bytes). */
    private static final byte[] CREATED = ("{\"dcfg:datc\":{\"rn\":\"k0000000\",\"mgd\":1021,\"cntp\":\"/in-cse/in-name/ae/cnt\","
            + "\"et\":\"20301201T000000\",\"ty\":13,\"ri\":\"mgo0d0377f90000\",\"pi\":\"nod0d0377f90000\","
            + "\"ct\":\"20261201T000000\",\"lt\":\"20261201T000000\"}}").getBytes(StandardCharsets.UTF_8);

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType("text/plain");
        resp.setContentLength(BODY.length);
        resp.getOutputStream().write(BODY);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int length = (int) req.getContentLengthLong();
        try (InputStream in = req.getInputStream()) {
            if (length >= 0) in.readNBytes(length);
            else in.readAllBytes();
        }
        writeCreated(req, resp);
    }

    /** The canned answer of both POST floors. */
    static void writeCreated(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setStatus(HttpServletResponse.SC_CREATED);
        resp.setHeader("X-M2M-RSC", "2001");
        String ri = req.getHeader("X-M2M-RI");
        if (ri != null) resp.setHeader("X-M2M-RI", ri);
        resp.setHeader("Content-Location", "/in-cse/mgo0d0377f90000");
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setContentLength(CREATED.length);
        resp.getOutputStream().write(CREATED);
    }
}
