package org.example.mef.impl.est;

/**
 * An enrolment request refused, with the HTTP status an EST error response (RFC 7030 4.2.3) would carry: 400 for a
 * CSR that is malformed or does not follow the CSR profile of TS-0003 10.1.4, 403 for a CSR asking for a subject that
 * is not the one the client is authorised for (TS-0003 8.3.6.2: the certSubjectID the MEF assigned) or a request the
 * client may not make, 415 for a body that is not the media type the operation takes.
 */
public final class EstRefusal extends Exception {
    private static final long serialVersionUID = 1L;

    public static final int BAD_REQUEST = 400;
    public static final int FORBIDDEN = 403;
    /** The request's body is not of the media type the operation takes (RFC 9110 15.5.16). */
    public static final int UNSUPPORTED_MEDIA_TYPE = 415;

    private final int httpStatus;

    public EstRefusal(int httpStatus, String message) {
        super(message);
        if (httpStatus != BAD_REQUEST && httpStatus != FORBIDDEN && httpStatus != UNSUPPORTED_MEDIA_TYPE)
            throw new IllegalArgumentException("an EST refusal is 400, 403 or 415, not " + httpStatus);
        this.httpStatus = httpStatus;
    }

    public EstRefusal(int httpStatus, String message, Throwable cause) {
        this(httpStatus, message);
        initCause(cause);
    }

    /** 400 (bad CSR), 403 (not authorised) or 415 (not a CSR's media type). */
    public int httpStatus() {
        return httpStatus;
    }
}
