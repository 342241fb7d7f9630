package org.example.mgmtobj.impl.schema;

import org.example.onem2m.primitive.ResponseStatusCode;

/** A request refused with a oneM2M status code and a message meant for the operator who sent it. */
public final class Rejection extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ResponseStatusCode status;

    public Rejection(ResponseStatusCode status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static Rejection badRequest(String message) {
        return new Rejection(ResponseStatusCode.BAD_REQUEST, message);
    }

    public ResponseStatusCode status() { return status; }
}
