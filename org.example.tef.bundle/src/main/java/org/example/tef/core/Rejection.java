package org.example.tef.core;

import org.example.onem2m.primitive.PrimitiveException;
import org.example.onem2m.primitive.ResponseStatusCode;

/** A procedure refused with a oneM2M status code and a message for the client's operator; nothing was changed. */
public final class Rejection extends PrimitiveException {
    private static final long serialVersionUID = 1L;

    public Rejection(ResponseStatusCode status, String message) {
        super(status, message);
    }

    public static Rejection badRequest(String message) { return new Rejection(ResponseStatusCode.BAD_REQUEST, message); }
}
