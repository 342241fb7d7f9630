package org.example.mef.api;

import org.example.tef.client.TefException;

/**
 * A procedure the MEF refused (its RSC), whose answer the client could not use (5000), that the client would not send
 * (4000), or that got no answer (0); see {@link TefException#rsc()}, which a MAF Client's exception shares.
 */
public class MefException extends TefException {
    private static final long serialVersionUID = 1L;

    public MefException(int rsc, String message) {
        super(rsc, message);
    }

    public MefException(String message, Throwable cause) {
        super(message, cause);
    }

    public MefException(int rsc, String message, Throwable cause) {
        super(rsc, message, cause);
    }
}
