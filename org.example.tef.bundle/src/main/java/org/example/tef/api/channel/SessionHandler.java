package org.example.tef.api.channel;

import java.io.IOException;

import org.osgi.annotation.versioning.ConsumerType;

/** Serves one established session on the server side; the session is closed when this returns. */
@ConsumerType
@FunctionalInterface
public interface SessionHandler {
    void serve(SecureSession session) throws IOException;
}
