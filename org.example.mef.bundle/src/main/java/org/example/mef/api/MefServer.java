package org.example.mef.api;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** A MEF server started by {@link MefServerBuilder} outside OSGi; also the stakeholder's administration interface. */
@ProviderType
public interface MefServer extends MefAdministration, Closeable {

    /** Where the TLS endpoint listens (with port 0 asked for, the port the system chose). */
    InetSocketAddress address();

    /**
     * The base URI of the MEF's EST server (TS-0003 8.3.6.2), {@code https://<MEF-FQDN>:<port>/.well-known/est/}, when it
     * was started with {@link MefServerBuilder#est(int)}; what a CERT_PROV command carries (8.3.9.7).
     */
    default Optional<URI> estBaseUri() { return Optional.empty(); }

    /** Stops the purge, closes the TLS server with its open sessions, and closes the registry and the MEF's stores. */
    @Override
    void close() throws IOException;
}
