package org.example.mgmtobj.api;

import java.util.Objects;

/** A oneM2M response primitive (TS-0004 7.2.2): status code, content and, after CREATE, the new resource's ID. */
public final class ResourceResponse {
    private final ResponseStatusCode status;
    private final String requestId;
    private final String content;
    private final String createdResourceId;

    public ResourceResponse(ResponseStatusCode status, String requestId, String content, String createdResourceId) {
        this.status = Objects.requireNonNull(status);
        this.requestId = requestId;
        this.content = content;
        this.createdResourceId = createdResourceId;
    }

    public ResponseStatusCode status() { return status; }
    /** {@code rqi}, echoed from the request. */
    public String requestId() { return requestId; }
    /** The JSON content: a representation, or {@code {"m2m:dbg": "<why>"}} for an error. */
    public String content() { return content; }
    /** The resource ID of the created resource (CREATE only), SP-relative, for {@code Content-Location}. */
    public String createdResourceId() { return createdResourceId; }

    @Override
    public String toString() { return status + " (" + status.code() + ") " + (content == null ? "" : content); }
}
