package org.example.device.impl;

/** The attempt should be repeated later: the MEF did not answer (rsc 0), or a precondition is not met yet. */
final class RetryLater extends Exception {
    private static final long serialVersionUID = 1L;

    /** What an MO_NODE command, which is not retried, reports for it (8.3.9.5.17, .18). */
    final int commandStatus;

    RetryLater(String reason) { this(reason, MoFailure.PROCESSING_FAILED); }

    /** @param commandStatus the cmdStatusCode an MO_NODE command reports when this is its answer */
    RetryLater(String reason, int commandStatus) {
        super(reason);
        this.commandStatus = commandStatus;
    }
}
