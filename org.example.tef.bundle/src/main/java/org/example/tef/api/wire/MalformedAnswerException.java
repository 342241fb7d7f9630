package org.example.tef.api.wire;

import java.io.IOException;

/**
 * The peer answered, but not with a response primitive in the HTTP binding: no or an unknown X-M2M-RSC, a broken
 * HTTP message. Distinct from other IOExceptions (no answer at all) so that a client can report a receiver-side
 * fault (oneM2M 5000) rather than a failed connection.
 */
public class MalformedAnswerException extends IOException {
    private static final long serialVersionUID = 1L;

    public MalformedAnswerException(String message, Throwable cause) {
        super(message, cause);
    }
}
