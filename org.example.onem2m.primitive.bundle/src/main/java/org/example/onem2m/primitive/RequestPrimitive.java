package org.example.onem2m.primitive;

import java.util.Objects;

/**
 * A oneM2M request primitive (TS-0004 7.2.1), independent of the binding: what the resource tree and the
 * trust-enabling functions are asked. {@code to} is SP-relative, e.g. {@code /in-cse/in-name/node1/ap1}
 * (structured), {@code /in-cse/mo-4f3a} (unstructured) or {@code /maf.example.com/mafBase/keys/4f3a...}.
 */
public final class RequestPrimitive {
    private final Operation operation;
    private final String to;
    private final String from;
    private final String requestId;
    private final Integer resourceType;
    private final String content;
    private final Integer resultContent;

    private RequestPrimitive(Builder b) {
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
    /** {@code to}: the SP-relative target. */
    public String to() { return to; }
    /** {@code fr}: the originator; null when the binding carried none. */
    public String from() { return from; }
    /** {@code rqi}; null when the binding carried none. */
    public String requestId() { return requestId; }
    /** {@code ty}: the type of the resource to create (CREATE only), or null. */
    public Integer resourceType() { return resourceType; }
    /** {@code pc}: the JSON content, or null. It may carry key values: never log it. */
    public String content() { return content; }
    /** {@code rcn}, or null for the operation's default. */
    public Integer resultContent() { return resultContent; }

    @Override
    public String toString() { return operation + " " + to + " rqi=" + requestId; }

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
        public RequestPrimitive build() { return new RequestPrimitive(this); }
    }
}
