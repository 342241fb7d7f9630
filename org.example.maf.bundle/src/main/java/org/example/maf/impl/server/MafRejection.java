package org.example.maf.impl.server;

import org.example.onem2m.primitive.PrimitiveException;
import org.example.onem2m.primitive.ResponseStatusCode;

/** A procedure refused with a oneM2M status code and a message for the client's operator; nothing was changed. */
final class MafRejection extends PrimitiveException {
    private static final long serialVersionUID = 1L;

    MafRejection(ResponseStatusCode rsc, String message) {
        super(rsc, message);
    }

    static MafRejection badRequest(String message) { return new MafRejection(ResponseStatusCode.BAD_REQUEST, message); }
}
