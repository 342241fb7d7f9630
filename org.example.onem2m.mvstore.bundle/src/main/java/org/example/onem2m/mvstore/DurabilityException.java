package org.example.onem2m.mvstore;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A write to a durable store could not be confirmed as committed and forced to disk: the caller must treat it as not
 * stored (after a failed commit or sync it was rolled back; after a time-out it may or may not be there after a
 * restart).
 */
@ProviderType
public final class DurabilityException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DurabilityException(String message, Throwable cause) {
        super(message, cause);
    }
}
