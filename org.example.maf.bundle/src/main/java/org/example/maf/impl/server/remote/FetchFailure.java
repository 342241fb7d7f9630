package org.example.maf.impl.server.remote;

/**
 * A fetch that gave no credential: the MEF refused it (its answer, table 8.3.2.1-6, as a oneM2M status and
 * ErrorString), or could not be reached or answered nonsense. The message is for the log; it never holds a key.
 */
final class FetchFailure extends Exception {
    private static final long serialVersionUID = 1L;
    /** True when the MEF answered and refused; false when it could not be asked. */
    final boolean refused;

    FetchFailure(boolean refused, String message) {
        super(message, null, false, false);
        this.refused = refused;
    }
}
