package org.example.tef.impl.store;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = MVStoreRegistrationStoreConfiguration.FACTORY_PID, name = "oneM2M registration store (embedded, durable)",
        description = "A durable store of MAF/MEF client and key registrations in one H2 MVStore file, registered as a"
                + " RegistrationStore service with the service property name. Every write is on disk before it is acknowledged.")
public @interface MVStoreRegistrationStoreConfiguration {
    String FACTORY_PID = "org.example.tef.store.mvstore";

    @AttributeDefinition(name = "Name", description = "The service property name=<this> that consumers select the store by"
            + " (the MAF: store.target=(name=maf)); 1 to 64 characters [A-Za-z0-9._-].")
    String name();

    @AttributeDefinition(name = "Data directory", description = "Directory of the store file; created if missing. A relative"
            + " path is relative to the working directory of the process.")
    String dataDirectory() default "data";

    @AttributeDefinition(name = "File", description = "The store file: relative to the data directory unless absolute."
            + " Empty: <name>-registry.mv.db (maf-registry.mv.db for the name maf).", required = false)
    String file() default "";
}
