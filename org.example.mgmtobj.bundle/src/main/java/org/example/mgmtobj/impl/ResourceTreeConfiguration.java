package org.example.mgmtobj.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = ResourceTreeConfiguration.PID,
        name = "oneM2M device-configuration resource tree",
        description = "The CSE resource tree of <node> and TS-0022 <mgmtObj> resources, served over the oneM2M HTTP binding at {servletPattern}/{cseId}/{cseName} (/~/{cseId}/{cseName} by default).")
public @interface ResourceTreeConfiguration {
    String PID = "org.example.mgmtobj";

    @AttributeDefinition(name = "Servlet pattern",
            description = "HTTP Whiteboard pattern of the oneM2M HTTP binding: a path prefix ending in /* (default /~/*). The servlet "
                    + "takes the rest of the path as the SP-relative target, so /tef/~/* serves /tef/~/{cseId}/{cseName}. Inside Eclipse "
                    + "OM2M choose one that does not shadow OM2M's own /~/ (the OM2M drop-in uses /tef/~/*).")
    String servletPattern() default "/~/*";

    @AttributeDefinition(name = "CSE-ID", description = "SP-relative CSE-ID without the leading slash, as in /~/{cseId}/{cseName}.")
    String cseId() default "in-cse";

    @AttributeDefinition(name = "CSE name", description = "Resource name of the CSEBase.")
    String cseName() default "in-name";

    @AttributeDefinition(name = "Admin originators",
            description = "Originators (X-M2M-Origin) allowed to read and change the device configuration; others get 4103. Comma-separated values are split.")
    String[] adminOriginators() default {"CAdmin"};

    @AttributeDefinition(name = "Data directory",
            description = "Directory of the durable store (relative to the working directory). Empty keeps everything in memory and loses it at stop.")
    String dataDirectory() default "data";

    @AttributeDefinition(name = "Largest request body", description = "Requests with a larger body are refused with 4000 (bytes).")
    int maxRequestBytes() default 65536;

    @AttributeDefinition(name = "Default lifetime",
            description = "expirationTime (et) given to a <node> or <mgmtObj> created without one, and once at start to resources stored without one: now plus this many seconds (default one year).")
    long defaultLifetimeSeconds() default 31536000L;

    @AttributeDefinition(name = "Maximum lifetime",
            description = "The longest lifetime the CSE grants: a proposed expirationTime later than now plus this many seconds is shortened to it (default ten years). At least the default lifetime.")
    long maxLifetimeSeconds() default 315360000L;

    @AttributeDefinition(name = "Expiry check interval", description = "How often expired resources are removed and reported (milliseconds).")
    long expiryCheckIntervalMillis() default 1000;
}
