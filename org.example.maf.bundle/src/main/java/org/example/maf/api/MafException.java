package org.example.maf.api;

import org.example.tef.client.TefException;

/**
 * A procedure the MAF refused, whose answer the client could not use, or that could not reach the MAF; see
 * {@link #rsc()}. It is a {@link TefException}, as a MEF Client's exceptions are, so that code serving both catches one type.
 */
public class MafException extends TefException {
    private static final long serialVersionUID = 1L;

    public MafException(int rsc, String message) {
        super(rsc, message);
    }

    public MafException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A oneM2M response status code (TS-0004 6.6.3) or 0:
     * <ul>
     * <li>the MAF's own RSC when it refused the procedure (4103, 4004, ...);</li>
     * <li>4000 BAD_REQUEST when the client refused to send a request it cannot form (a malformed identifier);</li>
     * <li>5000 INTERNAL_SERVER_ERROR when the MAF answered but the answer is not what the procedure answers (not
     * JSON, an attribute missing or malformed, another success status, no or an unknown X-M2M-RSC, not HTTP): a
     * receiver error (a MAF that fails internally answers 5000 itself; the message tells the two apart);</li>
     * <li>0 when there was no answer: the handshake or the connection failed, or the session closed first.</li>
     * </ul>
     */
    @Override
    public int rsc() { return super.rsc(); }
}
