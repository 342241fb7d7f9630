package org.example.tef.core;

import org.example.tef.api.wire.Rsc;

/** A procedure refused with a oneM2M status code and a message for the client's operator; nothing was changed. */
public final class Rejection extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Rsc rsc;

    public Rejection(Rsc rsc, String message) {
        super(message, null, false, false);
        this.rsc = rsc;
    }

    public static Rejection badRequest(String message) { return new Rejection(Rsc.BAD_REQUEST, message); }

    /** The status code the answer carries. */
    public Rsc rsc() { return rsc; }
}
