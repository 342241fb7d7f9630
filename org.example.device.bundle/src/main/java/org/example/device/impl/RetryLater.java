package org.example.device.impl;

/** The attempt should be repeated later: the MEF did not answer (rsc 0), or a precondition is not met yet. */
final class RetryLater extends Exception {
    private static final long serialVersionUID = 1L;

    RetryLater(String reason) { super(reason); }
}
