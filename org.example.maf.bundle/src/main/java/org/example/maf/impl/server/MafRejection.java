package org.example.maf.impl.server;

import org.example.tef.api.wire.Rsc;

/** A procedure refused with a oneM2M status code and a message for the client's operator; nothing was changed. */
final class MafRejection extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final Rsc rsc;

    MafRejection(Rsc rsc, String message) {
        super(message, null, false, false);
        this.rsc = rsc;
    }

    static MafRejection badRequest(String message) { return new MafRejection(Rsc.BAD_REQUEST, message); }
}
