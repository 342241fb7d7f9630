package org.example.tef.impl.store;

/**
 * A write to a durable registration store could not be confirmed as committed and forced to disk: the caller must
 * treat the registration as not stored (it may or may not be there after a restart).
 */
public final class DurabilityException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DurabilityException(String message, Throwable cause) {
        super(message, cause);
    }
}
