package org.example.device.impl.trust;

/**
 * Processing a [trustAnchorCred] MO node failed (TS-0003 8.3.9.9.7): the MEF Client Command Update reports
 * MEF_CLIENT_CMD_MO_NODE_PROCESSING_FAILED. The message is meant for an operator: what failed, which URI, and the
 * expected and actual fingerprints where they are known.
 */
public final class TrustAnchorException extends Exception {
    private static final long serialVersionUID = 1L;

    public TrustAnchorException(String message) {
        super(message);
    }

    public TrustAnchorException(String message, Throwable cause) {
        super(message, cause);
    }
}
