package org.example.tef.api.channel;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The provisioned client certificate information (TS-0003 8.1.2.5): given a chain that already validated
 * against the trust anchors, who it authenticates, or empty to refuse it.
 */
@ConsumerType
@FunctionalInterface
public interface ClientCertificates {
    Optional<String> peerIdFor(List<X509Certificate> chain);
}
