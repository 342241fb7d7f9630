package org.example.mef.impl.est;

/**
 * An enrolment request refused, with the HTTP status an EST error response (RFC 7030 4.2.3) would carry: 400 for a
 * CSR that is malformed or does not follow the CSR profile of TS-0003 10.1.4, 403 for a CSR asking for a subject that
 * is not the one the client is authorised for (TS-0003 8.3.6.2: the certSubjectID the MEF assigned).
 */
public final class EstRefusal extends Exception {
    private static final long serialVersionUID = 1L;

    public static final int BAD_REQUEST = 400;
    public static final int FORBIDDEN = 403;

    private final int httpStatus;

    public EstRefusal(int httpStatus, String message) {
        super(message);
        if (httpStatus != BAD_REQUEST && httpStatus != FORBIDDEN)
            throw new IllegalArgumentException("an EST refusal is 400 or 403, not " + httpStatus);
        this.httpStatus = httpStatus;
    }

    public EstRefusal(int httpStatus, String message, Throwable cause) {
        this(httpStatus, message);
        initCause(cause);
    }

    /** 400 (bad CSR) or 403 (subject not authorised). */
    public int httpStatus() {
        return httpStatus;
    }
}
