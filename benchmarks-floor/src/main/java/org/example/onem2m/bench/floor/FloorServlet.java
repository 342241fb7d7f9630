package org.example.onem2m.bench.floor;

import java.io.IOException;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The HTTP floor of the resource-tree figures: GET /floor answers 200 with the 2-byte body {@code ok}, nothing
 * else. Registered on the same Felix HTTP service (Jetty, whiteboard) as the resource tree's servlet, so a request
 * to it pays the connector, the whiteboard's dispatch and the response writing, and nothing of oneM2M.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/floor")
@HttpWhiteboardServletName("onem2m-bench-floor")
public final class FloorServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final byte[] BODY = {'o', 'k'};

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType("text/plain");
        resp.setContentLength(BODY.length);
        resp.getOutputStream().write(BODY);
    }
}
