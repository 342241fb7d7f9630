package org.example.tef.api.wire;

import org.example.onem2m.primitive.ResponsePrimitive;

import org.example.onem2m.primitive.RequestPrimitive;

import org.example.tef.api.channel.SecureSession;
import org.osgi.annotation.versioning.ConsumerType;

/** Serves one request primitive that arrived in an authenticated session. */
@ConsumerType
@FunctionalInterface
public interface PrimitiveHandler {
    ResponsePrimitive handle(SecureSession session, RequestPrimitive request);
}
