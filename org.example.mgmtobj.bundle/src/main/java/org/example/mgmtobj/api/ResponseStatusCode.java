package org.example.mgmtobj.api;

/**
 * The oneM2M response status codes (TS-0004 6.6.3) this endpoint answers with, and their HTTP status
 * (TS-0009 table 6.3.2-1).
 */
public enum ResponseStatusCode {
    OK(2000, 200),
    CREATED(2001, 201),
    DELETED(2002, 200),
    UPDATED(2004, 200),
    BAD_REQUEST(4000, 400),
    NOT_FOUND(4004, 404),
    OPERATION_NOT_ALLOWED(4005, 405),
    UNSUPPORTED_MEDIA_TYPE(4015, 415),
    CONTENTS_UNACCEPTABLE(4102, 400),
    ORIGINATOR_HAS_NO_PRIVILEGE(4103, 403),
    CONFLICT(4105, 409),
    INVALID_CHILD_RESOURCE_TYPE(4108, 403),
    INTERNAL_SERVER_ERROR(5000, 500),
    NOT_IMPLEMENTED(5001, 501),
    NOT_ACCEPTABLE(5207, 406);

    private final int code;
    private final int httpStatus;

    ResponseStatusCode(int code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The numeric RSC, as sent in {@code X-M2M-RSC}. */
    public int code() { return code; }

    public int httpStatus() { return httpStatus; }

    public boolean isSuccess() { return code >= 2000 && code < 3000; }
}
