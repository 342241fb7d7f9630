package org.example.tef.client;

/**
 * A procedure the MAF or MEF refused, whose answer the client could not use, or that could not reach it; see
 * {@link #rsc()}. The MAF's and the MEF's client exceptions extend it, so that code serving both catches one type.
 */
public class TefException extends Exception {
    private static final long serialVersionUID = 1L;
    /**
     * A oneM2M response status code (TS-0004 6.6.3) or 0:
     * <ul>
     * <li>the function's own RSC when it refused the procedure (4103, 4004, ...);</li>
     * <li>4000 BAD_REQUEST when the client refused to send a request it cannot form (a malformed identifier);</li>
     * <li>5000 INTERNAL_SERVER_ERROR when the function answered but the answer is not what the procedure answers (not
     * JSON, an attribute missing or malformed, another success status, no or an unknown X-M2M-RSC, not HTTP): a
     * receiver error (a function that fails internally answers 5000 itself; the message tells the two apart);</li>
     * <li>0 when there was no answer: the handshake or the connection failed, or the session closed first.</li>
     * </ul>
     */
    private final int rsc;

    public TefException(int rsc, String message) {
        super(message);
        this.rsc = rsc;
    }

    /** No answer (status 0), for the reason {@code cause} gives. */
    public TefException(String message, Throwable cause) {
        super(message, cause);
        this.rsc = 0;
    }

    public TefException(int rsc, String message, Throwable cause) {
        super(message, cause);
        this.rsc = rsc;
    }

    /** See the field's description: the function's RSC, 4000 or 5000 from the client, or 0 for no usable answer. */
    public int rsc() { return rsc; }

    /**
     * Makes a function's own exception for a failure of a shared procedure, so that a MAF Client throws its
     * MafException and a MEF Client its MefException, with the status code, message and cause the core chose.
     */
    @FunctionalInterface
    public interface Factory<E extends TefException> {
        /** @param cause what failed underneath, or null */
        E create(int rsc, String message, Throwable cause);
    }
}
