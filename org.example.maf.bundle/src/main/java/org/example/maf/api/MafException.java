package org.example.maf.api;

/** A procedure the MAF refused, whose answer the client could not use, or that could not reach the MAF; see {@link #rsc()}. */
public class MafException extends Exception {
    private static final long serialVersionUID = 1L;
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
    private final int rsc;

    public MafException(int rsc, String message) {
        super(message);
        this.rsc = rsc;
    }

    public MafException(String message, Throwable cause) {
        super(message, cause);
        this.rsc = 0;
    }

    /** See the field's description: the MAF's RSC, 4000 or 5000 from the client, or 0 for no usable answer. */
    public int rsc() { return rsc; }
}
