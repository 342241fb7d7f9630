package org.example.tef.api.wire;

import org.example.tef.api.channel.SecureSession;
import org.osgi.annotation.versioning.ConsumerType;

/** Serves one request primitive that arrived in an authenticated session. */
@ConsumerType
@FunctionalInterface
public interface PrimitiveHandler {
    WireResponse handle(SecureSession session, WireRequest request);
}
