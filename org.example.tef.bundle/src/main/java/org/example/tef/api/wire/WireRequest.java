package org.example.tef.api.wire;

import java.util.Objects;

/** A request primitive (TS-0004 7.2.1): operation, target, originator, request ID, resource type, JSON content. */
public final class WireRequest {
    private final Operation operation;
    private final String to;
    private final String from;
    private final String requestId;
    private final Integer resourceType;
    private final String content;

    public WireRequest(Operation operation, String to, String from, String requestId, Integer resourceType, String content) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.to = Objects.requireNonNull(to, "to");
        this.from = from;
        this.requestId = Objects.requireNonNull(requestId, "requestId");
        this.resourceType = resourceType;
        this.content = content;
        if (!to.startsWith("/")) throw new IllegalArgumentException("'to' is an absolute path such as /maf.example.com/mafBase, not " + to);
    }

    public Operation operation() { return operation; }
    /** The SP-relative target, e.g. {@code /maf.example.com/mafBase/keys/4f3a...}. */
    public String to() { return to; }
    /** X-M2M-Origin: informational here, the TLS identity is who the client is. */
    public String from() { return from; }
    public String requestId() { return requestId; }
    public Integer resourceType() { return resourceType; }
    /** JSON text, or null. */
    public String content() { return content; }

    @Override
    public String toString() { return operation + " " + to + " rqi=" + requestId; }
}
