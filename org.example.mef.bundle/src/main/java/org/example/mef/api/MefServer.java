package org.example.mef.api;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;

import org.osgi.annotation.versioning.ProviderType;

/** A MEF server started by {@link MefServerBuilder} outside OSGi; also the stakeholder's administration interface. */
@ProviderType
public interface MefServer extends MefAdministration, Closeable {

    /** Where the TLS endpoint listens (with port 0 asked for, the port the system chose). */
    InetSocketAddress address();

    /** Stops the purge, closes the TLS server with its open sessions, and closes the registry and the MEF's stores. */
    @Override
    void close() throws IOException;
}
