package org.example.maf.impl.server;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = MafServerConfiguration.PID, name = "oneM2M MAF server",
        description = "The M2M Authentication Function (TS-0003 8.8): TLS 1.2 endpoint of the MAF procedures.")
public @interface MafServerConfiguration {
    String PID = "org.example.maf.server";

    @AttributeDefinition(name = "MAF-FQDN", description = "The MAF's FQDN (MAF-ID): clients send it as SNI and in Key Identifiers.")
    String fqdn() default "maf.example.com";

    @AttributeDefinition(name = "Listen address", description = "127.0.0.1 keeps the MAF on this machine; 0.0.0.0 for every interface.")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Port", description = "TCP port of the TLS endpoint.")
    int port() default 8443;

    @AttributeDefinition(name = "Data directory", description = "Directory of the durable registry; empty keeps it in memory only.")
    String dataDirectory() default "data";

    @AttributeDefinition(name = "Purge interval", description = "How often expired registrations are removed from the store (seconds). They are unusable from the moment they expire.")
    long purgeIntervalSeconds() default 60;

    @AttributeDefinition(name = "Largest number of open sessions")
    int maxConnections() default 256;
}
