package org.example.maf.api;

/** A procedure the MAF refused (with its oneM2M response status code) or that could not reach the MAF. */
public class MafException extends Exception {
    private static final long serialVersionUID = 1L;
    /** The RSC of the MAF's answer, or 0 when there was none (handshake or connection failure). */
    private final int rsc;

    public MafException(int rsc, String message) {
        super(message);
        this.rsc = rsc;
    }

    public MafException(String message, Throwable cause) {
        super(message, cause);
        this.rsc = 0;
    }

    public int rsc() { return rsc; }
}
