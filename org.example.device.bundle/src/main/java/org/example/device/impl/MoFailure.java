package org.example.device.impl;

/** Processing an MO failed for good: the reason and the cmdStatusCode an MO_NODE command would report (TS-0003 8.3.9.5.17, .18). */
final class MoFailure extends Exception {
    private static final long serialVersionUID = 1L;
    /** 8.3.9.5.17: the MO graph breaks a rule of 8.3.9.9.2. */
    static final int INCONSISTENT_CONFIG = 304;
    /** 8.3.9.5.18 (12.3.2.4 names it EXECUTION_ERROR): the procedure failed, or its answer did not verify. */
    static final int PROCESSING_FAILED = 305;

    final int statusCode;

    MoFailure(int statusCode, String reason) {
        super(reason);
        this.statusCode = statusCode;
    }

    static MoFailure inconsistent(String reason) { return new MoFailure(INCONSISTENT_CONFIG, reason); }

    static MoFailure processing(String reason) { return new MoFailure(PROCESSING_FAILED, reason); }
}
