package org.example.maf.api;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;

import org.osgi.annotation.versioning.ProviderType;

/** A MAF server started by {@link MafServerBuilder} outside OSGi; also the stakeholders' administration interface. */
@ProviderType
public interface MafServer extends StakeholderAdministration, Closeable {

    /** Where the TLS endpoint listens (with port 0 asked for, the port the system chose). */
    InetSocketAddress address();

    /** Stops the purge, closes the TLS server with its open sessions, and closes the registry. */
    @Override
    void close() throws IOException;
}
