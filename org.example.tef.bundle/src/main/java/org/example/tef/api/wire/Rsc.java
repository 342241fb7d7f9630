package org.example.tef.api.wire;

/** The response status codes (TS-0004 6.6.3) the MAF and MEF answer with, and their HTTP status (TS-0009 table 6.3.2-1). */
public enum Rsc {
    OK(2000, 200),
    CREATED(2001, 201),
    DELETED(2002, 200),
    UPDATED(2004, 200),
    BAD_REQUEST(4000, 400),
    NOT_FOUND(4004, 404),
    OPERATION_NOT_ALLOWED(4005, 405),
    CONTENTS_UNACCEPTABLE(4102, 400),
    ORIGINATOR_HAS_NO_PRIVILEGE(4103, 403),
    CONFLICT(4105, 409),
    ORIGINATOR_NOT_AUTHENTICATED(4106, 403),
    SECURITY_ASSOCIATION_REQUIRED(4107, 403),
    ORIGINATOR_HAS_ALREADY_REGISTERED(4117, 403),
    INTERNAL_SERVER_ERROR(5000, 500),
    NOT_IMPLEMENTED(5001, 501),
    TARGET_NOT_REACHABLE(5103, 404);

    private final int code;
    private final int httpStatus;

    Rsc(int code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public int code() { return code; }
    public int httpStatus() { return httpStatus; }
    public boolean isSuccess() { return code >= 2000 && code < 3000; }

    public static Rsc of(int code) {
        for (Rsc r : values()) if (r.code == code) return r;
        throw new IllegalArgumentException("unknown response status code " + code);
    }
}
