package org.example.onem2m.primitive;

import java.util.Objects;

/**
 * A request refused with a oneM2M status code and a message for the originator's operator; whoever throws it has
 * changed nothing. It carries no stack trace: it is an answer, not a fault.
 */
public class PrimitiveException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ResponseStatusCode status;

    public PrimitiveException(ResponseStatusCode status, String message) {
        super(message, null, false, false);
        this.status = Objects.requireNonNull(status, "status");
    }

    public ResponseStatusCode status() { return status; }

    /** The answer to the request with identifier {@code requestId}. */
    public ResponsePrimitive toResponse(String requestId) {
        return ResponsePrimitive.error(status, requestId, getMessage());
    }
}
