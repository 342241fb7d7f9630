package org.example.mgmtobj.api;

import java.util.Objects;

/**
 * A oneM2M request primitive addressed to the resource tree (TS-0004 7.2.1), independent of the binding.
 * {@code to} is SP-relative: {@code /{cse-id}/{cse-name}/{node}/{mgmtObj}} (structured) or
 * {@code /{cse-id}/{resourceID}} (unstructured).
 */
public final class ResourceRequest {
    private final Operation operation;
    private final String to;
    private final String from;
    private final String requestId;
    private final Integer resourceType;
    private final String content;
    private final Integer resultContent;

    private ResourceRequest(Builder b) {
        this.operation = Objects.requireNonNull(b.operation, "operation");
        this.to = Objects.requireNonNull(b.to, "to");
        this.from = b.from;
        this.requestId = b.requestId;
        this.resourceType = b.resourceType;
        this.content = b.content;
        this.resultContent = b.resultContent;
    }

    public static Builder of(Operation operation, String to) { return new Builder(operation, to); }

    public Operation operation() { return operation; }
    public String to() { return to; }
    /** {@code fr}: the originator; null when the binding carried none. */
    public String from() { return from; }
    /** {@code rqi}. */
    public String requestId() { return requestId; }
    /** {@code ty}: the type of the resource to create (CREATE only). */
    public Integer resourceType() { return resourceType; }
    /** {@code pc}: the JSON content, or null. */
    public String content() { return content; }
    /** {@code rcn}, or null for the operation's default. */
    public Integer resultContent() { return resultContent; }

    public static final class Builder {
        private final Operation operation;
        private final String to;
        private String from;
        private String requestId;
        private Integer resourceType;
        private String content;
        private Integer resultContent;

        private Builder(Operation operation, String to) {
            this.operation = operation;
            this.to = to;
        }

        public Builder from(String originator) { this.from = originator; return this; }
        public Builder requestId(String rqi) { this.requestId = rqi; return this; }
        public Builder resourceType(Integer ty) { this.resourceType = ty; return this; }
        public Builder content(String json) { this.content = json; return this; }
        public Builder resultContent(Integer rcn) { this.resultContent = rcn; return this; }
        public ResourceRequest build() { return new ResourceRequest(this); }
    }
}
